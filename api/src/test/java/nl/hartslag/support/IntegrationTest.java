package nl.hartslag.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * One shared configuration for integration tests: a started server on a random port, the real
 * embedded PostgreSQL (started once per JVM, in a fresh directory, see {@link TestDataDir}) with
 * the real migrations, and a known coordinator password. Every test class using it shares one
 * application context and therefore one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
        "hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD })
@AutoConfigureWebTestClient
public @interface IntegrationTest {
}
