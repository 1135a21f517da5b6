package org.finres.core;

import java.util.regex.Pattern;

/** The public half of an API token: the part that may appear in logs and the audit trail. */
public record TokenId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z2-7]{16}");

    public TokenId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("tokenId", "must be 16 base32 characters (was '"
                    + InvalidInputException.preview(value) + "')", "tokenId.shape");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
