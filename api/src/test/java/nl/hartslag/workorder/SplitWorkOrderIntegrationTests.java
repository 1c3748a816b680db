package nl.hartslag.workorder;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * Corrections stick everywhere (issue 11): a report a coordinator splits out of a problem also
 * leaves that problem's work order, and is routed by the rules as a problem of its own. Before, a
 * litter report split from a noise problem stayed on the noise work order.
 */
@IntegrationTest
class SplitWorkOrderIntegrationTests {

    WebTestClient http;

    /** The first requests of a fresh context can be slow on a busy 2-core machine: wait longer than 5 s. */
    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Test
    void aLitterReportSplitFromANoiseProblemLeavesItsWorkOrderAndGetsItsOwn() {
        Created noise = Reports.file(http, "noise",
                "Elk weekend een feest met keiharde muziek bij Eikstraat 31, tot in de ochtend", "Eikstraat 33",
                Map.of("phone", FakeTwilio.newPhone()));
        UUID problem = new Reports(http, db).clusterOf(noise.reference());
        await(() -> decisions(noise.reference()), d -> !d.isEmpty(), Duration.ofSeconds(10));
        // Noise is triaged; the coordinator sends this party house to the WOP.
        route(noise.reference(), "Feesthuis: de WOP gaat langs");
        UUID workOrder = openWorkOrder(noise.reference()).orElseThrow();

        // A neighbour's "me too" that is really about litter, put on the same work order by hand.
        Created litter = http.post().uri("/api/v1/clusters/{id}/support", problem)
                .bodyValue(Map.of("description", "Na die feesten ligt de stoep vol blikjes, flessen en zwerfafval"))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        await(() -> decisions(litter.reference()), d -> !d.isEmpty(), Duration.ofSeconds(10));
        route(litter.reference(), "Hoort bij het feesthuis");
        assertThat(reportsOn(workOrder)).containsExactlyInAnyOrder(noise.reference(), litter.reference());

        // The coordinator sees it is another problem: litter, split out.
        http.post().uri("/api/v1/staff/reports/{r}/category", litter.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("category", "litter", "reason", "Gaat over zwerfafval")).exchange()
                .expectStatus().isOk();
        Map<String, Object> split = http.post().uri("/api/v1/staff/clusters/{id}/split", problem)
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", litter.reference(), "reason", "Zwerfafval is een ander probleem"))
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        UUID own = UUID.fromString((String) split.get("toCluster"));

        // In the split's transaction: off the noise work order, onto a litter work order of its own problem.
        assertThat(reportsOn(workOrder)).containsExactly(noise.reference());
        UUID litterOrder = openWorkOrder(litter.reference()).orElseThrow();
        assertThat(litterOrder).isNotEqualTo(workOrder);
        assertThat(db.sql("select category_code, cluster_id from case_file where id = :id").bind("id", litterOrder)
                .map(row -> List.of(row.get("category_code", String.class), row.get("cluster_id", UUID.class)))
                .one().block()).containsExactly("litter", own);
        assertThat(decisions(litter.reference())).last().satisfies(d -> assertThat(d)
                .containsEntry("instrument", "WORK_ORDER").containsEntry("decidedBy", "rule"));
        http.get().uri("/api/v1/staff/work-orders/{id}", workOrder).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).doesNotContain(litter.reference()));
    }

    private void route(String reference, String reason) {
        http.post().uri("/api/v1/staff/routing/reports/{r}", reference).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("instrument", "WORK_ORDER", "reason", reason)).exchange().expectStatus().isOk();
    }

    private Optional<UUID> openWorkOrder(String reference) {
        return db.sql("select c.id from case_file c join case_report cr on cr.case_id = c.id join report r"
                + " on r.id = cr.report_id where r.reference = :r and c.type = 'WORK_ORDER' and c.status = 'OPEN'")
                .bind("r", reference).map(row -> row.get("id", UUID.class)).all().collectList().block().stream()
                .findFirst();
    }

    private List<String> reportsOn(UUID caseId) {
        return db.sql("select r.reference from case_report cr join report r on r.id = cr.report_id"
                + " where cr.case_id = :c order by r.reference").bind("c", caseId)
                .map(row -> row.get("reference", String.class)).all().collectList().block();
    }

    private List<Map<String, Object>> decisions(String reference) {
        return http.get().uri("/api/v1/staff/routing/reports/{r}", reference).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }
}
