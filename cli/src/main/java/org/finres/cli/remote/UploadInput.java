package org.finres.cli.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.finres.cli.CliEnvironment;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The FILE argument of a command that uploads to the hub: a path, or {@code -} for standard input. Problems are
 * picocli parameter errors naming the argument, so the user gets a usage error, not a stack trace.
 */
public final class UploadInput {

    private UploadInput() {
    }

    /**
     * @param what how the missing file is named in the error ("indicator list", "file")
     */
    public static byte[] read(CommandSpec spec, String file, String what) {
        try {
            if (file.equals("-")) {
                return CliEnvironment.of(spec).stdin().readAllBytes();
            }
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new ParameterException(spec.commandLine(), "no such " + what + ": " + file);
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot read " + file + ": " + e.getMessage());
        }
    }
}
