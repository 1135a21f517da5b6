package org.finres.vault.engine.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.finres.vault.engine.RetentionLockedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A repository in an S3 bucket with Object Lock (hence versioning) enabled. Every locked object is PUT with
 * {@code x-amz-object-lock-mode: COMPLIANCE} and its retain-until date, so that no one, the bucket's owner and AWS's
 * root account included, can delete or overwrite that version before the date; a later backup that reuses a pack
 * extends its lock with PutObjectRetention (compliance mode allows only later dates). Names are written with
 * {@code If-None-Match: *}, so a second writer of the same name fails instead of adding a version.
 *
 * <p>The engine refuses a delete of a locked object itself ({@link RetentionLockedException}) before asking S3, so
 * the refusal is the same on a server that does not enforce Object Lock; S3 refuses it again. S3 has no locks for
 * processes: one writer at a time is the operator's duty (create-only names make two writers fail, not corrupt).
 */
public final class S3ObjectLockStorage implements RepositoryStorage {

    private final S3Client client;
    private final boolean ownsClient;
    private final String bucket;
    private final String prefix;
    private final String location;
    private final Path staging;

    /** Connects with the JDK's HTTP client (url-connection-client) and the location's credentials. */
    public static S3ObjectLockStorage connect(S3Location location) throws IOException {
        S3ClientBuilder builder = S3Client.builder().region(Region.of(location.region()))
                .httpClient(UrlConnectionHttpClient.create()).forcePathStyle(location.pathStyle());
        if (location.endpoint() != null) {
            builder.endpointOverride(location.endpoint());
        }
        builder.credentialsProvider(location.accessKeyId() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(location.accessKeyId(),
                        location.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build());
        return new S3ObjectLockStorage(builder.build(), true, location.bucket(), location.prefix(),
                location.toString());
    }

    /** Uses a client the caller made (and closes); {@code prefix} is empty or ends with '/'. */
    public static S3ObjectLockStorage using(S3Client client, String bucket, String prefix) throws IOException {
        String checked = S3Location.checkedPrefix(S3Location.checkedBucket(bucket), prefix);
        return new S3ObjectLockStorage(client, false, bucket, checked, "s3://" + bucket + "/" + checked);
    }

    private S3ObjectLockStorage(S3Client client, boolean ownsClient, String bucket, String prefix, String location)
            throws IOException {
        this.client = client;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.prefix = prefix;
        this.location = location;
        this.staging = Files.createTempDirectory("finres-vault-s3-");
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public boolean isEmpty() throws IOException {
        return call("list " + location, () -> client.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).maxKeys(1))
                .contents().isEmpty());
    }

    /** Refuses a bucket without Object Lock: without it, the retention dates would be decoration. */
    @Override
    public void create() throws IOException {
        boolean locked;
        try {
            locked = ObjectLockEnabled.ENABLED.equals(client.getObjectLockConfiguration(r -> r.bucket(bucket))
                    .objectLockConfiguration().objectLockEnabled());
        } catch (S3Exception e) {
            if (e.statusCode() != 404 && e.statusCode() != 400) {
                throw new IOException("cannot read the Object Lock configuration of " + bucket + ": "
                        + e.getMessage(), e);
            }
            locked = false; // AWS: 404 ObjectLockConfigurationNotFoundError; some servers: 400 InvalidRequest
        } catch (SdkException e) {
            throw new IOException("cannot read the Object Lock configuration of " + bucket + ": " + e.getMessage(), e);
        }
        boolean versioned = call("read the versioning of " + bucket,
                () -> BucketVersioningStatus.ENABLED.equals(client.getBucketVersioning(r -> r.bucket(bucket))
                        .status()));
        if (!locked || !versioned) {
            throw new IOException("bucket " + bucket + " must be created with Object Lock enabled (and so versioning)"
                    + "; Object Lock " + (locked ? "on" : "off") + ", versioning " + (versioned ? "on" : "off"));
        }
    }

    /** S3 has no process locks; see the class comment. */
    @Override
    public Closeable lockExclusive() {
        return () -> { };
    }

    @Override
    public void put(ObjectName name, byte[] content, Instant retainUntil) throws IOException {
        String key = key(name);
        refuseExisting(name, key);
        call("put " + key, () -> client.putObject(request(key, retainUntil), RequestBody.fromBytes(content)));
        confirmLock(name, retainUntil);
    }

