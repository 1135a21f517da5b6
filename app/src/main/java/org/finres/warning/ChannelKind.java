package org.finres.warning;

import org.finres.core.InvalidInputException;

/** Where a member's warnings are delivered besides the hub's pages and TAXII. */
public enum ChannelKind {
    /** An HTTPS (or, for labs, HTTP) endpoint of the member's, POSTed a JSON notice signed by the hub. */
    WEBHOOK("webhook"),
    /** An e-mail address; TLP:AMBER+STRICT and TLP:RED warnings send only a link, never their content. */
    EMAIL("email");

    private final String code;

    ChannelKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ChannelKind fromCode(String code) {
        for (ChannelKind k : values()) {
            if (k.code.equals(code == null ? null : code.strip())) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "must be webhook or email, not '" + InvalidInputException.preview(code)
                + "'");
    }
}
