package org.finres.resilience.drill.plan;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

/**
 * Transfers the runner sends while the drill runs ({@code ratePerSecond}, each with its own client id, from one
 * account to another), starting {@code warmup} before the fault so that some are acknowledged before it, and the
 * reconciliation URL that lists the committed transfer ids afterwards ({@code {"transfers":[{"id":...}]}}).
 */
public record Workload(URI transfers, double ratePerSecond, String from, String to, BigDecimal amount,
        Duration warmup, URI reconciliation) { }
