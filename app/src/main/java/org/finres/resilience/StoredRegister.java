package org.finres.resilience;

import org.finres.resilience.engine.Register;

/** A register version with its source text exactly as uploaded and the register it reads as. */
public record StoredRegister(RegisterVersion version, String source, Register register) {
}
