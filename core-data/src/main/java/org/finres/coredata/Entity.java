package org.finres.coredata;

/** The four record kinds of the format, each with its file in a standard dataset and its record-count key. */
public enum Entity {
    CUSTOMERS("customers"), ACCOUNTS("accounts"), BALANCES("balances"), TRANSACTIONS("transactions");

    private final String key;

    Entity(String key) {
        this.key = key;
    }

    /** The key in {@code recordCounts} ("customers", ...). */
    public String key() {
        return key;
    }

    /** The file in a standard dataset ("customers.jsonl", ...). */
    public String datasetFile() {
        return key + ".jsonl";
    }
}
