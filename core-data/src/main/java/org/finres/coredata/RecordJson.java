package org.finres.coredata;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON Lines layout of the standard dataset's records (FORMAT.md): one object per line, camelCase keys,
 * amounts and dates as strings. Reading is strict: every field of version 1 must be there (optional ones may be
 * null), no other field may be, amounts must be strings at the currency's scale.
 */
final class RecordJson {

    /** Dataset files: no separator between root values, the writer ends each record with '\n' itself. */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .rootValueSeparator((String) null)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static final Map<Entity, List<String>> FIELDS = Map.of(
            Entity.CUSTOMERS, List.of("id", "displayName", "contactChannel", "contact", "segment", "kycStatus",
                    "opened"),
            Entity.ACCOUNTS, List.of("id", "customerId", "type", "currency", "status", "opened"),
            Entity.BALANCES, List.of("accountId", "businessDate", "opening", "closing", "available", "currency"),
            Entity.TRANSACTIONS, List.of("id", "accountId", "bookingDate", "valueDate", "amount", "direction",
                    "currency", "counterpartyReference", "description"));

    private static final Set<String> NULLABLE = Set.of("opened");

    private RecordJson() {
    }

    static void write(CoreRecord record, JsonGenerator g) {
        g.writeStartObject();
        switch (record) {
            case Customer c -> {
                g.writeStringProperty("id", c.id());
                g.writeStringProperty("displayName", c.displayName());
                g.writeStringProperty("contactChannel", c.contactChannel().name());
                g.writeStringProperty("contact", c.contact());
                g.writeStringProperty("segment", c.segment());
                g.writeStringProperty("kycStatus", c.kycStatus().name());
                date(g, "opened", c.opened());
            }
            case Account a -> {
                g.writeStringProperty("id", a.id());
                g.writeStringProperty("customerId", a.customerId());
                g.writeStringProperty("type", a.type().name());
                g.writeStringProperty("currency", a.currency().value());
                g.writeStringProperty("status", a.status().name());
                date(g, "opened", a.opened());
            }
            case Balance b -> {
                g.writeStringProperty("accountId", b.accountId());
                g.writeStringProperty("businessDate", b.businessDate().toString());
                g.writeStringProperty("opening", b.currency().format(b.opening()));
                g.writeStringProperty("closing", b.currency().format(b.closing()));
                g.writeStringProperty("available", b.currency().format(b.available()));
                g.writeStringProperty("currency", b.currency().value());
            }
            case Transaction t -> {
                g.writeStringProperty("id", t.id());
                g.writeStringProperty("accountId", t.accountId());
                g.writeStringProperty("bookingDate", t.bookingDate().toString());
                g.writeStringProperty("valueDate", t.valueDate().toString());
                g.writeStringProperty("amount", t.currency().format(t.amount()));
                g.writeStringProperty("direction", t.direction().name());
                g.writeStringProperty("currency", t.currency().value());
                g.writeStringProperty("counterpartyReference", t.counterpartyReference());
                g.writeStringProperty("description", t.description());
            }
        }
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void date(JsonGenerator g, String name, LocalDate date) {
        if (date == null) {
            g.writeNullProperty(name);
        } else {
            g.writeStringProperty(name, date.toString());
        }
    }

    /** Parses one line; IllegalArgumentException names the field that is wrong. */
    static CoreRecord read(Entity entity, String line) {
        List<String> fields = FIELDS.get(entity);
        String[] v = fieldsOf(entity, fields, line);
        return switch (entity) {
            case CUSTOMERS -> new Customer(v[0], v[1],
                    Fields.enumValue(ContactChannel.class, v[2], "contactChannel"), v[3], v[4],
                    Fields.enumValue(KycStatus.class, v[5], "kycStatus"), Fields.optionalDate(v[6], "opened"));
            case ACCOUNTS -> new Account(v[0], v[1], Fields.enumValue(AccountType.class, v[2], "type"),
                    CurrencyCode.of(v[3]), Fields.enumValue(AccountStatus.class, v[4], "status"),
                    Fields.optionalDate(v[5], "opened"));
            case BALANCES -> {
                CurrencyCode currency = CurrencyCode.of(v[5]);
                yield new Balance(v[0], Fields.date(v[1], "businessDate"), exact(currency, v[2], "opening"),
                        exact(currency, v[3], "closing"), exact(currency, v[4], "available"), currency);
            }
            case TRANSACTIONS -> {
                CurrencyCode currency = CurrencyCode.of(v[6]);
                yield new Transaction(v[0], v[1], Fields.date(v[2], "bookingDate"), Fields.date(v[3], "valueDate"),
                        exact(currency, v[4], "amount"), Fields.enumValue(Direction.class, v[5], "direction"),
                        currency, v[7], v[8]);
            }
        };
    }

    /**
     * The values of one flat JSON object in {@code fields} order, read with the streaming parser (no tree per
     * line: validation reads every line of gigabyte datasets). Unknown, missing, repeated and non-string fields
     * are refused, as is anything after the object.
     */
    private static String[] fieldsOf(Entity entity, List<String> fields, String line) {
        String[] values = new String[fields.size()];
        boolean[] seen = new boolean[fields.size()];
        try (JsonParser p = MAPPER.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                int i = fields.indexOf(name);
                if (i < 0) {
                    throw new IllegalArgumentException("unknown field \"" + name + "\" for " + entity.key());
                }
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    values[i] = p.getString();
                } else if (!(value == JsonToken.VALUE_NULL && NULLABLE.contains(name))) {
                    throw new IllegalArgumentException("field \"" + name + "\" must be a string"
                            + (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                            ? " (amounts are strings, so no floating point can change them)" : ""));
                }
                seen[i] = true;
            }
            if (t != JsonToken.END_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException("field \"" + fields.get(i) + "\" is missing");
            }
        }
        return values;
    }

    /** In the standard format an amount is written at the currency's scale exactly: "100.00", not "100". */
    private static BigDecimal exact(CurrencyCode currency, String text, String field) {
        BigDecimal amount;
        try {
            amount = currency.amount(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
        if (!currency.format(amount).equals(text)) {
            throw new IllegalArgumentException(field + " \"" + text + "\" is not written with exactly "
                    + currency.scale() + " decimal places for " + currency);
        }
        return amount;
    }
}
