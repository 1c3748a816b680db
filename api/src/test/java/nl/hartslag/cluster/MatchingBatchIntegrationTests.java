package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reports that arrive while a decision is being made are decided together, in one transaction
 * and with a few statements for the whole batch: each still gets its own decision in the journal,
 * its problem place, and its cluster's counts. A cluster PostgreSQL closed behind the index's back
 * is never joined.
 */
@IntegrationTest
class MatchingBatchIntegrationTests {

    record Decision(UUID reportId, UUID clusterId, long seq, String source, Integer reports) {
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    @Test
    void reportsQueuedBehindADecisionAreDecidedTogetherEachWithItsOwnJournalStep() throws Exception {
        List<String> references;
        // Another session holds the journal lock, as a long decision would: the reports queue up and
        // are decided in one batch once it is free.
        Connection holder = Mono.from(connections.create()).block();
        try {
            Flux.from(holder.createStatement("select pg_advisory_lock(" + ClusterRepository.JOURNAL_LOCK + ")")
                    .execute()).flatMap(r -> r.getRowsUpdated()).blockLast();
            references = List.of(
                    report("litter", "Overal chipszakken en blikjes langs de Ligusterstraat, al dagen", "Ligusterstraat 4"),
                    report("litter", "Blikjes en chipszakken liggen weer verspreid over de Ligusterstraat", "Ligusterstraat 6"),
                    report("public_lighting", "Twee lantaarnpalen doen het niet meer, aardedonker op de Acaciastraat",
                            "Acaciastraat 9"),
                    report("litter", "Weer die chipszakken en blikjes op de Ligusterstraat, het waait alle kanten op",
                            "Ligusterstraat 5"));
            await("nothing decided while the journal is locked").during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2)).until(() -> decisions(references), List::isEmpty);
        } finally {
            Flux.from(holder.createStatement("select pg_advisory_unlock_all()").execute())
                    .flatMap(r -> r.getRowsUpdated()).blockLast();
            Mono.from(holder.close()).block();
        }
        List<Decision> decided = await(() -> decisions(references), d -> d.size() == references.size(),
                Duration.ofSeconds(30));

        assertThat(decided).extracting(Decision::seq).doesNotHaveDuplicates();
        assertThat(decided).allSatisfy(d -> assertThat(d.source()).as("problem place stored").isNotNull());
        Decision first = decided.get(0);
        Decision lights = decided.get(2);
        assertThat(List.of(decided.get(1).clusterId(), decided.get(3).clusterId()))
                .as("the same litter problem, decided in one batch").containsOnly(first.clusterId());
        assertThat(lights.clusterId()).isNotEqualTo(first.clusterId());
        // One recount per cluster: the counts include every report of the batch.
        assertThat(first.reports()).isEqualTo(3);
        assertThat(lights.reports()).isEqualTo(1);
    }

    @Test
    void aClusterClosedBehindTheIndexIsNotJoined() {
        String first = report("vandalism", "Bushokje aan de Meidoornstraat ingetrapt, overal glas op de stoep",
                "Meidoornstraat 3");
        Decision decided = await(() -> decisions(List.of(first)), d -> d.size() == 1, Duration.ofSeconds(30)).get(0);
        UUID closed = decided.clusterId();
        // Another test class may have left a problem at this street in the shared database: count from here.
        int reportsBefore = decided.reports();
        // Closed in PostgreSQL without a journal step: the index still offers it.
        db.sql("update cluster set status = 'CLOSED' where id = :id").bind("id", closed).then().block();

        String second = report("vandalism", "Het bushokje aan de Meidoornstraat is weer ingetrapt, glas op de stoep",
                "Meidoornstraat 3");
        Decision again = await(() -> decisions(List.of(second)), d -> d.size() == 1, Duration.ofSeconds(60)).get(0);

        assertThat(again.clusterId()).isNotEqualTo(closed);
        assertThat(db.sql("select report_count, status from cluster where id = :id").bind("id", closed)
                .map(r -> r.get("report_count", Integer.class) + " " + r.get("status", String.class)).one().block())
                .isEqualTo(reportsBefore + " CLOSED");
    }

    private String report(String category, String description, String address) {
        return Reports.file(http, category, description, address).reference();
    }

    /** The decisions made for these reports, in the order of the references. */
    private List<Decision> decisions(List<String> references) {
        List<Decision> found = db.sql("select r.id, r.reference, m.cluster_id, m.seq, r.problem_source, c.report_count"
                + " from report r join cluster_match m on m.report_id = r.id join cluster c on c.id = r.cluster_id"
                + " where r.reference = any(:refs)")
                .bind("refs", references.toArray(new String[0]))
                .map(r -> Map.entry(r.get("reference", String.class), new Decision(r.get("id", UUID.class),
                        r.get("cluster_id", UUID.class), r.get("seq", Long.class), r.get("problem_source", String.class),
                        r.get("report_count", Integer.class))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue).block()
                .entrySet().stream().sorted(java.util.Comparator.comparing(e -> references.indexOf(e.getKey())))
                .map(Map.Entry::getValue).toList();
        return found;
    }
}
