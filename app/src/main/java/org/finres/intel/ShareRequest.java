package org.finres.intel;

import java.util.List;

import org.finres.core.InstitutionId;
import org.finres.core.InvalidInputException;
import org.finres.stix.Tlp;

/**
 * One upload to share.
 *
 * @param tlp        the TLP of objects and rows that carry none of their own
 * @param collection the collection (id or alias) everything goes to; null to route each object by its TLP
 * @param recipients named recipients: then only they (with the submitter and the hub) see the objects
 * @param fileName   the uploaded file's name, for the submitter's list; may be null
 */
public record ShareRequest(ShareFormat format, byte[] content, Tlp tlp, Attribution attribution, String collection,
                           List<InstitutionId> recipients, String fileName) {

    public ShareRequest {
        if (format == null) throw new InvalidInputException("format", "is required (stix, csv or misp)");
        if (content == null || content.length == 0) throw new InvalidInputException("content", "is empty: nothing to share");
        if (tlp == null) tlp = Tlp.AMBER;
        if (attribution == null) attribution = Attribution.NAMED;
        if (collection != null && collection.isBlank()) collection = null;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        if (fileName != null && fileName.length() > 200) fileName = fileName.substring(0, 200);
    }
}
