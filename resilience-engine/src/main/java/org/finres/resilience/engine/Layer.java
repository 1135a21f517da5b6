package org.finres.resilience.engine;

import java.util.Arrays;
import java.util.Optional;

/**
 * The layers of the dependency graph, from the top (the service customers see) to the bottom (the supplier). An
 * element may depend only on elements of a lower layer, or of its own layer where that is real life (a process
 * on a sub-process, an application calling another, a data store fed from another).
 */
public enum Layer {
    SERVICE("service", false),
    PROCESS("process", true),
    APPLICATION("application", true),
    DATA_STORE("data-store", true),
    SITE("site", false),
    AVAILABILITY_ZONE("availability-zone", false),
    REGION("region", false),
    CLOUD_PROVIDER("cloud-provider", false),
    NETWORK_CARRIER("network-carrier", false),
    SUPPLIER("supplier", false);

    private final String formatName;
    private final boolean dependsWithinLayer;

    Layer(String formatName, boolean dependsWithinLayer) {
        this.formatName = formatName;
        this.dependsWithinLayer = dependsWithinLayer;
    }

    /** The name in the register format ({@code data-store}, {@code network-carrier}, ...). */
    public String formatName() {
        return formatName;
    }

    public static Optional<Layer> fromFormatName(String name) {
        return Arrays.stream(values()).filter(l -> l.formatName.equals(name)).findFirst();
    }

    /** Whether an element of this layer may depend on {@code target}: lower layers always, its own only for some. */
    public boolean mayDependOn(Layer target) {
        return target.ordinal() > ordinal() || (target == this && dependsWithinLayer);
    }

    /** The layers below the application stack whose loss takes down everything on them. */
    public boolean isInfrastructureOrSupplier() {
        return ordinal() >= SITE.ordinal();
    }

    @Override
    public String toString() {
        return formatName;
    }
}
