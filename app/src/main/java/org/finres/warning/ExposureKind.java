package org.finres.warning;

import org.finres.core.InvalidInputException;

/**
 * What a member declares it runs or depends on. A product is "vendor product [version]" as the member writes it
 * (matched on whole words from the start, so "fortinet fortigate" reaches "Fortinet FortiGate 7.2.5"); a supplier by
 * name; an address range as an IPv4 or IPv6 address or CIDR; a domain with its subdomains.
 */
public enum ExposureKind {
    PRODUCT("product"), SUPPLIER("supplier"), ADDRESS_RANGE("range"), DOMAIN("domain");

    private final String code;

    ExposureKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ExposureKind fromCode(String code) {
        for (ExposureKind k : values()) {
            if (k.code.equals(code == null ? null : code.strip())) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "must be product, supplier, range or domain, not '"
                + InvalidInputException.preview(code) + "'");
    }
}
