package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.hartslag.Application;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * Two api instances on one PostgreSQL, each with its own index: a decision made by one is applied
 * by the other (LISTEN/NOTIFY plus the journal), so the other matches the next report into the
 * same cluster, and a coordinator's split on one reaches the other's index.
 */
class ClusterInstancesIntegrationTests {

    @Test
    void twoInstancesKeepTheSameClusters(@TempDir Path serverDir, @TempDir Path dataA, @TempDir Path dataB)
            throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            try (var connection = server.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role hartslag login password 'instances-Pa55'");
                statement.execute("create database hartslag owner hartslag");
            }
            String url = "r2dbc:postgresql://localhost:" + server.getPort() + "/hartslag";
            try (ConfigurableApplicationContext a = start(url, dataA);
                    ConfigurableApplicationContext b = start(url, dataB)) {
                Reports onA = reports(a);
                Reports onB = reports(b);
                ClusterIndex indexA = a.getBean(ClusterIndex.class);
                ClusterIndex indexB = b.getBean(ClusterIndex.class);
                DatabaseClient db = a.getBean(DatabaseClient.class);

                String first = onA.file(report("traffic", "Auto's rijden veel te hard door de straat, gevaarlijk",
                        "Mijnstraat 40")).reference();
                UUID cluster = onA.clusterOf(first);
                UUID firstId = id(db, first);
                eventually("B learns A's decision", () -> indexB.contains(firstId.toString()));

                String second = onB.file(report("traffic", "Weer auto's die veel te hard rijden door de straat",
                        "Mijnstraat 40")).reference();
                assertThat(onB.clusterOf(second)).as("B matched into A's cluster").isEqualTo(cluster);
                eventually("A learns B's decision",
                        () -> indexA.cluster(cluster.toString()).map(v -> v.reports() == 2).orElse(false));

                WebTestClient.bindToServer().baseUrl(base(b)).build()
                        .post().uri("/api/v1/staff/clusters/{id}/split", cluster).headers(TestAccounts::asCoordinator)
                        .bodyValue(Map.of("reference", first, "reason", "Andere auto's")).exchange()
                        .expectStatus().isOk();
                eventually("A applies B's split",
                        () -> indexA.cluster(cluster.toString()).map(v -> v.reports() == 1).orElse(false));
                UUID own = onA.clusterOf(first);
                assertThat(own).isNotEqualTo(cluster);
                assertThat(indexA.cluster(own.toString())).hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(1));

                assertThat(db.sql("select count(*) as n from cluster_match").map(r -> r.get("n", Long.class)).one()
                        .block()).as("one decision per report").isEqualTo(2);
            }
        }
    }

    private static ConfigurableApplicationContext start(String url, Path dataDir) {
        return new SpringApplicationBuilder(Application.class).run("--hartslag.data-dir=" + dataDir,
                "--server.port=0", "--spring.r2dbc.url=" + url, "--spring.r2dbc.username=hartslag",
                "--spring.r2dbc.password=instances-Pa55",
                "--hartslag.tracking.secret=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD);
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static Reports reports(ConfigurableApplicationContext app) {
        return new Reports(WebTestClient.bindToServer().baseUrl(base(app)).build(), app.getBean(DatabaseClient.class));
    }

    private static UUID id(DatabaseClient db, String reference) {
        return db.sql("select id from report where reference = :r").bind("r", reference)
                .map(row -> row.get("id", UUID.class)).one().block();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        await(what).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
