package org.finres.vault.engine.custody;

import java.util.ArrayList;
import java.util.List;

/** Custodian key pairs made once per test JVM (ML-KEM key generation is cheap, but five per test add up). */
final class CustodyTestKeys {

    static final CustodianKeyPair.Argon2id CHEAP = new CustodianKeyPair.Argon2id(64, 1, 1);
    static final List<CustodianKeyPair> PAIRS = new ArrayList<>();

    static {
        for (int i = 0; i < 6; i++) {
            PAIRS.add(CustodianKeyPair.generate());
        }
    }

    private CustodyTestKeys() {
    }

    static CustodianKeyPair pair(int i) {
        return PAIRS.get(i);
    }

    /** Institution, hub operator, regulator, central bank (a second regulator), restoring institution. */
    static List<Custodian> fiveCustodians() {
        return List.of(new Custodian(CustodianRole.INSTITUTION, "Bank A", pair(0).publicKey()),
                new Custodian(CustodianRole.HUB_OPERATOR, "FinRes hub", pair(1).publicKey()),
                new Custodian(CustodianRole.REGULATOR, "FSC", pair(2).publicKey()),
                new Custodian(CustodianRole.REGULATOR, "Central Bank", pair(3).publicKey()),
                new Custodian(CustodianRole.RESTORING_INSTITUTION, "Bank B", pair(4).publicKey()));
    }
}
