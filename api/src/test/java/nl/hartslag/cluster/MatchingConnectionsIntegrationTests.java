package nl.hartslag.cluster;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcProperties;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Matching has connections of its own: while every connection of the shared pool is taken (a
 * flood of intake requests and routings), reports are still matched.
 */
@IntegrationTest
class MatchingConnectionsIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    ConnectionFactory shared;

    @Autowired
    R2dbcProperties properties;

    @Autowired
    MatchingConnections matching;

    @Test
    void reportsAreMatchedWhileTheSharedPoolIsExhausted() {
        List<Connection> held = new ArrayList<>();
        try {
            // The journal lock keeps the report undecided until every shared connection is taken.
            Connection holder = Mono.from(shared.create()).block(Duration.ofSeconds(30));
            held.add(holder);
            run(holder, "select pg_advisory_lock(" + ClusterRepository.JOURNAL_LOCK + ")");
            String reference = http.post().uri("/api/v1/reports")
                    .bodyValue(Map.of("category", "dumping", "description",
                            "Een stapel oude dakpannen en een kapotte kruiwagen naast de Taxusstraat",
                            "address", "Taxusstraat 7"))
                    .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody()
                    .reference();
            // Take every shared connection the pool will give. One may still be out with another test's
            // work (a stream being read for a live page): the pool is exhausted all the same.
            while (held.size() < properties.getPool().getMaxSize()) {
                Connection next = acquire(Duration.ofSeconds(10));
                if (next == null) {
                    break;
                }
                held.add(next);
            }
            assertThat(held.size()).as(() -> "shared connections taken; sessions: " + sessions())
                    .isGreaterThanOrEqualTo(properties.getPool().getMaxSize() - 1);
            assertThat(acquire(Duration.ofSeconds(2))).as("the shared pool is exhausted").isNull();
            run(holder, "select pg_advisory_unlock_all()");

            Optional<UUID> cluster = await(() -> clusterOf(reference), Optional::isPresent, Duration.ofSeconds(20));
            assertThat(cluster).as("matched with the shared pool exhausted").isPresent();
        } finally {
            // A pooled connection goes back to the pool with its session: never with the journal lock.
            if (!held.isEmpty()) {
                run(held.get(0), "select pg_advisory_unlock_all()");
            }
            held.forEach(c -> Mono.from(c.close()).block(Duration.ofSeconds(10)));
        }
    }

    /** A shared connection, or null when the pool gives none within {@code wait}. */
    private Connection acquire(Duration wait) {
        return Mono.from(shared.create()).timeout(wait).onErrorResume(e -> Mono.empty()).block();
    }

    private String sessions() {
        return matching.db().sql("select state, left(query, 120) as q, now() - state_change as age from pg_stat_activity"
                + " where datname = current_database() and pid <> pg_backend_pid() order by state_change")
                .map(row -> row.get("state", String.class) + " " + row.get("age", Object.class) + " " + row.get("q", String.class))
                .all().collectList().block(Duration.ofSeconds(10)).toString();
    }

    private static void run(Connection connection, String sql) {
        Flux.from(connection.createStatement(sql).execute()).flatMap(r -> r.getRowsUpdated()).blockLast();
    }

    private Optional<UUID> clusterOf(String reference) {
        return matching.db().sql("select cluster_id from report where reference = :r").bind("r", reference)
                .map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one()
                .block(Duration.ofSeconds(10));
    }
}
