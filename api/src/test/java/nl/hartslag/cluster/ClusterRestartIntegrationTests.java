package nl.hartslag.cluster;

import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.Application;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * Clusters survive a restart: PostgreSQL keeps them, the index on disk is reopened (not rebuilt)
 * and goes on matching new reports into them; an index that was not closed properly is rebuilt.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterRestartIntegrationTests {

    @Test
    void clustersSurviveARestart(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        UUID cluster;
        String first;
        try (ConfigurableApplicationContext app = start(dataDir)) {
            Reports reports = reports(app);
            first = reports.file(report("drugs", "Handel in drugs bij de bushalte, elke avond auto's", "Hoofdstraat 30"))
                    .reference();
            cluster = reports.clusterOf(first);
            assertThat(reports.fileAndMatch(report("drugs", "Weer drugshandel bij de bushalte, auto's af en aan",
                    "Hoofdstraat 30"))).isEqualTo(cluster);
        }
        assertThat(dataDir.resolve("index")).isDirectory();
        assertThat(Files.readString(dataDir.resolve("index.position"))).contains("state=committed");

        int logged = output.getAll().length();
        try (ConfigurableApplicationContext app = start(dataDir)) {
            assertThat(output.getAll().substring(logged)).doesNotContain("Matching index rebuilt");
            WebTestClient http = client(app);
            http.get().uri("/api/v1/staff/clusters").headers(TestAccounts::asCoordinator).exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.items[0].id").isEqualTo(cluster.toString())
                    .jsonPath("$.items[0].reports").isEqualTo(2)
                    .jsonPath("$.items[0].category.code").isEqualTo("drugs");
            assertThat(app.getBean(ClusterIndex.class).cluster(cluster.toString()))
                    .hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(2));
            Reports reports = reports(app);
            assertThat(reports.fileAndMatch(report("drugs", "Drugs dealen bij de bushalte, steeds andere auto's",
                    "Hoofdstraat 30"))).isEqualTo(cluster);
        }

        // A crash between a Lucene commit and its record: the next start cannot trust the index and rebuilds it.
        Files.writeString(dataDir.resolve("index.position"), "state=pending\nposition=0\n");
        try (ConfigurableApplicationContext app = start(dataDir)) {
            assertThat(output.getAll()).contains("Matching index rebuilt from PostgreSQL: 3 reports");
            assertThat(app.getBean(ClusterIndex.class).cluster(cluster.toString()))
                    .hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(3));
            assertThat(reports(app).fileAndMatch(report("drugs", "Handel in drugs bij de bushalte",
                    "Hoofdstraat 30"))).isEqualTo(cluster);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Application.class).run("--hartslag.data-dir=" + dataDir, "--server.port=0",
                "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD);
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + app.getEnvironment().getProperty("local.server.port")).build();
    }

    private static Reports reports(ConfigurableApplicationContext app) {
        return new Reports(client(app), app.getBean(DatabaseClient.class));
    }
}