    /**
     * Reads the lock back after a locked PUT and sets it with PutObjectRetention if the server dropped the headers
     * (S3Mock does; AWS does not): an object is never left unlocked because a server ignored a header.
     */
    private void confirmLock(ObjectName name, Instant retainUntil) throws IOException {
        if (retainUntil == null) {
            return;
        }
        Optional<Instant> held = retainedUntil(name);
        if (held.isEmpty() || held.get().isBefore(retainUntil.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
            retain(name, retainUntil);
        }
    }

    @Override
    public Path stagingFolder(ObjectKind kind) throws IOException {
        Path dir = staging.resolve(kind.folder().isEmpty() ? "config" : kind.folder());
        Files.createDirectories(dir);
        return dir;
    }

    @Override
    public void putFile(ObjectName name, Path staged, Instant retainUntil) throws IOException {
        String key = key(name);
        try {
            refuseExisting(name, key);
            call("put " + key, () -> client.putObject(request(key, retainUntil), RequestBody.fromFile(staged)));
            confirmLock(name, retainUntil);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private PutObjectRequest request(String key, Instant retainUntil) {
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*");
        if (retainUntil != null) {
            b.objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(retainUntil);
        }
        return b.build();
    }

    /** A HEAD first, so that a server without conditional writes still never gets a second version of a name. */
    private void refuseExisting(ObjectName name, String key) throws IOException {
        if (exists(name)) {
            throw new FileAlreadyExistsException(location + name.path());
        }
    }

    @Override
    public boolean exists(ObjectName name) throws IOException {
        String key = key(name);
        try {
            client.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("cannot read " + key + " in " + bucket + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + " in " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(ObjectName name) throws IOException {
        String key = key(name);
        return call("get " + key, () -> client.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
    }

    @Override
    public long size(ObjectName name) throws IOException {
        String key = key(name);
        return call("head " + key, () -> client.headObject(r -> r.bucket(bucket).key(key)).contentLength());
    }

    @Override
    public FileChannel openForReading(ObjectName name) throws IOException {
        String key = key(name);
        Path copy = staging.resolve("read-" + UUID.randomUUID());
        try {
            call("get " + key, () -> client.getObject(r -> r.bucket(bucket).key(key), ResponseTransformer.toFile(copy)));
            return FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }

    @Override
    public List<String> list(ObjectKind kind) throws IOException {
        if (kind == ObjectKind.CONFIG) {
            return exists(ObjectName.CONFIG) ? List.of("config") : List.of();
        }
        String folder = prefix + kind.folder() + "/";
        List<String> out = new ArrayList<>();
        call("list " + folder, () -> {
            for (S3Object o : client.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(folder)).contents()) {
                String rest = o.key().substring(folder.length());
                if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                    out.add(rest);
                }
            }
            return null;
        });
        out.sort(Comparator.naturalOrder());
        return out;
    }

    @Override
    public List<String> temporaryFiles(ObjectKind kind) {
        return List.of(); // a PUT is atomic: an object exists whole or not at all
    }

    @Override
    public void deleteTemporaryFiles(ObjectKind kind) {
        // nothing to do, see temporaryFiles
    }

    @Override
    public Optional<Instant> retainedUntil(ObjectName name) throws IOException {
        String key = key(name);
        try {
            ObjectLockRetention r = client.getObjectRetention(q -> q.bucket(bucket).key(key)).retention();
            return Optional.ofNullable(r == null ? null : r.retainUntilDate());
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + name.path());
        } catch (S3Exception e) {
            // NoSuchObjectLockConfiguration (and 404 from some servers): the version has no retention
            if (e.statusCode() == 404 || "NoSuchObjectLockConfiguration".equals(errorCode(e))) {
                if (!exists(name)) {
                    throw new NoSuchFileException(location + name.path());
                }
                return Optional.empty();
            }
            throw new IOException("cannot read the retention of " + key + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read the retention of " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void retain(ObjectName name, Instant until) throws IOException {
        Optional<Instant> current = retainedUntil(name);
        if (current.isPresent() && !current.get().isBefore(until)) {
            return;
        }
        String key = key(name);
        call("extend the retention of " + key, () -> client.putObjectRetention(r -> r.bucket(bucket).key(key)
                .retention(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(until)
                        .build())));
    }

    /**
     * Deletes every version of the object once its lock has expired (a plain DELETE on a versioned bucket would only
     * add a delete marker and keep the bytes). Refused first by the engine, then by S3, while it is locked.
     */
    @Override
    public void delete(ObjectName name) throws IOException {
        Optional<Instant> until = retainedUntil(name);
        if (until.isPresent() && until.get().isAfter(clock().instant())) {
            throw new RetentionLockedException(null, name.path(), until.get());
        }
        String key = key(name);
        List<ObjectVersion> versions = call("list the versions of " + key, () -> client.listObjectVersionsPaginator(
                r -> r.bucket(bucket).prefix(key)).versions().stream().filter(v -> v.key().equals(key)).toList());
        for (ObjectVersion v : versions) {
            try {
                client.deleteObject(r -> r.bucket(bucket).key(key).versionId(v.versionId()));
            } catch (S3Exception e) {
                if (e.statusCode() == 403) {
                    throw new RetentionLockedException(null, name.path() + " (version " + v.versionId()
                            + ", refused by S3: " + errorCode(e) + ")", until.orElse(Instant.EPOCH));
                }
                throw new IOException("cannot delete " + key + " version " + v.versionId() + ": " + e.getMessage(), e);
            } catch (SdkException e) {
                throw new IOException("cannot delete " + key + ": " + e.getMessage(), e);
            }
        }
        if (versions.isEmpty()) {
            call("delete " + key, () -> client.deleteObject(r -> r.bucket(bucket).key(key)));
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsClient) {
            client.close();
        }
        try (Stream<Path> s = Files.walk(staging)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private String key(ObjectName name) {
        return prefix + name.path();
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : null;
    }

    private interface S3Call<T> {
        T run() throws IOException;
    }

    /** Translates the SDK's unchecked exceptions into the IOExceptions the engine reports (absent, exists, other). */
    private <T> T call(String what, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + " " + what + ": no such key");
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchFileException(location + " " + what + ": " + errorCode(e));
            }
            if (e.statusCode() == 412 || e.statusCode() == 409 && "ConditionalRequestConflict".equals(errorCode(e))) {
                throw new FileAlreadyExistsException(location + " " + what + ": the name exists");
            }
            throw new IOException(location + " " + what + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException(location + " " + what + ": " + e.getMessage(), e);
        }
    }
}
