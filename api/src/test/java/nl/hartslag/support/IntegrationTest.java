package nl.hartslag.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * One shared configuration for integration tests: a started server on a random port, the real
 * embedded PostgreSQL (started once per JVM, in a fresh directory, see {@link TestDataDirListener}) with
 * the real migrations, a known coordinator password, and the web rate limits raised. Every test
 * class using it shares one application context and therefore one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
        "hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD,
        // The suite files hundreds of reports and logs in many times, all from 127.0.0.1: the
        // per-client, per-contact and login limits are raised out of its way (they are tested in
        // their own context, nl.hartslag.ratelimit.RateLimitIntegrationTests). The SMS per-number limit
        // stays as configured (10): the intake tests test it here. The global SMS/phone limit is raised
        // so that suites sending many signed texts cannot starve the others; IntakeLimitsIntegrationTests
        // tests it with limits of its own.
        "hartslag.intake.global-per-hour=1000000",
        "hartslag.rate-limit.paths.reports.limit=1000000",
        "hartslag.rate-limit.paths.similar.limit=1000000",
        "hartslag.rate-limit.paths.support.limit=1000000",
        "hartslag.rate-limit.paths.status.limit=1000000",
        "hartslag.rate-limit.paths.lookup.limit=1000000",
        "hartslag.rate-limit.report-contact.limit=1000000",
        "hartslag.rate-limit.login.per-client.limit=1000000",
        "hartslag.rate-limit.login.per-username.limit=1000000",
        // Retention is run by its tests with the clock they choose (RetentionIntegrationTests), never by
        // the daily job in the middle of another test's assertions about the audit trail.
        "hartslag.retention.enabled=false" })
@AutoConfigureWebTestClient
public @interface IntegrationTest {
}
