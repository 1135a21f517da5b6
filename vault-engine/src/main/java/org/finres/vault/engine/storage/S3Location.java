package org.finres.vault.engine.storage;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where an S3 repository is: a bucket (made with Object Lock enabled, hence versioned), a key prefix for this
 * repository (empty for the whole bucket), the region, and optionally an endpoint for S3-compatible servers (which
 * usually need path-style addressing). Credentials come from the SDK's default chain unless given.
 */
public record S3Location(String bucket, String prefix, String region, URI endpoint, boolean pathStyle,
        String accessKeyId, String secretAccessKey) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern PREFIX = Pattern.compile("([a-zA-Z0-9!_.*'()-]+/)*");

    public S3Location {
        checkedBucket(bucket);
        prefix = checkedPrefix(bucket, prefix);
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("an S3 location needs a region");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both the access key id and the secret access key, or neither");
        }
    }

    static String checkedBucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
        }
        return bucket;
    }

    /** The prefix with a trailing '/' (or empty); refuses characters that would need escaping in a key. */
    static String checkedPrefix(String bucket, String prefix) {
        String p = prefix == null ? "" : prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        if (!PREFIX.matcher(p).matches()) {
            throw new IllegalArgumentException("the key prefix in " + bucket
                    + " must be '/'-separated safe characters: " + prefix);
        }
        return p;
    }

    /** A bucket on AWS, credentials from the default chain (environment, profile, instance role). */
    public static S3Location aws(String bucket, String prefix, String region) {
        return new S3Location(bucket, prefix, region, null, false, null, null);
    }

    /** {@code s3://bucket/prefix/}, for messages; never the credentials. */
    @Override
    public String toString() {
        return "s3://" + bucket + "/" + prefix + (endpoint != null ? " at " + endpoint : "");
    }
}
