package org.finres.stix;

import org.finres.stix.model.StixId;
import org.finres.stix.model.StixObject;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes bundles. Every object is written as its own exact text, so an object that was read and not changed goes
 * out byte for byte; a bundle whose layout still fits its objects reproduces the whole document. New bundles are
 * written compactly. For very large bundles, {@link #open} writes objects one at a time.
 */
public final class StixBundleWriter implements AutoCloseable {

    private final OutputStream out;
    private boolean first = true;

    private StixBundleWriter(OutputStream out, StixId id) {
        this.out = out;
        put("{\"type\":\"bundle\",\"id\":\"" + id + "\",\"objects\":[");
    }

    /** Starts a compact bundle on {@code out}; {@link #close()} ends it (and does not close {@code out}). */
    public static StixBundleWriter open(OutputStream out, StixId bundleId) {
        return new StixBundleWriter(out, bundleId);
    }

    public StixBundleWriter add(StixObject object) {
        if (!first) put(",");
        first = false;
        put(object.json().text());
        return this;
    }

    @Override
    public void close() {
        put("]}");
    }

    public static String toJson(StixBundle bundle) {
        StringBuilder sb = new StringBuilder();
        var objects = bundle.objects();
        var layout = bundle.layout().filter(l -> l.fits(objects.size()));
        if (layout.isPresent()) {
            var gaps = layout.get().gaps();
            for (int i = 0; i < objects.size(); i++) sb.append(gaps.get(i)).append(objects.get(i).json().text());
            return sb.append(gaps.get(objects.size())).toString();
        }
        if (bundle.isLoneObject() && objects.size() == 1) return objects.get(0).json().text();
        StixId id = bundle.id().orElseGet(() -> StixId.of("bundle", java.util.UUID.randomUUID()));
        sb.append("{\"type\":\"bundle\",\"id\":\"").append(id).append("\",\"objects\":[");
        for (int i = 0; i < objects.size(); i++) sb.append(i == 0 ? "" : ",").append(objects.get(i).json().text());
        return sb.append("]}").toString();
    }

    public static void write(StixBundle bundle, OutputStream out) {
        try {
            out.write(toJson(bundle).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void put(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
