package org.finres.cli.vault;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.finres.cli.remote.HubConnection;
import org.finres.cli.remote.Output;
import org.finres.vault.engine.VaultException;
import org.finres.vault.engine.custody.Custodian;
import org.finres.vault.engine.custody.CustodianRole;
import org.finres.vault.engine.custody.EscrowKeyWrapping;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The M-of-N escrow of a repository's data key: custodians from public key files, or from the hub's registry. */
final class EscrowOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--custodian", paramLabel = "ROLE:NAME:FILE",
            description = "An escrow custodian: its role (INSTITUTION, HUB_OPERATOR, REGULATOR, "
                    + "RESTORING_INSTITUTION), display name and public key file. Repeat for each.")
    List<String> custodians = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "M",
            description = "Custodian approvals a restore needs (with --custodian; --custody-from-hub takes the hub's).")
    Integer threshold;

    @Option(names = "--custody-from-hub", paramLabel = "INSTITUTION",
            description = "Take threshold and custodian keys from the hub's custody registry of INSTITUTION "
                    + "(GET /api/v1/vault/custody/INSTITUTION); needs --hub/--token or FINRES_HUB_URL/FINRES_TOKEN.")
    String custodyFromHub;

    /** An escrow ready to wrap the data key, and who holds it. */
    record Escrow(int threshold, List<Custodian> custodians, EscrowKeyWrapping wrapping) {
        void describe(PrintWriter out) {
            out.println("  key: escrow " + threshold + " of " + custodians.size() + " (" + EscrowKeyWrapping.ALGORITHM
                    + ")");
            for (Custodian c : custodians) {
                out.println("    " + Output.printable(c.label()) + "  " + c.publicKey().fingerprintHex());
            }
        }
    }

    boolean given() {
        return custodyFromHub != null || !custodians.isEmpty();
    }

    Optional<Escrow> escrow(HubConnection hub) {
        if (custodyFromHub != null && !custodians.isEmpty()) {
            throw Secrets.usage(spec, "--custodian and --custody-from-hub both name the custodians; give one");
        }
        int m;
        List<Custodian> list;
        if (custodyFromHub != null) {
            if (threshold != null) {
                throw Secrets.usage(spec, "--threshold comes from the hub with --custody-from-hub; leave it out");
            }
            VaultHub.Custody custody = new VaultHub(hub.client()).custody(custodyFromHub);
            m = custody.threshold();
            list = custody.custodians();
        } else if (!custodians.isEmpty()) {
            if (threshold == null) {
                throw Secrets.usage(spec, "--custodian needs --threshold M (approvals a restore needs)");
            }
            list = new ArrayList<>();
            for (String text : custodians) {
                list.add(custodian(text));
            }
            m = threshold;
        } else {
            if (threshold != null) {
                throw Secrets.usage(spec, "--threshold goes with --custodian or --custody-from-hub");
            }
            return Optional.empty();
        }
        if (m < 2 || m > list.size()) {
            throw Secrets.usage(spec, "the threshold must be from 2 to the number of custodians (" + list.size()
                    + "), not " + m);
        }
        try {
            return Optional.of(new Escrow(m, list, EscrowKeyWrapping.forCustodians(m, list)));
        } catch (IllegalArgumentException | VaultException e) {
            throw Secrets.usage(spec, "the custodians cannot make an escrow: " + e.getMessage());
        }
    }

    private Custodian custodian(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last <= first + 1 || last == text.length() - 1) {
            throw Secrets.usage(spec, "--custodian must be ROLE:NAME:FILE, e.g. REGULATOR:FSC:fsc.pub, not '" + text
                    + "'");
        }
        CustodianRole role;
        try {
            role = CustodianRole.valueOf(text.substring(0, first).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--custodian role must be INSTITUTION, HUB_OPERATOR, REGULATOR or "
                    + "RESTORING_INSTITUTION, not '" + text.substring(0, first) + "'");
        }
        String name = text.substring(first + 1, last).strip();
        try {
            return new Custodian(role, name, KeyFiles.custodianPublicKey(Path.of(text.substring(last + 1))));
        } catch (IllegalArgumentException e) {
            throw Secrets.usage(spec, "--custodian '" + text + "': " + e.getMessage());
        }
    }
}
