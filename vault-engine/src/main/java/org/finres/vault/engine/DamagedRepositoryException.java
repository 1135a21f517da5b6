package org.finres.vault.engine;

/** The repository's stored data is damaged where an operation needed it; {@link #problem()} says where. */
public final class DamagedRepositoryException extends VaultException {

    private final transient Problem problem;

    public DamagedRepositoryException(Problem problem) {
        this(problem, null);
    }

    public DamagedRepositoryException(Problem problem, Throwable cause) {
        super(problem.describe(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
