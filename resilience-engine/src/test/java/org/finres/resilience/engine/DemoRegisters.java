package org.finres.resilience.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.finres.resilience.engine.format.RegisterReader;

/** The registers the tests share. */
public final class DemoRegisters {

    private DemoRegisters() {
    }

    /** The demo bank: redundant-looking payments over one network carrier (see demo-bank.yml). */
    public static byte[] demoBankYaml() {
        try (InputStream in = DemoRegisters.class.getResourceAsStream("demo-bank.yml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Register demoBank() {
        return RegisterReader.read(demoBankYaml());
    }
}
