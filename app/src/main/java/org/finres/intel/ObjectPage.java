package org.finres.intel;

import java.util.List;

/** One page of objects (or versions of one object) in date_added order; {@code next} is set when {@code more}. */
public record ObjectPage(List<StoredVersion> items, boolean more, String next) {
}
