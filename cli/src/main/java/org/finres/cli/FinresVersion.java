package org.finres.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * The version printed by {@code --version} and sent as the User-Agent. It comes from a resource filtered by
 * Maven rather than the jar manifest, so it is also right when the classes run from {@code target/classes}.
 */
public final class FinresVersion implements IVersionProvider {

    private static final String RESOURCE = "version.properties";

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the resource is missing. */
    public static String current() {
        try (InputStream in = FinresVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            // An unfiltered resource (run from an IDE that skipped Maven's resource phase) still says "@...@".
            return version.startsWith("@") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
                "finres " + current(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"
        };
    }
}
