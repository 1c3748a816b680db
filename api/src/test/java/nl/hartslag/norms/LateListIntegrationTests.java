package nl.hartslag.norms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 16's acceptance check: a report past its response norm is on the "te laat" list and one
 * within it is not; Dutch public holidays are skipped for working-day norms on a real stored report
 * (Easter, King's Day); work orders and mediation cases past their deadline are on it too; a scoped
 * coordinator sees only their neighbourhoods; the list never names a reporter. The list takes the
 * moment as a value ({@link LateList#at}), so the clock is moved by asking at another instant, and
 * over HTTP by setting a report's or case's start back in SQL.
 */
@IntegrationTest
class LateListIntegrationTests {

    WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    LateList late;

    @Autowired
    Deadlines deadlines;

    @Autowired
    HandlingNorms norms;

    @Autowired
    StaffAccounts accounts;

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(WorkingDays.LOCAL).toInstant();
    }

    @Test
    void aReportPastItsResponseNormIsLateAndOneWithinItIsNot() {
        Created report = noise("Elke nacht bonkende bassen uit een bestelbus met open schuifdeur bij Terweijerweg 8",
                "Terweijerweg 8");
        Instant received = receivedAt(report.reference());
        assertThat(firstResponseAt(report.reference())).as("a noise report waits for triage").isEmpty();
        HandlingNorm noise = new HandlingNorm("noise", 3, 15, DayKind.WORKING);

        // Within the norm: not on the list; from the deadline on: late for its response.
        assertThat(references(late.at(noise.respondBy(received).minusSeconds(1), TestAccounts.COORDINATOR)))
                .doesNotContain(report.reference());
        LateList.Item item = late.at(noise.respondBy(received), TestAccounts.COORDINATOR).block().stream()
                .filter(i -> i.reference().equals(report.reference())).findFirst().orElseThrow();
        assertThat(item.kind()).isEqualTo(LateList.Kind.REPORT);
        assertThat(item.categoryCode()).isEqualTo("noise");
        assertThat(item.street()).isEqualTo("Terweijerweg");
        assertThat(item.deadline().late()).containsExactly(Lateness.RESPONSE);
        assertThat(item.deadline().lateSince()).isEqualTo(noise.respondBy(received));
        assertThat(item.deadline().daysOver()).isEqualTo(1);

        // Once a coordinator responds, only the resolution can still be late.
        http.post().uri("/api/v1/staff/reports/{r}/status", report.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("status", "IN_PROGRESS")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.deadline.late").isEmpty()
                .jsonPath("$.deadline.respondBy").isEqualTo(noise.respondBy(received).toString());
        assertThat(references(late.at(noise.respondBy(received), TestAccounts.COORDINATOR)))
                .doesNotContain(report.reference());
        assertThat(late.at(noise.resolveBy(received), TestAccounts.COORDINATOR).block())
                .filteredOn(i -> i.reference().equals(report.reference())).singleElement()
                .satisfies(i -> assertThat(i.deadline().late()).containsExactly(Lateness.RESOLUTION));
    }

    @Test
    void overHttpALateReportIsListedWithWhatAndWhereButNeverWho() {
        String phone = FakeTwilio.newPhone();
        Created old = Reports.file(http, "noise",
                "Een alarm van een schuur dat steeds opnieuw afgaat achter Taxusstraat 21", "Taxusstraat 21",
                Reports.contact(phone, "Gerarda Vlasbloem"));
        Created fresh = noise("Een kettingzaag die om zes uur 's ochtends begint achter Taxusstraat 26",
                "Taxusstraat 26");
        new Reports(http, db).clusterOf(old.reference());
        db.sql("update report set received_at = received_at - interval '30 days' where reference = :r")
                .bind("r", old.reference()).then().block();

        String body = http.get().uri("/api/v1/staff/late").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "nl").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        List<Map<String, Object>> list = lateList("nl");
        Map<String, Object> row = list.stream().filter(r -> old.reference().equals(r.get("reference"))).findFirst()
                .orElseThrow();
        assertThat(row).containsEntry("kind", "REPORT").containsEntry("category", "noise")
                .containsEntry("street", "Taxusstraat").containsEntry("late", List.of("RESPONSE", "RESOLUTION"))
                .containsEntry("lateLabel", "Nog geen reactie, Nog niet opgelost").containsKey("since");
        assertThat((Integer) row.get("daysOver")).isGreaterThanOrEqualTo(15);
        assertThat(list).noneMatch(r -> fresh.reference().equals(r.get("reference")));
        // Longest overdue first.
        for (int i = 1; i < list.size(); i++) {
            assertThat((String) list.get(i - 1).get("since")).isLessThanOrEqualTo((String) list.get(i).get("since"));
        }
        assertThat(body).doesNotContain(phone).doesNotContain(phone.substring(3)).doesNotContain("Vlasbloem")
                .doesNotContain("schuur");
        assertThat(lateList("en")).filteredOn(r -> old.reference().equals(r.get("reference"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("lateLabel", "No response yet, Not resolved yet"));

        // The coordinator's view of the report and the queue carry the same deadline.
        http.get().uri("/api/v1/staff/reports/{r}", old.reference()).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.deadline.late[0]").isEqualTo("RESPONSE")
                .jsonPath("$.deadline.late[1]").isEqualTo("RESOLUTION")
                .jsonPath("$.deadline.respondBy").exists()
                .jsonPath("$.deadline.resolveBy").exists();
        http.get().uri("/api/v1/staff/reports/{r}", fresh.reference()).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.deadline.late").isEmpty();
        http.get().uri("/api/v1/staff/reports?q={q}", old.reference()).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.reference == '" + old.reference() + "')].deadline.late[0]")
                .isEqualTo("RESPONSE");
    }

    @Test
    void workingDayNormsSkipEasterAndKingsDayOnAStoredReport() {
        Created easter = noise("Een blaffende hond die de hele middag alleen in de tuin staat bij Dennenstraat 17",
                "Dennenstraat 17");
        Created kingsDay = noise("Een draaiende betonmolen op zondagavond naast Dennenstraat 22", "Dennenstraat 22");
        new Reports(http, db).clusterOf(easter.reference());
        new Reports(http, db).clusterOf(kingsDay.reference());
        // Thursday before Easter 2026 and the Friday before King's Day 2026 (Monday 27 April).
        setReceivedAt(easter.reference(), local("2026-04-02T10:00"));
        setReceivedAt(kingsDay.reference(), local("2026-04-24T15:30"));

        // Noise: 3 working days. Good Friday counts; Easter Monday does not: Fri 3, Tue 7, Wed 8 April.
        Deadline overEaster = deadlines.ofReport(easter.reference(), local("2026-04-08T12:00")).block();
        assertThat(overEaster.respondBy()).isEqualTo(local("2026-04-09T00:00"));
        assertThat(overEaster.late()).isEmpty();
        // King's Day and the weekend do not count: Tue 28, Wed 29, Thu 30 April.
        Deadline overKingsDay = deadlines.ofReport(kingsDay.reference(), local("2026-04-30T23:00")).block();
        assertThat(overKingsDay.respondBy()).isEqualTo(local("2026-05-01T00:00"));
        assertThat(overKingsDay.late()).isEmpty();

        assertThat(references(late.at(local("2026-04-08T23:59"), TestAccounts.COORDINATOR)))
                .doesNotContain(easter.reference());
        assertThat(references(late.at(local("2026-04-09T00:00"), TestAccounts.COORDINATOR)))
                .contains(easter.reference());
        assertThat(references(late.at(local("2026-04-30T23:59"), TestAccounts.COORDINATOR)))
                .doesNotContain(kingsDay.reference());
        assertThat(references(late.at(local("2026-05-01T00:00"), TestAccounts.COORDINATOR)))
                .contains(kingsDay.reference());
    }

    @Test
    void aWorkOrderPastItsDeadlineIsLateOnTheListAndInTheTeamsView() {
        Created report = Reports.file(http, "dumping",
                "Een roestige wasmachine, twee autobanden en een kapotte kinderwagen bij de glasbak op Seringstraat 9",
                "Seringstraat 9", Map.of("phone", FakeTwilio.newPhone()));
        UUID order = caseOf(report.reference(), "WORK_ORDER");
        int number = numberOf(order);
        Instant openedAt = createdAt(order);
        HandlingNorm dumping = new HandlingNorm("dumping", 2, 5, DayKind.WORKING);

        http.get().uri("/api/v1/staff/work-orders/{id}", order).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.deadline.resolveBy").isEqualTo(dumping.resolveBy(openedAt).toString())
                .jsonPath("$.deadline.late").isEmpty();
        assertThat(late.at(dumping.resolveBy(openedAt).minusSeconds(1), TestAccounts.COORDINATOR).block())
                .noneMatch(i -> order.equals(i.caseId()));
        assertThat(late.at(dumping.resolveBy(openedAt), TestAccounts.COORDINATOR).block())
                .filteredOn(i -> order.equals(i.caseId())).singleElement().satisfies(i -> {
                    assertThat(i.kind()).isEqualTo(LateList.Kind.WORK_ORDER);
                    assertThat(i.reference()).isEqualTo(String.valueOf(number));
                    assertThat(i.street()).isEqualTo("Seringstraat");
                    assertThat(i.deadline().late()).containsExactly(Lateness.RESOLUTION);
                });

        db.sql("update case_file set created_at = created_at - interval '20 days' where id = :id").bind("id", order)
                .then().block();
        http.get().uri("/api/v1/staff/work-orders").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.id == '" + order + "')].deadline.late[0]").isEqualTo("RESOLUTION");
        assertThat(lateList("nl")).filteredOn(r -> order.toString().equals(r.get("caseId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("kind", "WORK_ORDER")
                        .containsEntry("kindLabel", "Werkbon").containsEntry("lateLabel", "Nog niet afgerond"));

        // Done is done: no longer late.
        http.post().uri("/api/v1/staff/cases/{id}/done", order).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("note", "Alles opgehaald")).exchange().expectStatus().isOk();
        assertThat(lateList("nl")).noneMatch(r -> order.toString().equals(r.get("caseId")));
    }

    @Test
    void aMediationPastItsCategorysNormIsLate() {
        Map<String, Object> referral = http.post().uri("/api/v1/staff/cases/referrals")
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("referredBy", "POLICE", "description", "Ruzie over een schutting die scheef staat",
                        "partyA", Map.of("name", "Partij Een", "phone", FakeTwilio.newPhone(),
                                "address", "Acaciastraat 4", "street", "Acaciastraat"),
                        "partyB", Map.of("name", "Partij Twee", "address", "Acaciastraat 6", "street",
                                "Acaciastraat")))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        UUID id = UUID.fromString((String) referral.get("id"));
        String category = db.sql("select category_code from case_file where id = :id").bind("id", id)
                .map(row -> row.get("category_code", String.class)).one().block();
        HandlingNorm norm = norms.of(category).block();
        Instant openedAt = createdAt(id);
        @SuppressWarnings("unchecked")
        Map<String, Object> due = (Map<String, Object>) referral.get("deadline");
        assertThat(due).containsEntry("resolveBy", norm.resolveBy(openedAt).toString());

        assertThat(late.at(norm.resolveBy(openedAt).minusSeconds(1), TestAccounts.COORDINATOR).block())
                .noneMatch(i -> id.equals(i.caseId()));
        assertThat(late.at(norm.resolveBy(openedAt), TestAccounts.COORDINATOR).block())
                .filteredOn(i -> id.equals(i.caseId())).singleElement()
                .satisfies(i -> assertThat(i.kind()).isEqualTo(LateList.Kind.MEDIATION));

        db.sql("update case_file set created_at = created_at - interval '90 days' where id = :id").bind("id", id)
                .then().block();
        http.get().uri("/api/v1/staff/cases/{id}", id).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.deadline.late[0]").isEqualTo("RESOLUTION");
        assertThat(lateList("en")).filteredOn(r -> id.toString().equals(r.get("caseId"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("kindLabel", "Mediation"));
    }

    @Test
    void aCoordinatorScopedToNeighbourhoodsSeesOnlyThose() {
        db.sql("insert into neighbourhood (name, municipality) values ('Normwijk Noord', 'Heerlen'),"
                + " ('Normwijk Zuid', 'Heerlen') on conflict do nothing").then().block();
        String scoped = "coord.normwijk";
        accounts.create(scoped, "Coördinator Normwijk", TestAccounts.PASSWORD, EnumSet.of(Role.COORDINATOR)).block();
        Created north = noise("Een grasmaaier met een kapotte uitlaat elke zondagochtend bij Akerstraat-Noord 3",
                "Akerstraat-Noord 3");
        Created south = noise("Bouwlampen en een aggregaat die de hele nacht draaien bij Akerstraat-Noord 350",
                "Akerstraat-Noord 350");
        new Reports(http, db).clusterOf(north.reference());
        new Reports(http, db).clusterOf(south.reference());
        db.sql("update report set neighbourhood = 'Normwijk Noord' where reference = :r").bind("r", north.reference())
                .then().block();
        db.sql("update report set neighbourhood = 'Normwijk Zuid' where reference = :r").bind("r", south.reference())
                .then().block();
        Instant later = Instant.now().plus(Duration.ofDays(40));

        // No rows in staff_neighbourhood: every neighbourhood.
        assertThat(references(late.at(later, scoped))).contains(north.reference(), south.reference());
        db.sql("insert into staff_neighbourhood (staff_account_id, neighbourhood)"
                + " select id, 'Normwijk Noord' from staff_account where username = :u").bind("u", scoped).then().block();
        assertThat(references(late.at(later, scoped))).contains(north.reference()).doesNotContain(south.reference());
        // The other coordinator is not scoped and still sees both.
        assertThat(references(late.at(later, TestAccounts.COORDINATOR))).contains(north.reference(),
                south.reference());
        // Over HTTP the signed-in account decides.
        assertThat(http.get().uri("/api/v1/staff/late").headers(h -> h.setBasicAuth(scoped, TestAccounts.PASSWORD))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .doesNotContain(south.reference());
    }

    @Test
    void onlyCoordinatorsSeeTheList() {
        http.get().uri("/api/v1/staff/late").exchange().expectStatus().isUnauthorized();
    }

    private Created noise(String description, String address) {
        Created created = Reports.file(http, "noise", description, address);
        new Reports(http, db).clusterOf(created.reference());
        return created;
    }

    private List<Map<String, Object>> lateList(String language) {
        return http.get().uri("/api/v1/staff/late").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", language).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    private static List<String> references(reactor.core.publisher.Mono<List<LateList.Item>> items) {
        return items.block().stream().filter(i -> i.kind() == LateList.Kind.REPORT).map(LateList.Item::reference)
                .toList();
    }

    private Instant receivedAt(String reference) {
        return db.sql("select received_at from report where reference = :r").bind("r", reference)
                .map(row -> row.get("received_at", OffsetDateTime.class).toInstant()).one().block();
    }

    private Optional<Instant> firstResponseAt(String reference) {
        return db.sql("select t.first_response_at from report_timing t join report r on r.id = t.report_id"
                + " where r.reference = :r").bind("r", reference)
                .map(row -> Optional.ofNullable(row.get("first_response_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .one().block();
    }

    private void setReceivedAt(String reference, Instant at) {
        db.sql("update report set received_at = :at where reference = :r").bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("r", reference).then().block();
    }

    private UUID caseOf(String reference, String type) {
        return TwilioWebhooks.await(() -> db.sql("select c.id from case_file c join case_report cr on cr.case_id = c.id"
                + " join report r on r.id = cr.report_id where r.reference = :r and c.type = :t")
                .bind("r", reference).bind("t", type).map(row -> row.get("id", UUID.class)).all().collectList().block()
                .stream().findFirst(), Optional::isPresent, Duration.ofSeconds(15)).orElseThrow();
    }

    private int numberOf(UUID caseId) {
        return db.sql("select number from case_file where id = :id").bind("id", caseId)
                .map(row -> row.get("number", Integer.class)).one().block();
    }

    private Instant createdAt(UUID caseId) {
        return db.sql("select created_at from case_file where id = :id").bind("id", caseId)
                .map(row -> row.get("created_at", OffsetDateTime.class).toInstant()).one().block();
    }
}
