package org.finres.resilience.engine.analysis;

import java.util.List;

import org.finres.resilience.engine.Layer;
import org.finres.resilience.engine.Register;
import org.finres.resilience.engine.format.RegisterReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SectorConcentrationTests {

    /** A bank whose one service runs on a cloud region and a payment supplier, either plainly or redundantly. */
    private static Register bank(String institution, boolean redundantSupplier, String regionRef) {
        String supplierDeps = redundantSupplier
                ? "      - {group: vendors, mode: active-passive, failover: 30m, members: [vendor, backup-vendor]}\n"
                : "      - vendor\n";
        return RegisterReader.read("""
                format: finres-resilience-register/1
                institution: %s
                services:
                  - id: payments
                    tolerance: {maxTolerableDowntime: 4h, rto: 2h, rpo: 5m}
                    dependsOn: [pay-app]
                elements:
                  - id: pay-app
                    layer: application
                    rto: 1h
                    dependsOn:
                      - region-a
                %s  - {id: region-a, layer: region, name: Their region, rto: 2h, sharedRef: %s}
                  - {id: vendor, layer: supplier, name: FastPay Ltd, rto: 12h, sharedRef: lei:FASTPAY}
                  - {id: backup-vendor, layer: supplier, name: Backup %s, rto: 12h}
                """.formatted(institution, supplierDeps, regionRef, institution));
    }

    @Test
    void countsInstitutionsPerSharedSupplierAndRegion() {
        List<SectorConcentration.Entry> entries = SectorConcentration.of(List.of(
                bank("bank-a", false, "cloud:east"), bank("bank-b", false, "cloud:east"),
                bank("bank-c", true, "cloud:west")));
        SectorConcentration.Entry first = entries.getFirst();
        assertThat(first.key()).isEqualTo("lei:FASTPAY");
        assertThat(first.layer()).isEqualTo(Layer.SUPPLIER);
        assertThat(first.names()).containsExactly("FastPay Ltd");
        assertThat(first.institutions()).containsExactly("bank-a", "bank-b", "bank-c");
        assertThat(first.services()).isEqualTo(3);
        // Bank C fails over to its backup vendor in 30m: only A and B breach.
        assertThat(first.institutionsBreached()).containsExactly("bank-a", "bank-b");
        assertThat(first.servicesBreached()).isEqualTo(2);
        SectorConcentration.Entry east = entries.stream().filter(e -> e.key().equals("cloud:east")).findFirst()
                .orElseThrow();
        assertThat(east.institutions()).containsExactly("bank-a", "bank-b");
        assertThat(east.institutionsBreached()).isEmpty();   // 2h within 4h
        // Unshared backups are matched by layer and name, so each stays its own entry.
        assertThat(entries).filteredOn(e -> e.key().startsWith("supplier:backup")).hasSize(1)
                .allMatch(e -> e.institutions().equals(List.of("bank-c")));
    }

    @Test
    void refusesTwoRegistersOfOneInstitution() {
        assertThatThrownBy(() -> SectorConcentration.of(List.of(bank("bank-a", false, "x"),
                bank("bank-a", true, "y")))).hasMessageContaining("two registers of institution bank-a");
    }
}
