package nl.hartslag.cluster;

import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.matching.ClusterView;
import nl.hartslag.matching.IncomingReport;
import nl.hartslag.matching.MatchResult;
import nl.hartslag.place.Places;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * The index is a cache of PostgreSQL: deleted, it is rebuilt from the reports and the
 * coordinators' corrections with the same clusters as before.
 */
@IntegrationTest
class ClusterIndexRebuildIntegrationTests {

    /** What "the same cluster" means: the same reports (count, first, last) and the same dominant kind. */
    record Shape(int reports, Instant first, Instant last, String kind) {
        static Shape of(ClusterView v) {
            return new Shape(v.reports(), v.firstReport().truncatedTo(ChronoUnit.MILLIS),
                    v.lastReport().truncatedTo(ChronoUnit.MILLIS), v.kind());
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ClusterIndex index;

    @Autowired
    ClusterDecisions decisions;

    @Autowired
    Places places;

    @Test
    void aDeletedIndexIsRebuiltWithTheSameClusters() throws IOException {
        Reports reports = new Reports(http, db);
        // A cluster of three with one report split off, and a cluster merged into another: the
        // rebuild must replay the corrections as well as the reports.
        String text = "Auto's racen veel te hard door de straat";
        UUID racing = reports.fileAndMatch(report("traffic", text, "Klinkertstraat 30"));
        assertThat(reports.fileAndMatch(report("traffic", "Weer racende auto's, veel te hard door de straat",
                "Klinkertstraat 30"))).isEqualTo(racing);
        String third = reports.file(report("traffic", "Auto's rijden veel te hard, er wordt geracet",
                "Klinkertstraat 30")).reference();
        assertThat(reports.clusterOf(third)).isEqualTo(racing);
        UUID own = UUID.fromString((String) http.post().uri("/api/v1/staff/clusters/{id}/split", racing)
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("reference", third, "reason", "Andere auto's"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("toCluster"));
        UUID bags = reports.fileAndMatch(report("dumping", "Vuilniszakken opengescheurd naast de glasbak",
                "Lariksstraat 5"));
        UUID bin = reports.fileAndMatch(report("litter", "Blikjes en papier rond de glasbak", "Lariksstraat 20"));
        if (!bin.equals(bags)) {
            http.post().uri("/api/v1/staff/clusters/{id}/merge", bin).headers(TestAccounts::asCoordinator)
                    .bodyValue(Map.of("into", bags.toString(), "reason", "Zelfde glasbak")).exchange()
                    .expectStatus().isOk();
        }
        reports.awaitAllMatched();
        decisions.catchUp().block();

        Instant now = Instant.now();
        Map<String, Shape> before = shapes(now);
        Map<UUID, UUID> assignments = assignments();
        IncomingReport probe = new IncomingReport("probe-" + UUID.randomUUID(), now, "web", text, null, null,
                "Klinkertstraat 30", "traffic");
        String matchedBefore = clusterOf(index.match(probe));
        assertThat(before).containsKeys(racing.toString(), own.toString(), bags.toString());
        assertThat(before.get(racing.toString()).reports()).isEqualTo(2);
        assertThat(before.get(own.toString()).reports()).isEqualTo(1);

        // As an operator would: stop using the index, delete the directory, start again.
        index.close();
        Path directory = index.directory();
        deleteRecursively(directory);
        assertThat(directory).doesNotExist();
        index.open(places.rows().block());
        assertThat(index.isEmpty()).isTrue();
        Long replayed = decisions.rebuild().block();

        assertThat(directory).isDirectory();
        assertThat(replayed).isEqualTo(assignments.size());
        assertThat(shapes(now)).isEqualTo(before);
        assertThat(assignments()).isEqualTo(assignments);
        assertThat(assignments.keySet()).allSatisfy(id -> assertThat(index.contains(id.toString())).isTrue());
        assertThat(clusterOf(index.match(probe))).isEqualTo(matchedBefore);
        // A merged cluster still resolves to the one it went into.
        if (!bin.equals(bags)) {
            assertThat(index.cluster(bin.toString())).map(ClusterView::clusterId).hasValue(bags.toString());
        }

        // And it keeps working: the next report is matched, and the split report stays where it was put.
        String next = reports.file(report("traffic", "Weer auto's die veel te hard racen", "Klinkertstraat 30"))
                .reference();
        assertThat(reports.clusterOf(next)).isIn(racing, own);
        assertThat(reports.clusterOf(third)).isEqualTo(own);
    }

    private Map<String, Shape> shapes(Instant now) {
        return index.liveClusters(now).stream().collect(Collectors.toMap(ClusterView::clusterId, Shape::of));
    }

    private Map<UUID, UUID> assignments() {
        List<Map.Entry<UUID, UUID>> rows = db.sql("select id, cluster_id from report where cluster_id is not null")
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("cluster_id", UUID.class))).all()
                .collectList().block();
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String clusterOf(MatchResult result) {
        return result instanceof MatchResult.SameProblem same ? same.clusterId() : null;
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
