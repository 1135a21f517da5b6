package org.finres.core.internal;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the hub keeps its data. With no {@code url} (environment {@code FINRES_DB_URL}) the hub runs an
 * embedded PostgreSQL under {@code dataDir}/postgres.
 *
 * @param url          JDBC URL of an external PostgreSQL; blank for the embedded one
 * @param username     user for the external PostgreSQL
 * @param password     password for the external PostgreSQL
 * @param dataDir      the hub's data folder (embedded database, keys)
 * @param embeddedPort port of the embedded PostgreSQL on the loopback address; 0 picks a free one
 * @param poolSize     connections in the pool
 */
@ConfigurationProperties("finres.database")
public record DatabaseProperties(String url, String username, String password, Path dataDir, int embeddedPort,
                                 int poolSize) {
    public DatabaseProperties {
        if (poolSize <= 0) {
            poolSize = 10;
        }
    }
}
