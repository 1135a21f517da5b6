package org.finres.coredata;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
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
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        List<String> fields = FIELDS.get(entity);
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\" for " + entity.key());
            }
        }
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value == null) {
                throw new IllegalArgumentException("field \"" + field + "\" is missing");
            }
            if (!(value.isString() || value.isNull() && NULLABLE.contains(field))) {
                throw new IllegalArgumentException("field \"" + field + "\" must be a string"
                        + (value.isNumber() ? " (amounts are strings, so no floating point can change them)" : ""));
            }
        }
        return switch (entity) {
            case CUSTOMERS -> new Customer(s(node, "id"), s(node, "displayName"),
                    Fields.enumValue(ContactChannel.class, s(node, "contactChannel"), "contactChannel"),
                    s(node, "contact"), s(node, "segment"),
                    Fields.enumValue(KycStatus.class, s(node, "kycStatus"), "kycStatus"),
                    Fields.optionalDate(s(node, "opened"), "opened"));
            case ACCOUNTS -> new Account(s(node, "id"), s(node, "customerId"),
                    Fields.enumValue(AccountType.class, s(node, "type"), "type"), CurrencyCode.of(s(node, "currency")),
                    Fields.enumValue(AccountStatus.class, s(node, "status"), "status"),
                    Fields.optionalDate(s(node, "opened"), "opened"));
            case BALANCES -> {
                CurrencyCode currency = CurrencyCode.of(s(node, "currency"));
                yield new Balance(s(node, "accountId"), Fields.date(s(node, "businessDate"), "businessDate"),
                        exact(currency, node, "opening"), exact(currency, node, "closing"),
                        exact(currency, node, "available"), currency);
            }
            case TRANSACTIONS -> {
                CurrencyCode currency = CurrencyCode.of(s(node, "currency"));
                yield new Transaction(s(node, "id"), s(node, "accountId"),
                        Fields.date(s(node, "bookingDate"), "bookingDate"),
                        Fields.date(s(node, "valueDate"), "valueDate"), exact(currency, node, "amount"),
                        Fields.enumValue(Direction.class, s(node, "direction"), "direction"), currency,
                        s(node, "counterpartyReference"), s(node, "description"));
            }
        };
    }

    private static String s(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.stringValue();
    }

    /** In the standard format an amount is written at the currency's scale exactly: "100.00", not "100". */
    private static BigDecimal exact(CurrencyCode currency, JsonNode node, String field) {
        String text = s(node, field);
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
