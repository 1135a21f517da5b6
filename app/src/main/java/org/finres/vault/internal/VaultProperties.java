package org.finres.vault.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Vault settings ({@code finres.vault.*}).
 *
 * @param zone          the time zone business dates and the cut-off are read in
 * @param cutOff        on each business day, the time by which the previous business date must be attested
 * @param checkEvery    how often the missed-run check looks whether a cut-off has passed
 * @param checkEnabled  run the missed-run check at all
 * @param clockSkew     how far in the future an attestation's vaultedAt may lie (clocks differ)
 */
@ConfigurationProperties("finres.vault")
public record VaultProperties(
        @DefaultValue("Asia/Taipei") ZoneId zone,
        @DefaultValue("06:00") LocalTime cutOff,
        @DefaultValue("1m") Duration checkEvery,
        @DefaultValue("true") boolean checkEnabled,
        @DefaultValue("5m") Duration clockSkew) {
}
