package org.finres.intel.web;

import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * TAXII 2.1's media types and the negotiation on them: {@code Accept} must admit the TAXII type (or, on the
 * object endpoints, the STIX type) at version 2.1, else 406; a POST's {@code Content-Type} must be one of them,
 * else 415. A media range without a version means the newest, which is 2.1.
 */
final class TaxiiMediaTypes {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX = "application/stix+json;version=2.1";

    private TaxiiMediaTypes() {
    }

    /** The type to answer with, for an {@code Accept} header (null when absent: anything goes). */
    static String negotiate(String accept, boolean stixAllowed) {
        if (accept == null || accept.isBlank()) {
            return TAXII;
        }
        boolean stix = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            String version = null;
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length != 2) {
                    continue;
                }
                String key = kv[0].strip().toLowerCase(Locale.ROOT);
                String value = kv[1].strip().replace("\"", "");
                if (key.equals("version")) {
                    version = value;
                } else if (key.equals("q")) {
                    try {
                        q = Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q <= 0) {
                continue;
            }
            boolean v21 = version == null || version.equals("2.1");
            switch (type) {
                case "*/*", "application/*" -> {
                    return TAXII;
                }
                case "application/taxii+json" -> {
                    if (v21) {
                        return TAXII;
                    }
                }
                case "application/stix+json" -> stix |= v21 && stixAllowed;
                default -> {
                }
            }
        }
        if (stix) {
            return STIX;
        }
        throw new TaxiiRefusal(HttpStatus.NOT_ACCEPTABLE, "Accept '" + accept + "' admits neither " + TAXII
                + (stixAllowed ? " nor " + STIX : "") + "; this server speaks TAXII 2.1");
    }

    /** True for a STIX bundle or object body, false for a TAXII envelope; 415 for anything else. */
    static boolean postedStix(String contentType) {
        if (contentType != null) {
            String[] parts = contentType.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            String version = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("version")) {
                    version = kv[1].strip().replace("\"", "");
                }
            }
            if (version == null || version.equals("2.1")) {
                if (type.equals("application/taxii+json")) {
                    return false;
                }
                if (type.equals("application/stix+json")) {
                    return true;
                }
            }
        }
        throw new TaxiiRefusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be " + TAXII
                + " (an envelope) or " + STIX + " (a bundle), was " + (contentType == null ? "absent" : "'" + contentType + "'"));
    }
}
