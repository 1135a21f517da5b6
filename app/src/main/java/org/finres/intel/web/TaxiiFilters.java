package org.finres.intel.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.finres.core.InvalidInputException;
import org.finres.intel.ObjectFilter;
import org.finres.intel.VersionSelection;
import org.finres.stix.model.StixId;
import org.finres.stix.model.StixTimestamp;

/**
 * Reads TAXII's query parameters into an {@link ObjectFilter}. Each endpoint names the parameters it takes; any
 * other is a 400 naming it, as is a malformed value, so a typo never silently widens or narrows a result.
 */
final class TaxiiFilters {

    static final Set<String> COLLECTION = Set.of("added_after", "limit", "next", "match[id]", "match[type]",
            "match[version]", "match[spec_version]");
    static final Set<String> ONE_OBJECT = Set.of("added_after", "limit", "next", "match[version]", "match[spec_version]");
    static final Set<String> VERSIONS = Set.of("added_after", "limit", "next", "match[spec_version]");
    static final Set<String> DELETE = Set.of("match[version]", "match[spec_version]");

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{2,249}");
    private static final Pattern SPEC_VERSION = Pattern.compile("[0-9]+\\.[0-9]+");

    private TaxiiFilters() {
    }

    static ObjectFilter read(Map<String, String[]> params, Set<String> allowed, int defaultLimit, int maxLimit,
                             VersionSelection defaultVersions) {
        for (String name : params.keySet()) {
            if (!allowed.contains(name)) {
                throw new InvalidInputException(name, "is not a filter of this endpoint; it takes " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
        }
        Instant addedAfter = null;
        String added = single(params, "added_after");
        if (added != null) {
            StixTimestamp t = StixTimestamp.parseOrNull(added);
            if (t == null) {
                throw new InvalidInputException("added_after", "must be an RFC 3339 UTC timestamp such as "
                        + "2026-01-31T08:00:00.000000Z, was '" + InvalidInputException.preview(added) + "'");
            }
            addedAfter = t.instant();
        }
        int limit = defaultLimit;
        String l = single(params, "limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw new InvalidInputException("limit", "must be a positive integer, was '" + InvalidInputException.preview(l) + "'");
            }
            limit = Math.min(limit, maxLimit);
        }
        String next = single(params, "next");
        if (next != null && next.isBlank()) {
            throw new InvalidInputException("next", "is empty");
        }
        List<String> ids = list(params, "match[id]");
        for (String id : ids) {
            if (StixId.parseOrNull(id) == null) {
                throw new InvalidInputException("match[id]", "'" + InvalidInputException.preview(id)
                        + "' is not a STIX id (type--UUID)");
            }
        }
        List<String> types = list(params, "match[type]");
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw new InvalidInputException("match[type]", "'" + InvalidInputException.preview(type)
                        + "' is not a STIX type name");
            }
        }
        List<String> specs = list(params, "match[spec_version]");
        for (String spec : specs) {
            if (!SPEC_VERSION.matcher(spec).matches()) {
                throw new InvalidInputException("match[spec_version]", "'" + InvalidInputException.preview(spec)
                        + "' is not a STIX version such as 2.1");
            }
        }
        VersionSelection versions = defaultVersions;
        List<String> v = list(params, "match[version]");
        if (!v.isEmpty()) {
            boolean first = false;
            boolean last = false;
            boolean all = false;
            List<Instant> at = new ArrayList<>();
            for (String s : v) {
                switch (s) {
                    case "first" -> first = true;
                    case "last" -> last = true;
                    case "all" -> all = true;
                    default -> {
                        StixTimestamp t = StixTimestamp.parseOrNull(s);
                        if (t == null) {
                            throw new InvalidInputException("match[version]", "'" + InvalidInputException.preview(s)
                                    + "' is neither first, last, all nor an RFC 3339 UTC timestamp");
                        }
                        at.add(t.instant());
                    }
                }
            }
            versions = new VersionSelection(first, last, all, at);
        }
        return new ObjectFilter(addedAfter, limit, next, ids, types, versions, specs);
    }

    private static String single(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new InvalidInputException(name, "is given " + values.length + " times; give it once");
        }
        return values[0];
    }

    /** Comma lists, and repeated parameters, are both accepted. */
    private static List<String> list(Map<String, String[]> params, String name) {
        String[] values = params.get(name);
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",", -1)) {
                    String s = part.strip();
                    if (s.isEmpty()) {
                        throw new InvalidInputException(name, "has an empty entry");
                    }
                    out.add(s);
                }
            }
        }
        return out;
    }
}
