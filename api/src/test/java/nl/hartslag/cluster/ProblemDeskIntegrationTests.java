package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;
import reactor.core.Disposable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The coordinators' problem desk over HTTP: the paged list with place, households, kind and
 * instrument; a problem's page; the corrections (move, "not one problem") and that the engine keeps
 * them; the live stream. Each test makes its own problems at its own places (the database is shared).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDeskIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
            new ParameterizedTypeReference<>() {
            };
    private static final String PASSWORD = "desk-test-Pa55word";
    private static final String VOLUNTEER = "desk-volunteer";
    private static final String WOP = "desk-wop";
    private static final String PARTNER = "desk-partner";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    Reports reports;

    @BeforeAll
    void accounts() {
        accounts.create(VOLUNTEER, "Desk Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        accounts.create(WOP, "Desk WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(PARTNER, "Desk Wijkagent", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
    }

    @BeforeEach
    void reports() {
        reports = new Reports(http, db);
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theListIsPagedWithPlaceHouseholdsKindAndInstrument() {
        Map<String, Object> first = report("dumping", "Een kapotte bank en zakken met afval bij de stoeprand",
                "Ligusterstraat 4");
        first.put("contact", Map.of("phone", "06 21436587"));
        UUID cluster = reports.fileAndMatch(first);
        assertThat(reports.fileAndMatch(report("dumping", "Weer afval en een oude bank op de stoep gedumpt",
                "Ligusterstraat 6"))).isEqualTo(cluster);

        // Dumping goes to the WOP: once the work order is there the problem is "with a team".
        Map<String, Object> item = awaitItem(cluster, "kind=dumping&neighbourhood=Passart&q=ligusterstraat",
                i -> "with-team".equals(i.get("status")));
        assertThat(item).containsEntry("reports", 2).containsEntry("households", 1)
                .containsEntry("anonymousReports", 1).containsEntry("statusLabel", "Bij een team")
                .containsKeys("firstReportAt", "lastReportAt").doesNotContainKey("mergedInto");
        assertThat(item.get("category")).isEqualTo(Map.of("code", "dumping", "label", "Dumpen van afval"));
        Map<String, Object> place = map(item.get("place"));
        assertThat(place).containsEntry("street", "Ligusterstraat").containsEntry("name", "Ligusterstraat")
                .containsEntry("neighbourhood", "Passart");
        assertThat(((Number) place.get("lat")).doubleValue()).isBetween(50.89, 50.94);
        assertThat(((Number) place.get("lon")).doubleValue()).isBetween(5.91, 5.99);
        Map<String, Object> instrument = map(item.get("instrument"));
        assertThat(instrument).containsEntry("type", "WORK_ORDER").containsEntry("label", "Werkopdracht (WOP)")
                .containsEntry("state", "OPEN").containsEntry("stateLabel", "Open");
        assertThat(instrument.get("workOrderId")).isEqualTo(instrument.get("caseId")).isNotNull();
        assertThat(instrument.get("number")).isInstanceOf(Integer.class);

        // English labels by Accept-Language; filters that exclude it; paging keeps the total.
        Map<String, Object> english = http.get().uri("/api/v1/staff/clusters?q=ligusterstraat&kind=dumping")
                .headers(TestAccounts::asCoordinator).header("Accept-Language", "en").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(items(english)).anySatisfy(i -> assertThat(i).containsEntry("id", cluster.toString())
                .containsEntry("statusLabel", "With a team"));
        assertThat(ids(page("q=ligusterstraat&status=new"))).doesNotContain(cluster.toString());
        assertThat(ids(page("q=ligusterstraat&instrument=MEDIATION"))).doesNotContain(cluster.toString());
        assertThat(ids(page("q=ligusterstraat&neighbourhood=Hoensbroek-Centrum"))).doesNotContain(cluster.toString());
        assertThat(ids(page("q=ligusterstraat&instrument=WORK_ORDER&status=with-team"))).contains(cluster.toString());

        Map<String, Object> all = page("size=1&sort=reports&dir=desc");
        assertThat(all).containsEntry("page", 0).containsEntry("size", 1);
        long total = ((Number) all.get("total")).longValue();
        assertThat(total).isPositive();
        assertThat(items(all)).hasSize(1);
        Map<String, Object> beyond = page("size=1&page=" + total);
        assertThat(items(beyond)).isEmpty();
        assertThat(((Number) beyond.get("total")).longValue()).isEqualTo(total);
        // Sorted by reports, descending: no later item has more reports than an earlier one.
        List<Integer> counts = items(page("size=200&sort=reports&dir=desc")).stream()
                .map(i -> (Integer) i.get("reports")).toList();
        assertThat(counts).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void oldProblemsStayOnTheDeskWhileATeamHasThemAndMergedOnesAreClosed() {
        UUID withTeam = reports.fileAndMatch(report("dumping", "Bouwafval en tegels achtergelaten op het trottoir",
                "Acaciastraat 3"));
        UUID quiet = reports.fileAndMatch(report("other", "Een vreemde lucht in het portiek, al een paar dagen",
                "Acaciastraat 28"));
        assertThat(quiet).isNotEqualTo(withTeam);
        awaitItem(withTeam, "q=acaciastraat", i -> "with-team".equals(i.get("status")));
        // Forty days on: only the problem a team still has is live.
        for (UUID cluster : List.of(withTeam, quiet)) {
            db.sql("update cluster set first_report_at = first_report_at - interval '40 days',"
                    + " last_report_at = last_report_at - interval '40 days' where id = :c").bind("c", cluster)
                    .then().block();
        }
        List<String> live = ids(page("q=acaciastraat&size=200"));
        assertThat(live).contains(withTeam.toString()).doesNotContain(quiet.toString());

        UUID a = reports.fileAndMatch(report("vandalism", "Ruit van het bushokje ingegooid, scherven overal",
                "Dennenstraat 4"));
        UUID b = reports.fileAndMatch(report("animal", "Een verwilderde kat met jongen onder de schuur",
                "Dennenstraat 20"));
        assertThat(a).isNotEqualTo(b);
        http.post().uri("/api/v1/staff/clusters/{id}/merge", b).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("into", a.toString(), "reason", "Zelfde plek, zelfde melder")).exchange()
                .expectStatus().isOk();
        assertThat(ids(page("q=dennenstraat&size=200"))).contains(a.toString()).doesNotContain(b.toString());
        Map<String, Object> merged = items(page("q=dennenstraat&status=closed&size=200")).stream()
                .filter(i -> b.toString().equals(i.get("id"))).findFirst().orElseThrow();
        assertThat(merged).containsEntry("status", "closed").containsEntry("statusLabel", "Afgesloten")
                .containsEntry("mergedInto", a.toString());
    }

    @Test
    void badParametersAreProblemsNamingEveryField() {
        http.get().uri("/api/v1/staff/clusters?page=-1&size=0&sort=colour&dir=up&status=busy&instrument=FIRE"
                        + "&kind=unicorns&neighbourhood=Atlantis&q=" + "x".repeat(201))
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactlyInAnyOrder("page", "size",
                        "sort", "dir", "status", "instrument", "kind", "neighbourhood", "q"));
        http.get().uri("/api/v1/staff/clusters?size=abc").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("size");
        http.get().uri("/api/v1/staff/clusters?sort=reports&dir=up").headers(TestAccounts::asCoordinator)
                .header("Accept-Language", "en").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].message").isEqualTo(
                        "Choose asc or desc.");
    }

    @Test
    void volunteersTheWopAndPartnersMayNotUseTheDesk() {
        for (String user : List.of(VOLUNTEER, WOP, PARTNER)) {
            Consumer<HttpHeaders> login = h -> h.setBasicAuth(user, PASSWORD);
            for (String path : List.of("/api/v1/staff/clusters", "/api/v1/staff/clusters/" + UUID.randomUUID(),
                    "/api/v1/staff/clusters/stream", "/api/v1/staff/reports?page=0")) {
                http.get().uri(path).headers(login).exchange()
                        .expectStatus().isForbidden()
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            }
            http.post().uri("/api/v1/staff/clusters/{id}/apart", UUID.randomUUID()).headers(login)
                    .bodyValue(Map.of("other", UUID.randomUUID().toString(), "reason", "x")).exchange()
                    .expectStatus().isForbidden();
        }
        http.get().uri("/api/v1/staff/clusters/stream").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aProblemsPageHasItsPlaceWeeksPhotosAndTheReasonsInWords() {
        UUID cluster = reports.fileAndMatch(report("public_lighting",
                "De lantaarnpaal voor het huis brandt al dagen niet meer", "Laurierstraat 10"));
        Reports.Created second = reports.file(report("public_lighting",
                "Lantaarnpaal brandt niet, het is aardedonker op straat", "Laurierstraat 12"));
        assertThat(reports.clusterOf(second.reference())).isEqualTo(cluster);
        db.sql("insert into report_photo (report_id, position, url, content_type)"
                + " select id, 0, 'https://media.example.org/lamp.jpg', 'image/jpeg' from report where reference = :r")
                .bind("r", second.reference()).then().block();

        Map<String, Object> detail = http.get().uri("/api/v1/staff/clusters/{id}", cluster)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk().expectBody(OBJECT).returnResult()
                .getResponseBody();
        Map<String, Object> item = map(detail.get("cluster"));
        assertThat(item).containsEntry("id", cluster.toString()).containsEntry("reports", 2);
        assertThat(detail.get("place")).isEqualTo(item.get("place"));
        assertThat(map(detail.get("place"))).containsEntry("street", "Laurierstraat");
        assertThat(detail).containsKey("instrument");
        String week = Instant.now().atZone(java.time.ZoneId.of("Europe/Amsterdam")).format(
                java.time.format.DateTimeFormatter.ofPattern("YYYY-'W'ww", java.util.Locale.GERMANY));
        assertThat(list(detail.get("weeks"))).containsExactly(Map.of("week", week, "reports", 2));
        List<Map<String, Object>> members = list(detail.get("reports"));
        assertThat(members).hasSize(2);
        assertThat(members.get(0)).containsEntry("photos", List.of()).containsEntry("channelLabel", "Website");
        assertThat(members.get(1)).containsEntry("reference", second.reference())
                .containsEntry("photos", List.of("https://media.example.org/lamp.jpg"));
        List<?> reasons = (List<?>) map(members.get(1).get("match")).get("reasons");
        assertThat(reasons).isNotEmpty().allSatisfy(r -> assertThat(r.toString()).matches(".*\\p{L}{3,}.*"));
    }

    @Test
    void aReportMovedIntoAnotherProblemStaysThereAndTheEngineKeepsItApart() {
        UUID noise = reports.fileAndMatch(report("noise", "Elke nacht harde muziek en bonkende bassen bij de buren",
                "Taxusstraat 5"));
        Reports.Created moved = reports.file(report("noise", "Weer harde muziek en bassen tot diep in de nacht",
                "Taxusstraat 7"));
        assertThat(reports.clusterOf(moved.reference())).isEqualTo(noise);
        UUID other = reports.fileAndMatch(report("youth_nuisance", "Jongeren met scooters die rondjes rijden en toeteren",
                "Terweijerweg 10"));
        assertThat(other).isNotEqualTo(noise);

        http.post().uri("/api/v1/staff/clusters/{id}/split", noise).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", moved.reference(), "reason", "x", "into", "not-a-cluster")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("into");
        http.post().uri("/api/v1/staff/clusters/{id}/split", noise).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", moved.reference(), "reason", "Het gaat om de scooters buiten",
                        "into", other.toString()))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.fromCluster").isEqualTo(noise.toString())
                .jsonPath("$.toCluster").isEqualTo(other.toString());
        assertThat(reports.clusterOf(moved.reference())).isEqualTo(other);
        http.get().uri("/api/v1/staff/clusters/{id}", other).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cluster.reports").isEqualTo(2)
                .jsonPath("$.corrections[0].kind").isEqualTo("MOVE")
                .jsonPath("$.corrections[0].reference").isEqualTo(moved.reference())
                .jsonPath("$.corrections[0].actor").isEqualTo("staff:coordinator")
                .jsonPath("$.corrections[0].reason").isEqualTo("Het gaat om de scooters buiten");

        // A further similar report joins the noise problem; the moved report stays where it was put.
        UUID further = reports.fileAndMatch(report("noise", "Harde muziek en bassen bij de buren, weer tot 3 uur",
                "Taxusstraat 5"));
        assertThat(further).isEqualTo(noise);
        assertThat(reports.clusterOf(moved.reference())).isEqualTo(other);
    }

    @Test
    void aSplitReportIsNotPulledBackByAFurtherSimilarReport() {
        UUID lamp = reports.fileAndMatch(report("traffic", "Auto's scheuren veel te hard door de straat, levensgevaarlijk",
                "Meidoornstraat 10"));
        Reports.Created split = reports.file(report("traffic", "Veel te hard rijdende auto's door de straat, gevaarlijk",
                "Meidoornstraat 12"));
        assertThat(reports.clusterOf(split.reference())).isEqualTo(lamp);
        UUID own = UUID.fromString(http.post().uri("/api/v1/staff/clusters/{id}/split", lamp)
                .headers(TestAccounts::asCoordinator).bodyValue(Map.of("reference", split.reference(), "reason",
                        "Een ander verkeersprobleem aan de overkant"))
                .exchange().expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody().get("toCluster")
                .toString());

        Reports.Created further = reports.file(report("traffic", "Auto's rijden veel te hard door de straat",
                "Meidoornstraat 11"));
        reports.clusterOf(further.reference());
        assertThat(reports.clusterOf(split.reference())).isEqualTo(own);
        assertThat(db.sql("select count(*) as n from report where cluster_id = :c").bind("c", own)
                .map(row -> row.get("n", Long.class)).one().block()).as("nothing pulled the split report back")
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void problemsMarkedNotOneProblemAreNeverMerged() {
        UUID a = reports.fileAndMatch(report("animal", "Een loslopende hond die naar kinderen blaft en bijt",
                "Hazelaarstraat 3"));
        UUID b = reports.fileAndMatch(report("litter", "Overvolle prullenbak, zwerfvuil waait over het plein",
                "Kastanjestraat 5"));
        assertThat(a).isNotEqualTo(b);

        http.post().uri("/api/v1/staff/clusters/{id}/apart", a).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("other", a.toString(), "reason", "x")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("other");
        http.post().uri("/api/v1/staff/clusters/{id}/apart", a).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("other", b.toString())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        http.post().uri("/api/v1/staff/clusters/{id}/apart", a).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("other", b.toString(), "reason", "Hond en zwerfvuil: twee zaken")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.cluster").isEqualTo(a.toString())
                .jsonPath("$.other").isEqualTo(b.toString())
                .jsonPath("$.actor").isEqualTo("staff:coordinator");

        http.post().uri("/api/v1/staff/clusters/{id}/merge", b).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("into", a.toString(), "reason", "toch samen")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/cluster-apart");
        http.get().uri("/api/v1/staff/clusters/{id}", b).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.apart[0]").isEqualTo(a.toString())
                .jsonPath("$.corrections[0].kind").isEqualTo("APART")
                .jsonPath("$.corrections[0].reason").isEqualTo("Hond en zwerfvuil: twee zaken");
        assertThat(db.sql("select status from cluster where id = :c").bind("c", b)
                .map(row -> row.get("status", String.class)).one().block()).isEqualTo("OPEN");
    }

    @Test
    void theStreamTellsOfANewReportWithinFiveSeconds() {
        FluxExchangeResult<ServerSentEvent<Map<String, Object>>> result = http.get()
                .uri("/api/v1/staff/clusters/stream").accept(MediaType.TEXT_EVENT_STREAM)
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .returnResult(EVENT);
        // The response has begun (the hello comment): this stream hears everything committed from now on.
        ConnectableFlux<Arrived> arrived = result.getResponseBody().filter(e -> "cluster".equals(e.event()))
                .map(e -> new Arrived(e, Instant.now())).replay();
        Disposable listening = arrived.connect();
        try {
            Instant posted = Instant.now();
            String reference = reports.file(report("vandalism", "Bushokje vernield, overal glas op de stoep",
                    "Ligusterstraat 20")).reference();
            String cluster = reports.clusterOf(reference).toString();

            Arrived event = arrived.filter(a -> a.event().data() != null
                    && cluster.equals(a.event().data().get("clusterId"))
                    && "report".equals(a.event().data().get("change")))
                    .next().block(Duration.ofSeconds(10));
            assertThat(event).as("an event for the new report's problem").isNotNull();
            assertThat(Duration.between(posted, event.at())).isLessThan(Duration.ofSeconds(5));
            Map<String, Object> data = event.event().data();
            assertThat(data).containsKeys("reports", "households", "anonymousReports", "lastReportAt", "status");
            assertThat((Integer) data.get("reports")).isPositive();
            assertThat(Long.parseLong(event.event().id())).isPositive();
        } finally {
            listening.dispose();
        }
    }

    /** An event and when this test received it. */
    private record Arrived(ServerSentEvent<Map<String, Object>> event, Instant at) {
    }

    @Test
    void theStreamSendsAHeartbeatComment() {
        Flux<ServerSentEvent<Map<String, Object>>> events = http.get().uri("/api/v1/staff/clusters/stream")
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk().returnResult(EVENT).getResponseBody();
        StepVerifier.create(events.filter(e -> e.comment() != null))
                .expectNextMatches(e -> e.comment().equals("verbonden") && e.retry() != null)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    // --- helpers

    /** The report's cluster right now (the event only comes after it was committed). */
    private String clusterOfNow(String reference) {
        return db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                .map(row -> String.valueOf(row.get("cluster_id", UUID.class))).one().block();
    }

    private Map<String, Object> awaitItem(UUID cluster, String query, java.util.function.Predicate<Map<String, Object>> ready) {
        return await("cluster " + cluster + " as expected").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> items(page(query + "&size=200&status=")).stream()
                        .filter(i -> cluster.toString().equals(i.get("id"))).findFirst().orElse(null),
                        last -> last != null && ready.test(last));
    }

    private Map<String, Object> page(String query) {
        return http.get().uri("/api/v1/staff/clusters?" + query).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
    }

    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return list(page.get("items"));
    }

    private static List<String> ids(Map<String, Object> page) {
        return items(page).stream().map(i -> (String) i.get("id")).toList();
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
