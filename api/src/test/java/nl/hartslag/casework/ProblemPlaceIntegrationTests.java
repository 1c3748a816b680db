package nl.hartslag.casework;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * Where the problem is, apart from where the reporter lives (issue 11). Residents type their own
 * address into the form; the words say the problem is at the playground. The partners' agenda, the
 * WOP's work order, the coordinators' cluster and the resident's status page name the playground,
 * never a reporter's house. And households are reporters who can be reached or were met: anonymous
 * reports typed at one address, or empty "me too"s, are counted as anonymous reports and propose nothing.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemPlaceIntegrationTests {

    private static final String PASSWORD = "plaats-Pa55word!";
    private static final String POLICE = "wijkagent.speeltuin";
    private static final String WOP = "wop.speeltuin";

    WebTestClient http;

    /** The first requests of a fresh context can be slow on a busy 2-core machine: wait longer than 5 s. */
    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(POLICE, "Wijkagent", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
        accounts.create(WOP, "Wim WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void theAgendaForAPlaygroundProblemNamesThePlaygroundNotAReportersHouse() {
        List<String> phones = List.of(FakeTwilio.newPhone(), FakeTwilio.newPhone(), FakeTwilio.newPhone());
        // Three neighbours on the street by the playground type their own front doors.
        List<Created> reports = List.of(
                report("Elke avond hangt er een groep jongeren bij de speeltuin, ze schreeuwen en draaien harde muziek",
                        "Jasmijnstraat 20", phones.get(0)),
                report("Weer die jongeren in de speeltuin tot na middernacht, kapotte flessen onder het klimrek",
                        "Jasmijnstraat 20", phones.get(0)),
                report("Hangjongeren bij de speeltuin, brommers en geschreeuw tot diep in de nacht",
                        "Jasmijnstraat 22", phones.get(1)),
                report("De jongeren in de speeltuin maken het steeds erger, vuurwerk en herrie elke avond",
                        "Jasmijnstraat 20", phones.get(2)),
                report("Jongeren hangen rond in de speeltuin, overdag durven de kinderen er niet meer te spelen",
                        "Jasmijnstraat 24", phones.get(1)));
        Set<UUID> clusters = await(() -> clusters(reports), c -> !c.contains(null) && c.size() == 1,
                Duration.ofSeconds(20));
        assertThat(clusters).as("the five reports are one problem").hasSize(1);
        UUID cluster = clusters.iterator().next();

        // The coordinators' view: the playground and its street; three households, no anonymous reports.
        Map<String, Object> detail = http.get().uri("/api/v1/staff/clusters/{id}", cluster)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(map(map(detail.get("cluster")).get("place"))).containsEntry("name", "Speeltuin Jasmijnhof");
        assertThat(map(detail.get("cluster"))).containsEntry("households", 3).containsEntry("anonymousReports", 0);
        assertThat(list(detail.get("reports"))).allSatisfy(r -> assertThat(r)
                .containsEntry("problemPlace", "Speeltuin Jasmijnhof"));

        // The WOP's work order is at the playground; no reporter's house number on it.
        Map<String, Object> order = await(() -> workOrder(cluster), Optional::isPresent, Duration.ofSeconds(15))
                .orElseThrow();
        assertThat(order).containsEntry("street", "Speeltuin Jasmijnhof");
        assertThat(list(order.get("reports"))).isNotEmpty().allSatisfy(r -> assertThat(r.get("houseNumber")).isNull());
        assertThat(order.toString()).doesNotContain("Jasmijnstraat 20").doesNotContain("Jasmijnstraat 22");

        // The resident's status page names the playground too.
        http.get().uri("/api/v1/reports/{r}?token={t}", reports.get(0).reference(), reports.get(0).trackingToken())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.location.street").isEqualTo("Speeltuin Jasmijnhof");

        // Proposed for the Casuistiekoverleg and put on a partner's agenda: "Zaak n · Speeltuin Jasmijnhof".
        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        Map<String, Object> proposal = await(this::proposals, p -> p.stream().anyMatch(x -> isAbout(x, cluster)),
                Duration.ofSeconds(5)).stream().filter(x -> isAbout(x, cluster)).findFirst().orElseThrow();
        assertThat(map(proposal.get("summary"))).containsEntry("address", "Speeltuin Jasmijnhof")
                .containsEntry("reports", 5).containsEntry("households", 3).containsEntry("anonymousReports", 0);
        Map<String, Object> meeting = http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", LocalDate.now().plusDays(3).toString(), "title", "Overleg speeltuin",
                        "participants", List.of(POLICE)))
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        http.post().uri("/api/v1/staff/meetings/{id}/agenda", meeting.get("id")).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("proposalId", proposal.get("id"))).exchange().expectStatus().isOk();
        String agenda = http.get().uri("/api/v1/staff/meetings/{id}", meeting.get("id"))
                .headers(h -> h.setBasicAuth(POLICE, PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(agenda).contains("\"address\":\"Speeltuin Jasmijnhof\"");
        for (String home : List.of("Jasmijnstraat 20", "Jasmijnstraat 22", "Jasmijnstraat 24")) {
            assertThat(agenda).doesNotContain(home);
        }
        assertThat(db.sql("select street from case_file where type = 'ESCALATION' and cluster_id = :v").bind("v", cluster)
                .map(row -> Optional.ofNullable(row.get("street", String.class))).one().block())
                .as("the escalation case is filed under a street, never a house number")
                .hasValueSatisfying(street -> assertThat(street).doesNotContainPattern("\\d"));
    }

    @Test
    void anonymousReportsTypedAtOneAddressAndEmptyMeToosAreNoHouseholdsAndProposeNothing() {
        List<String> texts = List.of(
                "Bonkende bassen uit de woning naast ons, al weken elke nacht",
                "Weer keiharde muziek van de buren, het gaat tot vier uur door",
                "De buren draaien 's nachts zo hard muziek dat de ramen trillen",
                "Nog steeds nachtelijke herrie en bassen van hiernaast",
                "Geluidsoverlast van de buren, harde muziek en gestamp tot in de ochtend");
        List<Created> reports = texts.stream().map(t -> Reports.file(http, "noise", t, "Wilhelminastraat 7")).toList();
        Set<UUID> clusters = await(() -> clusters(reports), c -> !c.contains(null), Duration.ofSeconds(20));

        for (UUID cluster : clusters) {
            assertThat(count("select household_count as n from cluster where id = :v", cluster)).isZero();
        }
        assertThat(clusters.stream().mapToLong(c -> count("select anonymous_count as n from cluster where id = :v", c))
                .sum()).isEqualTo(5);
        // The shown typed address is the street only: none of these anonymous reports names a house.
        UUID cluster = clusters.iterator().next();
        Map<String, Object> summary = map(http.get().uri("/api/v1/staff/clusters/{id}", cluster)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().get("cluster"));
        assertThat(summary).containsEntry("households", 0);
        assertThat(map(summary.get("place"))).containsEntry("street", "Wilhelminastraat");
        assertThat((Integer) summary.get("anonymousReports")).isPositive();

        // Five empty "ik heb hier ook last van": more anonymous reports, still no household.
        int before = (Integer) summary.get("anonymousReports");
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isCreated();
        }
        http.get().uri("/api/v1/staff/clusters/{id}", cluster).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cluster.households").isEqualTo(0)
                .jsonPath("$.cluster.anonymousReports").isEqualTo(before + 5);

        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        for (UUID c : clusters) {
            assertThat(count("select count(*) as n from escalation_proposal where cluster_id = :v", c))
                    .as("anonymous reports propose nothing").isZero();
        }
    }

    private boolean isAbout(Map<String, Object> proposal, UUID cluster) {
        return count("select count(*) as n from escalation_proposal where id = '" + proposal.get("id")
                + "'::uuid and cluster_id = :v", cluster) == 1;
    }

    private List<Map<String, Object>> proposals() {
        return http.get().uri("/api/v1/staff/escalations").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }

    private Optional<Map<String, Object>> workOrder(UUID cluster) {
        Optional<UUID> id = db.sql("select id from case_file where type = 'WORK_ORDER' and status = 'OPEN'"
                + " and cluster_id = :c").bind("c", cluster).map(row -> row.get("id", UUID.class)).all()
                .collectList().block().stream().findFirst();
        return id.map(caseId -> http.get().uri("/api/v1/staff/work-orders/{id}", caseId)
                .headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody());
    }

    private Created report(String description, String address, String phone) {
        return Reports.file(http, "youth_nuisance", description, address, Map.of("phone", phone));
    }

    private Set<UUID> clusters(List<Created> reports) {
        return reports.stream().map(r -> db.sql("select cluster_id from report where reference = :r")
                .bind("r", r.reference()).map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class)))
                .one().block().orElse(null)).collect(Collectors.toCollection(HashSet::new));
    }

    private long count(String sql, Object value) {
        return db.sql(sql).bind("v", value).map(row -> ((Number) row.get("n")).longValue()).one().block();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
