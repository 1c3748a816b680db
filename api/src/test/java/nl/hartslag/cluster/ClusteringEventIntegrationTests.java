package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.Reports;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Clustering is an event: a report whose category's rule asks for a work order is routed once,
 * after its cluster is committed ({@link ReportClustered}), however long matching takes, and never
 * before; a report whose matching failed is matched again and routed.
 */
@IntegrationTest
class ClusteringEventIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ConnectionFactory connections;

    record Routing(String instrument, UUID caseId, UUID caseCluster, OffsetDateTime decidedAt) {
    }

    @Test
    void aWorkOrderReportIsRoutedOnceAndOnlyAfterItsClusterIsCommittedHoweverLongMatchingTakes() throws Exception {
        // Another session holds the journal lock: no decision can be made meanwhile, as when matching
        // lags behind a burst. Longer than the 3 s the routing used to poll before giving up on a cluster.
        Connection holder = Mono.from(connections.create()).block();
        UUID id;
        try {
            Flux.from(holder.createStatement("select pg_advisory_lock(" + ClusterRepository.JOURNAL_LOCK + ")")
                    .execute()).flatMap(r -> r.getRowsUpdated()).blockLast();
            Created report = report("dumping", "Een berg bouwafval en oude tegels op de stoep", "Passartweg 12");
            id = reportId(report.reference());
            UUID waiting = id;
            await("no decision while the journal is locked").during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                    .until(() -> cluster(waiting) == null);
            assertThat(routings(id)).as("a work order waits for the report's cluster").isEmpty();
        } finally {
            Flux.from(holder.createStatement("select pg_advisory_unlock_all()").execute())
                    .flatMap(r -> r.getRowsUpdated()).blockLast();
            Mono.from(holder.close()).block();
        }
        List<Routing> routed = await(() -> routings(id), r -> !r.isEmpty(), Duration.ofSeconds(20));
        assertThat(routed).singleElement().satisfies(r -> {
            assertThat(r.instrument()).isEqualTo("WORK_ORDER");
            assertThat(r.caseCluster()).as("the work order is the problem's").isNotNull().isEqualTo(cluster(id));
            assertThat(r.decidedAt()).isAfterOrEqualTo(matchedAt(id));
        });
        // Later events for the same report (a catch-up, a second instance) change nothing.
        assertThat(await(() -> routings(id), r -> r.size() > 1, Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void aReportWhoseMatchingFailedIsMatchedAgainAndThenRouted() {
        String marker = "kapotte-fietsen-" + UUID.randomUUID().toString().substring(0, 8);
        // A real failure of the database on the decision's insert, twice, for this report only.
        db.sql("create sequence if not exists test_fault_seq").then().block();
        db.sql("""
                create or replace function test_fault() returns trigger language plpgsql as $$
                begin
                    if (select description from report where id = new.report_id) like '%%%s%%'
                            and nextval('test_fault_seq') <= 2 then
                        raise exception 'induced failure of a matching decision';
                    end if;
                    return new;
                end $$""".formatted(marker)).then().block();
        db.sql("create trigger test_fault before insert on cluster_match for each row execute function test_fault()")
                .then().block();
        try {
            Created report = report("dumping", "Drie achtergelaten " + marker + " tegen het hek", "Passartweg 30");
            UUID id = reportId(report.reference());
            assertThat(await(() -> cluster(id), c -> c != null, Duration.ofSeconds(20)))
                    .as("matched after the failures").isNotNull();
            assertThat(db.sql("select last_value from test_fault_seq").map(r -> r.get("last_value", Long.class)).one()
                    .block()).as("the decision failed twice first").isGreaterThanOrEqualTo(3L);
            List<Routing> routed = await(() -> routings(id), r -> !r.isEmpty(), Duration.ofSeconds(20));
            assertThat(routed).singleElement().satisfies(r -> {
                assertThat(r.instrument()).isEqualTo("WORK_ORDER");
                assertThat(r.caseCluster()).isEqualTo(cluster(id));
            });
        } finally {
            db.sql("drop trigger if exists test_fault on cluster_match").then().block();
            db.sql("drop function if exists test_fault()").then().block();
            db.sql("drop sequence if exists test_fault_seq").then().block();
        }
    }

    private Created report(String category, String description, String address) {
        return Reports.file(http, category, description, address);
    }

    private UUID reportId(String reference) {
        return db.sql("select id from report where reference = :r").bind("r", reference)
                .map(r -> r.get("id", UUID.class)).one().block();
    }

    private UUID cluster(UUID reportId) {
        return db.sql("select cluster_id from report where id = :id").bind("id", reportId)
                .map(r -> java.util.Optional.ofNullable(r.get("cluster_id", UUID.class))).one().block().orElse(null);
    }

    private OffsetDateTime matchedAt(UUID reportId) {
        return db.sql("select decided_at from cluster_match where report_id = :id").bind("id", reportId)
                .map(r -> r.get("decided_at", OffsetDateTime.class)).one().block();
    }

    private List<Routing> routings(UUID reportId) {
        return db.sql("select d.instrument, d.case_id, c.cluster_id, d.decided_at from routing_decision d"
                + " left join case_file c on c.id = d.case_id where d.report_id = :id order by d.id")
                .bind("id", reportId)
                .map(r -> new Routing(r.get("instrument", String.class), r.get("case_id", UUID.class),
                        r.get("cluster_id", UUID.class), r.get("decided_at", OffsetDateTime.class)))
                .all().collectList().block();
    }
}
