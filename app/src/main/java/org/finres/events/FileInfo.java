package org.finres.events;

import java.util.List;

/**
 * OCSF {@code file} (named FileInfo so as not to be mistaken for {@link java.io.File}). {@code type_id} 1 is a regular
 * file, 2 a folder, 0 unknown.
 */
public record FileInfo(String name, String path, int typeId, List<Fingerprint> hashes, Long size, String companyName,
                       String desc, String version, Product product, Long createdTime, Long modifiedTime,
                       String uid) {

    public FileInfo {
        hashes = hashes == null ? List.of() : List.copyOf(hashes);
    }

    /** A regular file known by its path; the name is the part after the last separator. */
    public static FileInfo ofPath(String path) {
        return new FileInfo(nameOf(path), path, 1, List.of(), null, null, null, null, null, null, null, null);
    }

    public FileInfo withHashes(List<Fingerprint> newHashes) {
        return new FileInfo(name, path, typeId, newHashes, size, companyName, desc, version, product, createdTime,
                modifiedTime, uid);
    }

    /** The name part of a Windows or POSIX path; a path ending in a separator is its own name. */
    public static String nameOf(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        String name = cut < 0 ? path : path.substring(cut + 1);
        return name.isEmpty() ? path : name;
    }
}
