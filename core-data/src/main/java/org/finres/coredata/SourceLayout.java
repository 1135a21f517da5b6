package org.finres.coredata;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The column layout shared by CSV and JSON Lines sources (FORMAT.md, "Import layouts"): snake_case columns,
 * customers keyed by the institution's own {@code customer_ref}, which is pseudonymised on the way in and never
 * written to the dataset.
 */
final class SourceLayout {

    /** One source row: a CSV line or a JSON object, read by column name. */
    interface Row {
        /** The column's text, or null when the column is absent or empty. */
        String get(String column);
    }

    static final Map<Entity, List<String>> REQUIRED = Map.of(
            Entity.CUSTOMERS, List.of("customer_ref", "display_name", "contact_channel", "kyc_status"),
            Entity.ACCOUNTS, List.of("account_id", "customer_ref", "type", "currency", "status"),
            Entity.BALANCES, List.of("account_id", "business_date", "opening", "closing", "currency"),
            Entity.TRANSACTIONS, List.of("transaction_id", "account_id", "booking_date", "amount", "direction",
                    "currency"));

    static final Map<Entity, List<String>> OPTIONAL = Map.of(
            Entity.CUSTOMERS, List.of("contact", "segment", "opened"),
            Entity.ACCOUNTS, List.of("opened"),
            Entity.BALANCES, List.of("available"),
            Entity.TRANSACTIONS, List.of("value_date", "counterparty_ref", "description"));

    /** Amount columns: JSON sources must give them as strings. */
    static final Set<String> AMOUNTS = Set.of("opening", "closing", "available", "amount");

    private final CustomerPseudonymiser pseudonymiser;

    SourceLayout(CustomerPseudonymiser pseudonymiser) {
        this.pseudonymiser = pseudonymiser;
    }

    /** The source file of an entity in a source folder, "customers.csv" or "customers.jsonl". */
    static String fileName(Entity entity, String extension) {
        return entity.key() + "." + extension;
    }

    /** Converts a row; IllegalArgumentException names the column and what is wrong with it. */
    CoreRecord record(Entity entity, Row row) {
        for (String column : REQUIRED.get(entity)) {
            if (row.get(column) == null) {
                throw new IllegalArgumentException("column " + column + " is empty");
            }
        }
        return switch (entity) {
            case CUSTOMERS -> new Customer(pseudonymiser.pseudonym(row.get("customer_ref")), row.get("display_name"),
                    Fields.enumValue(ContactChannel.class, row.get("contact_channel"), "contact_channel"),
                    row.get("contact"), row.get("segment"),
                    Fields.enumValue(KycStatus.class, row.get("kyc_status"), "kyc_status"),
                    Fields.optionalDate(row.get("opened"), "opened"));
            case ACCOUNTS -> new Account(row.get("account_id"), pseudonymiser.pseudonym(row.get("customer_ref")),
                    Fields.enumValue(AccountType.class, row.get("type"), "type"), currency(row),
                    Fields.enumValue(AccountStatus.class, row.get("status"), "status"),
                    Fields.optionalDate(row.get("opened"), "opened"));
            case BALANCES -> {
                CurrencyCode currency = currency(row);
                BigDecimal closing = amount(currency, row, "closing");
                yield new Balance(row.get("account_id"), Fields.date(row.get("business_date"), "business_date"),
                        amount(currency, row, "opening"), closing,
                        row.get("available") == null ? closing : amount(currency, row, "available"), currency);
            }
            case TRANSACTIONS -> {
                CurrencyCode currency = currency(row);
                BigDecimal amount = amount(currency, row, "amount");
                if (amount.signum() < 0) {
                    throw new IllegalArgumentException("column amount " + row.get("amount")
                            + " is negative: give the magnitude and the direction DEBIT or CREDIT");
                }
                var booking = Fields.date(row.get("booking_date"), "booking_date");
                var value = row.get("value_date") == null ? booking : Fields.date(row.get("value_date"), "value_date");
                yield new Transaction(row.get("transaction_id"), row.get("account_id"), booking, value, amount,
                        Direction.parse(row.get("direction")), currency, row.get("counterparty_ref"),
                        row.get("description"));
            }
        };
    }

    private static CurrencyCode currency(Row row) {
        return CurrencyCode.of(row.get("currency"));
    }

    private static BigDecimal amount(CurrencyCode currency, Row row, String column) {
        try {
            return currency.amount(row.get(column));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column " + column + ": " + e.getMessage());
        }
    }
}
