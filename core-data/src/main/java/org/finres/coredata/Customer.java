package org.finres.coredata;

import java.time.LocalDate;

/**
 * A customer as the restoring institution needs it: a pseudonymous id (never the national id, see
 * {@link CustomerPseudonymiser}), the name to show, how to reach them, their segment and KYC status.
 *
 * @param opened the date the relationship began, or null when the source does not know it
 */
public record Customer(String id, String displayName, ContactChannel contactChannel, String contact, String segment,
        KycStatus kycStatus, LocalDate opened) implements CoreRecord {

    public Customer {
        Fields.id(id, "customer id");
        displayName = Fields.text(displayName, "display name");
        Fields.required(contactChannel, "contact channel");
        contact = Fields.text(contact, "contact");
        segment = Fields.text(segment, "segment");
        Fields.required(kycStatus, "KYC status");
    }

    @Override
    public String recordId() {
        return id;
    }

    @Override
    public Entity entity() {
        return Entity.CUSTOMERS;
    }
}
