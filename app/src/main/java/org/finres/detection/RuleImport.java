package org.finres.detection;

import java.util.List;

/**
 * What an upload did: each document created, updated to a new version or left unchanged, and every problem with
 * its place ({@code file:line:column [rule]: reason}). A bad document never stops the others.
 */
public record RuleImport(int files, List<Imported> imported, List<String> problems) {

    public RuleImport {
        imported = List.copyOf(imported);
        problems = List.copyOf(problems);
    }

    public enum Change { CREATED, UPDATED, UNCHANGED }

    public record Imported(String key, String title, String documentType, int version, Change change) {
    }

    public long count(Change change) {
        return imported.stream().filter(i -> i.change() == change).count();
    }
}
