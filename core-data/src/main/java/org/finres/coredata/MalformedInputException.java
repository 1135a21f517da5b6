package org.finres.coredata;

/**
 * An input that cannot be read as what it claims to be: names the file, where in it (a line, or a camt.053
 * element path with its line) and what is wrong. Nothing of a malformed import is published.
 */
public final class MalformedInputException extends CoreDataException {

    private final String file;
    private final String location;
    private final String problem;

    public MalformedInputException(String file, String location, String problem) {
        this(file, location, problem, null);
    }

    public MalformedInputException(String file, String location, String problem, Throwable cause) {
        super(file + (location == null || location.isEmpty() ? "" : ", " + location) + ": " + problem, cause);
        this.file = file;
        this.location = location == null ? "" : location;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** "line 12", or "line 40, /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]/Amt"; empty for the whole file. */
    public String location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
