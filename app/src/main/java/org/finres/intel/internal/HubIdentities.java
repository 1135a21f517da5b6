package org.finres.intel.internal;

import java.util.List;
import java.util.UUID;

import org.finres.core.InstitutionId;
import org.finres.stix.ObservableIds;
import org.finres.stix.StixObjectBuilder;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;

/**
 * The STIX identities the hub publishes on members' behalf: one anonymous identity shared by every anonymous
 * submission (so anonymous objects cannot be told apart by creator), and one per institution for named
 * converted uploads. Ids are derived from fixed names and the creation time is fixed, so republishing one is a
 * duplicate, never a new version.
 */
public final class HubIdentities {

    private static final UUID NAMESPACE = UUID.fromString("6f1f3b9e-4a51-4c1e-9a55-2b8f0d6c7e10");
    private static final String CREATED = "2026-01-01T00:00:00.000Z";

    public static final StixId ANONYMOUS = StixId.of("identity", ObservableIds.uuidV5(NAMESPACE, "finres:anonymous-member"));

    private HubIdentities() {
    }

    public static StixObject anonymous() {
        return StixObjectBuilder.of("identity").id(ANONYMOUS).set("created", CREATED).set("modified", CREATED)
                .set("name", "Anonymous FinRes member")
                .set("description", "Shared through the FinRes hub by a member that chose not to be named.")
                .set("identity_class", "unknown").set("sectors", List.of("financial-services")).build();
    }

    public static StixId institutionId(InstitutionId institution) {
        return StixId.of("identity", ObservableIds.uuidV5(NAMESPACE, "finres:institution:" + institution.value()));
    }

    public static StixObject institution(InstitutionId institution, String name) {
        return StixObjectBuilder.of("identity").id(institutionId(institution)).set("created", CREATED).set("modified", CREATED)
                .set("name", name).set("identity_class", "organization").set("sectors", List.of("financial-services"))
                .build();
    }
}
