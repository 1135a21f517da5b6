package org.finres.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.finres.FinresApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test against the whole hub on a random port and a real PostgreSQL. Every class so annotated shares one
 * application context (and database), so tests must use their own names for what they create.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = FinresApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"finres.security.max-failed-logins=3"})
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
@Import(TestSector.class)
public @interface HubIntegrationTest {
}
