package org.finres.cli.testing;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.finres.cli.CliEnvironment;
import org.finres.cli.FinresCli;

/**
 * One {@code finres} invocation in this JVM, with a given environment and stdin, and what it printed.
 *
 * @param exitCode what the process would have exited with
 * @param out      stdout
 * @param err      stderr
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun finres(Map<String, String> environment, String... args) {
        return finres(environment, new ByteArrayInputStream(new byte[0]), args);
    }

    public static CliRun finresWithStdin(Map<String, String> environment, String stdin, String... args) {
        return finres(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    public static CliRun finres(Map<String, String> environment, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FinresCli.execute(new CliEnvironment(environment, stdin), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
