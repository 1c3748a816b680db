package nl.hartslag.cluster;

import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.hartslag.Application;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;

/**
 * The live desk across instances: a coordinator's page streams from instance A while a report is
 * filed on instance B; the change reaches A through PostgreSQL (LISTEN/NOTIFY plus the journal),
 * and so does the status change when B's work order is made (a trigger of V19, not case-work code).
 */
class ProblemDeskInstancesIntegrationTests {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
            new ParameterizedTypeReference<>() {
            };

    /** An event and when it arrived. */
    private record Arrived(ServerSentEvent<Map<String, Object>> event, Instant at) {
    }

    @Test
    void aReportFiledOnOneInstanceReachesTheStreamOfAnother(@TempDir Path serverDir, @TempDir Path dataA,
            @TempDir Path dataB) throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            try (var connection = server.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement()) {
                statement.execute("create role hartslag login password 'desk-Pa55word'");
                statement.execute("create database hartslag owner hartslag");
            }
            String url = "r2dbc:postgresql://localhost:" + server.getPort() + "/hartslag";
            try (ConfigurableApplicationContext a = start(url, dataA);
                    ConfigurableApplicationContext b = start(url, dataB)) {
                WebTestClient onA = WebTestClient.bindToServer().baseUrl(base(a))
                        .responseTimeout(Duration.ofSeconds(30)).build();
                ConnectableFlux<Arrived> events = onA.get().uri("/api/v1/staff/clusters/stream")
                        .accept(MediaType.TEXT_EVENT_STREAM).headers(TestAccounts::asCoordinator).exchange()
                        .expectStatus().isOk().returnResult(EVENT).getResponseBody()
                        .filter(e -> "cluster".equals(e.event()) && e.data() != null)
                        .map(e -> new Arrived(e, Instant.now())).replay();
                Disposable listening = events.connect();
                try {
                    Reports onB = new Reports(WebTestClient.bindToServer().baseUrl(base(b)).build(),
                            b.getBean(DatabaseClient.class));
                    Instant posted = Instant.now();
                    String reference = onB.file(report("dumping", "Een berg grofvuil en kapotte stoelen bij de hoek",
                            "Passartweg 30")).reference();
                    String cluster = onB.clusterOf(reference).toString();

                    Arrived report = first(events, e -> cluster.equals(e.data().get("clusterId"))
                            && "report".equals(e.data().get("change")));
                    assertThat(Duration.between(posted, report.at())).isLessThan(Duration.ofSeconds(5));
                    assertThat(report.event().data()).containsEntry("reports", 1);

                    // B routes dumping to the WOP: its work order makes the problem "with a team" on A's stream
                    // (told by a "status" event, or already by the report's event if it was read after the work order).
                    Arrived status = first(events, e -> cluster.equals(e.data().get("clusterId"))
                            && "with-team".equals(e.data().get("status")));
                    assertThat(Long.parseLong(status.event().id())).isGreaterThanOrEqualTo(
                            Long.parseLong(report.event().id()));
                    // One work order writes several rows (case, its report, the routing): one status event at most.
                    Thread.sleep(1000);
                    assertThat(events.filter(e -> cluster.equals(e.event().data().get("clusterId"))
                            && "status".equals(e.event().data().get("change"))).take(Duration.ofMillis(200))
                            .count().block()).isLessThanOrEqualTo(1);
                } finally {
                    listening.dispose();
                }
            }
        }
    }

    private static Arrived first(ConnectableFlux<Arrived> events, Predicate<ServerSentEvent<Map<String, Object>>> wanted) {
        Arrived found = events.filter(a -> wanted.test(a.event())).next().block(Duration.ofSeconds(20));
        assertThat(found).as("an event on the other instance's stream").isNotNull();
        return found;
    }

    private static ConfigurableApplicationContext start(String url, Path dataDir) {
        return new SpringApplicationBuilder(Application.class).run("--hartslag.data-dir=" + dataDir,
                "--server.port=0", "--spring.r2dbc.url=" + url, "--spring.r2dbc.username=hartslag",
                "--spring.r2dbc.password=desk-Pa55word",
                "--hartslag.tracking.secret=" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                "--hartslag.bootstrap-admin.username=" + TestAccounts.COORDINATOR,
                "--hartslag.bootstrap-admin.password=" + TestAccounts.PASSWORD);
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
    }
}
