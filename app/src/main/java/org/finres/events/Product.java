package org.finres.events;

/** OCSF {@code product}: the product that reported the event (for CEF/LEEF the header's vendor, product, version). */
public record Product(String name, String vendorName, String version, String uid) {

    public static Product of(String name, String vendorName) {
        return new Product(name, vendorName, null, null);
    }
}
