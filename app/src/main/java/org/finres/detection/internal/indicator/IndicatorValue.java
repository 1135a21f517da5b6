package org.finres.detection.internal.indicator;

import java.util.Objects;

/**
 * A typed indicator value in canonical form, before the store has given it an id (what an analyst uploads). The
 * constructor accepts only canonical values, so two equal records always mean the same indicator.
 */
public record IndicatorValue(IndicatorType type, String value) {

    public IndicatorValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        IndicatorSyntax.Normalised normalised = IndicatorSyntax.normalise(type, value);
        if (normalised.type() != type || !normalised.value().equals(value)) {
            throw new IndicatorFormatException(type.code() + " " + IndicatorSyntax.quote(value)
                    + " is not in canonical form; parse it first (canonical: " + normalised.type().code() + " "
                    + IndicatorSyntax.quote(normalised.value()) + ")");
        }
    }

    /**
     * Parses and normalises {@code text} as an indicator of the type named by {@code typeCode} (see
     * {@link IndicatorType#fromCode}; {@code ip} picks the family from the value). The result's type may differ
     * from the code's where one canonical form covers both: an IPv4-mapped IPv6 address or network becomes IPv4, a
     * {@code /32} or {@code /128} network a single address, and an {@code ipv4}/{@code ipv6} value with a prefix
     * length (as STIX allows) a {@code cidr}.
     *
     * @throws IndicatorFormatException naming exactly what is wrong
     */
    public static IndicatorValue parse(String typeCode, String text) {
        IndicatorType type = typeCode != null && typeCode.strip().equalsIgnoreCase("ip")
                ? IndicatorSyntax.resolveIpFamily(text) : IndicatorType.fromCode(typeCode);
        return parse(type, text);
    }

    /** As {@link #parse(String, String)} with a known type. */
    public static IndicatorValue parse(IndicatorType type, String text) {
        IndicatorSyntax.Normalised normalised = IndicatorSyntax.normalise(Objects.requireNonNull(type, "type"), text);
        return new IndicatorValue(normalised.type(), normalised.value());
    }

    /** Parses a value of unknown type, inferring it by shape ({@link IndicatorType#infer}). */
    public static IndicatorValue parseInferred(String text) {
        return parse(IndicatorType.infer(text), text);
    }

    public Indicator withId(long id) {
        return new Indicator(type, value, id);
    }

    @Override
    public String toString() {
        return type.code() + ":" + value;
    }
}
