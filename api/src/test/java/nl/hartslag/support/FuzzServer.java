package nl.hartslag.support;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.Application;
import nl.hartslag.db.testing.TestDataDir;

/**
 * The one started server the fuzz suites share: the real application on a random port, with its
 * own embedded PostgreSQL in its own data directory. Its own database because the fuzz stores
 * thousands of texts and calls, which would trip the hourly SMS limits the other integration tests
 * rely on; the intake limits and rate limits are off here for the same reason (a limit answers
 * before the code under test is reached). Started on first use, stopped with the JVM.
 */
public final class FuzzServer {

    private static ConfigurableApplicationContext context;

    private FuzzServer() {
    }

    public static synchronized ConfigurableApplicationContext context() {
        if (context == null) {
            TestDataDir.path();
            FakeTwilio.start();
            Path dataDir = TestDataDir.fresh("fuzz-");
            context = new SpringApplicationBuilder(Application.class).run(
                    "--hartslag.data-dir=" + dataDir,
                    "--server.port=0",
                    "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                    "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD,
                    "--hartslag.rate-limit.enabled=false",
                    "--hartslag.intake.per-number-per-hour=1000000",
                    "--hartslag.intake.global-per-hour=100000000",
                    // Each unsigned request is a warning; thousands of them would drown the build log.
                    "--logging.level.nl.hartslag.twilio=OFF");
        }
        return context;
    }

    public static WebTestClient http() {
        String port = context().getEnvironment().getProperty("local.server.port");
        // A new connection per request: a refused request may close its connection, and the fuzz
        // must measure the server, not the client's pool.
        return WebTestClient.bindToServer(new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                reactor.netty.http.client.HttpClient.create(reactor.netty.resources.ConnectionProvider.newConnection())))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(1024 * 1024)).build();
    }

    public static DatabaseClient db() {
        return context().getBean(DatabaseClient.class);
    }

    /** Rows in each of {@code tables} now, in one query (tests only: blocks). */
    public static java.util.List<Long> counts(java.util.List<String> tables) {
        String sql = "select " + String.join(", ", tables.stream()
                .map(t -> "(select count(*) from " + t + ") as " + t).toList());
        return db().sql(sql).map(row -> tables.stream().map(t -> row.get(t, Long.class)).toList()).one().block();
    }

    /** Rows in {@code table} now (tests only: blocks). */
    public static long count(String table) {
        return db().sql("select count(*) as n from " + table).map(row -> row.get("n", Long.class)).one().block();
    }
}
