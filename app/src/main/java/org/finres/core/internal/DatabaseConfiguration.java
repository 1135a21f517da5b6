package org.finres.core.internal;

import java.nio.file.Path;
import java.time.Clock;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The connection pool, on the external PostgreSQL when one is configured and on the embedded one otherwise. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Started only when no external database is configured; closed after the pool. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${finres.database.url:}'.isBlank()")
    EmbeddedPostgresServer embeddedPostgres(DatabaseProperties properties) {
        Path dataDir = properties.dataDir() != null ? properties.dataDir()
                : Path.of(System.getProperty("user.home"), ".finres");
        return EmbeddedPostgresServer.start(dataDir.resolve("postgres"), properties.embeddedPort());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedPostgresServer> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("finres");
        config.setMaximumPoolSize(properties.poolSize());
        EmbeddedPostgresServer server = embedded.getIfAvailable();
        if (server != null) {
            config.setJdbcUrl(server.jdbcUrl());
            config.setUsername("postgres");
        } else {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
        }
        return new HikariDataSource(config);
    }
}
