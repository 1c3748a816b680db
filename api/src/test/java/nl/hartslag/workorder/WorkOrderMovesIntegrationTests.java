package nl.hartslag.workorder;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * Issue 13: the WOP marks a work order "onderweg" and "niet voor ons" (back to the coordinator with
 * a reason, recorded with who and when) besides "klaar"; every move follows WorkOrderStatus's table
 * and an illegal one is 409 problem+json. The resident is told nothing on either move: their report
 * stays "in behandeling" and no message is queued for them.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkOrderMovesIntegrationTests {

    private static final String WOP = "wop.moves";
    private static final String PASSWORD = "wop-Moves-zin-2026";
    private static final String PROBLEM = "https://hartslag.nl/problems/";

    WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void team() {
        accounts.create(WOP, "Wim van de WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void theTeamGoesOnItsWayThenGivesItBackWithAReasonAndTheCoordinatorSeesWhy() {
        Created report = report("dumping", "Een stapel oude planken en een kapotte bank op de stoep bij Hazelaarstraat 12",
                "Hazelaarstraat 14");
        UUID order = workOrderOf(report.reference());
        long residentMessages = residentMessages(report.reference());

        wop(http.post().uri("/api/v1/staff/cases/{id}/underway", order)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UNDERWAY");
        assertThat(teamList()).filteredOn(w -> order.toString().equals(w.get("id"))).singleElement()
                .satisfies(w -> assertThat(w).containsEntry("status", "UNDERWAY"));
        // On its way still counts as with the team on the problem desk.
        UUID cluster = clusterOf(report.reference());
        http.get().uri("/api/v1/staff/clusters/{id}", cluster).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cluster.status").isEqualTo("with-team")
                .jsonPath("$.instrument.state").isEqualTo("UNDERWAY")
                .jsonPath("$.instrument.stateLabel").isEqualTo("Onderweg");

        // The reason is required: the coordinator must know why.
        wop(http.post().uri("/api/v1/staff/cases/{id}/not-for-us", order)).bodyValue(Map.of("reason", "  ")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        wop(http.post().uri("/api/v1/staff/cases/{id}/not-for-us", order))
                .bodyValue(Map.of("reason", "Het ligt op eigen terrein van de corporatie")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("NOT_FOR_US")
                .jsonPath("$.returned.reason").isEqualTo("Het ligt op eigen terrein van de corporatie");

        // Off the team's list, on the coordinator's with the reason, who and when.
        assertThat(teamList()).noneMatch(w -> order.toString().equals(w.get("id")));
        http.get().uri("/api/v1/staff/work-orders?status=NOT_FOR_US").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + order + "')].returned.reason")
                .isEqualTo("Het ligt op eigen terrein van de corporatie")
                .jsonPath("$[?(@.id == '" + order + "')].returned.by").isEqualTo("staff:" + WOP)
                .jsonPath("$[?(@.id == '" + order + "')].returned.at").exists();
        // On the problem desk the problem needs the coordinator again.
        http.get().uri("/api/v1/staff/clusters/{id}", cluster).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cluster.status").isEqualTo("new")
                .jsonPath("$.instrument.state").isEqualTo("NOT_FOR_US")
                .jsonPath("$.instrument.stateLabel").isEqualTo("Niet voor ons (terug bij de coördinator)");
        assertThat(moves(order)).containsExactly("OPEN>UNDERWAY by staff:" + WOP,
                "UNDERWAY>NOT_FOR_US by staff:" + WOP + ": Het ligt op eigen terrein van de corporatie");

        // The resident heard nothing and is still "in behandeling", which is true.
        http.get().uri("/api/v1/reports/{r}?token={t}", report.reference(), report.trackingToken()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("IN_PROGRESS");
        assertThat(residentMessages(report.reference())).isEqualTo(residentMessages);

        // It is the coordinator's now: the team cannot mark it done or on its way.
        wop(http.post().uri("/api/v1/staff/cases/{id}/done", order)).bodyValue(Map.of("note", "Toch opgehaald"))
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "work-order-transition");
        wop(http.post().uri("/api/v1/staff/cases/{id}/underway", order)).exchange().expectStatus().isEqualTo(409);
        // Only a coordinator gives it back to the team.
        wop(http.post().uri("/api/v1/staff/cases/{id}/back-to-team", order)).bodyValue(Map.of()).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/v1/staff/cases/{id}/back-to-team", order).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reason", "Corporatie zegt: gemeentegrond")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OPEN");
        assertThat(teamList()).anyMatch(w -> order.toString().equals(w.get("id")));
    }

    /**
     * The case kernel reads a work order's own open states as open: a new report of a problem whose
     * work order is on its way joins that work order (no second one for the WOP), and the
     * coordinator's case views still read it.
     */
    @Test
    void aNewReportOfAProblemWhoseWorkOrderIsUnderwayJoinsIt() {
        Created first = report("dumping", "Een bankstel en opgerolde tapijten gedumpt op de stoep bij Kastanjestraat 40",
                "Kastanjestraat 42");
        UUID order = workOrderOf(first.reference());
        wop(http.post().uri("/api/v1/staff/cases/{id}/underway", order)).exchange().expectStatus().isOk();

        Created second = report("dumping", "Dat bankstel en die tapijten bij Kastanjestraat 40 liggen er nog steeds",
                "Kastanjestraat 38");
        assertThat(clusterOf(second.reference())).isEqualTo(clusterOf(first.reference()));
        assertThat(workOrderOf(second.reference())).isEqualTo(order);
        assertThat(db.sql("select count(*) as n from case_file where type = 'WORK_ORDER' and cluster_id = :c")
                .bind("c", clusterOf(first.reference())).map(row -> row.get("n", Long.class)).one().block())
                .isEqualTo(1L);
        http.get().uri("/api/v1/staff/cases?reference={r}", second.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.type == 'WORK_ORDER')].status").isEqualTo(List.of("OPEN"));
        http.get().uri("/api/v1/staff/cases?type=WORK_ORDER").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + order + "')].number").isNotEmpty();
    }

    @Test
    void anIllegalMoveIsAConflictAndChangesNothing() {
        Created report = report("public_lighting", "De lantaarnpaal voor Iepenstraat 30 brandt al een week niet meer",
                "Iepenstraat 28");
        UUID order = workOrderOf(report.reference());
        wop(http.post().uri("/api/v1/staff/cases/{id}/done", order)).bodyValue(Map.of("note", "Opgehaald")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DONE");

        wop(http.post().uri("/api/v1/staff/cases/{id}/underway", order)).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "work-order-transition")
                .jsonPath("$.detail").isEqualTo("Een werkbon met status DONE kan niet naar UNDERWAY.");
        wop(http.post().uri("/api/v1/staff/cases/{id}/not-for-us", order)).bodyValue(Map.of("reason", "Te laat"))
                .exchange().expectStatus().isEqualTo(409);
        // "Klaar" twice keeps its older problem type.
        wop(http.post().uri("/api/v1/staff/cases/{id}/done", order)).bodyValue(Map.of("note", "Nog eens")).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo(PROBLEM + "work-order-not-open");
        assertThat(db.sql("select status from case_file where id = :id").bind("id", order)
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("DONE");
        assertThat(moves(order)).containsExactly("OPEN>DONE by staff:" + WOP);
        // Not a work order at all, or unknown: 404.
        wop(http.post().uri("/api/v1/staff/cases/{id}/underway", UUID.randomUUID())).exchange()
                .expectStatus().isNotFound();
    }

    private WebTestClient.RequestBodySpec wop(WebTestClient.RequestBodySpec spec) {
        return spec.headers(h -> h.setBasicAuth(WOP, PASSWORD));
    }

    private Created report(String category, String description, String address) {
        return Reports.file(http, category, description, address, Map.of("phone", FakeTwilio.newPhone()));
    }

    private UUID workOrderOf(String reference) {
        return await(() -> db.sql("select c.id from case_file c join case_report cr on cr.case_id = c.id"
                + " join report r on r.id = cr.report_id where r.reference = :r and c.type = 'WORK_ORDER'")
                .bind("r", reference).map(row -> row.get("id", UUID.class)).all().collectList().block().stream()
                .findFirst(), Optional::isPresent, Duration.ofSeconds(15)).orElseThrow();
    }

    private UUID clusterOf(String reference) {
        return new Reports(http, db).clusterOf(reference);
    }

    private List<Map<String, Object>> teamList() {
        return http.get().uri("/api/v1/staff/work-orders").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    private long residentMessages(String reference) {
        return db.sql("select count(*) as n from notification where reference = :r and audience = 'RESIDENT'")
                .bind("r", reference).map(row -> row.get("n", Long.class)).one().block();
    }

    private List<String> moves(UUID order) {
        return db.sql("select from_status, to_status, actor, reason from work_order_event where case_id = :c order by id")
                .bind("c", order)
                .map(row -> row.get("from_status", String.class) + ">" + row.get("to_status", String.class) + " by "
                        + row.get("actor", String.class)
                        + (row.get("reason", String.class) == null ? "" : ": " + row.get("reason", String.class)))
                .all().collectList().block();
    }
}
