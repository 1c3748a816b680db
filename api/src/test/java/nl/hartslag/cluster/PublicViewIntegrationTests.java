package nl.hartslag.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Places;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;

/**
 * What anyone may see without logging in: only public-space problems, at street or landmark level
 * (the gazetteer's point, never a pin), dates as days. Every unauthenticated response is scanned
 * for a time of day and for coordinates finer than 3 decimals.
 */
@IntegrationTest
class PublicViewIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    /** A time of day as ISO-8601 writes it (2026-12-03T21:14:…). */
    private static final Pattern TIME_OF_DAY = Pattern.compile("T\\d\\d:");
    /** A number with more than three decimals (a coordinate finer than ~100 m). */
    private static final Pattern FINE_NUMBER = Pattern.compile("\\d+\\.\\d{4,}");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    Places places;

    Reports reports;

    @BeforeEach
    void reports() {
        reports = new Reports(http, db);
    }

    @Test
    void similarAtTheExactPinOfADomesticOrANeighbourDisputeReportListsNeither() {
        double[] home = { 50.911512, 5.971337 }; // a house on Dennenstraat
        String worry = "Elke avond geschreeuw en gehuil bij het gezin naast ons, ik maak me zorgen om de kinderen";
        UUID domestic = reports.fileAndMatch(pinned("domestic", worry, home));
        double[] fence = { 50.903861, 5.972541 }; // a house on Taxusstraat
        String dispute = "Ruzie met de buren over de schutting en de heg, ze schelden ons steeds uit";
        Map<String, Object> mediation = pinned("neighbour_dispute", dispute, fence);
        // Buurtbemiddeling needs a way to reach the resident (and the similar list must not show it either way).
        mediation.put("contact", Map.of("email", "taxus@example.nl"));
        UUID neighbours = reports.fileAndMatch(mediation);

        for (Object[] probe : new Object[][] { { home, worry, "domestic", domestic },
                { fence, dispute, "neighbour_dispute", neighbours } }) {
            double[] pin = (double[]) probe[0];
            for (String category : new String[] { (String) probe[2], null }) {
                List<Map<String, Object>> found = http.get().uri(b -> {
                    b.path("/api/v1/reports/similar").queryParam("lat", pin[0]).queryParam("lon", pin[1])
                            .queryParam("text", probe[1]);
                    return (category == null ? b : b.queryParam("category", category)).build();
                }).exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
                assertThat(found).noneSatisfy(c -> assertThat(c.get("clusterId")).isEqualTo(probe[3].toString()));
                assertThat(found).extracting(c -> (Object) ((Map<?, ?>) c.get("category")).get("code"))
                        .doesNotContain((Object) "domestic", "neighbour_dispute");
            }
            // Nobody can add a voice to a problem that is never shown.
            http.post().uri("/api/v1/clusters/{id}/support", probe[3]).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of()).exchange().expectStatus().isNotFound();
        }
        assertThat(reportCount(domestic)).isOne();
        assertThat(reportCount(neighbours)).isOne();
    }

    @Test
    void publicResponsesCarryNoTimeOfDayNorMoreThanThreeDecimals() {
        double[] pin = { 50.910612, 5.961877 }; // in front of a house on Wilgstraat
        Map<String, Object> litter = pinned("litter",
                "Overal blikjes, chipszakken en plastic flesjes langs de stoep en in de struiken", pin);
        litter.put("contact", Map.of("phone", "06 41 23 45 67"));
        String created = scanned(http.post().uri("/api/v1/reports").bodyValue(litter).exchange()
                .expectStatus().isCreated());
        Reports.Created report = read(created, Reports.Created.class);
        UUID cluster = reports.clusterOf(report.reference());
        Gazetteer.PublicPoint wilgstraat = places.gazetteer().block().publicPoint("Wilgstraat").orElseThrow();

        // Known problems: the street and its one gazetteer point, the day of the last report.
        String similar = scanned(http.get().uri(b -> b.path("/api/v1/reports/similar").queryParam("lat", pin[0])
                .queryParam("lon", pin[1]).queryParam("text", "blikjes plastic zwerfafval").build()).exchange()
                .expectStatus().isOk());
        Map<String, Object> ours = read(similar, LIST).stream().filter(c -> cluster.toString().equals(c.get("clusterId")))
                .findFirst().orElseThrow();
        assertThat(ours.get("approximateLocation")).isEqualTo(Map.of("street", "Wilgstraat", "lat", wilgstraat.lat(),
                "lon", wilgstraat.lon()));
        assertThat((String) ours.get("lastReportedAt")).matches(DAY);
        assertThat(ours).containsEntry("households", 1);
        // The same point from anywhere else on the street: nothing about the pin leaks through it.
        List<Map<String, Object>> byAddress = read(scanned(http.get().uri(b -> b.path("/api/v1/reports/similar")
                .queryParam("address", "Wilgstraat 10").queryParam("text", "blikjes plastic").build()).exchange()
                .expectStatus().isOk()), LIST);
        assertThat(byAddress).filteredOn(c -> cluster.toString().equals(c.get("clusterId")))
                .extracting(c -> c.get("approximateLocation")).containsOnly(ours.get("approximateLocation"));

        // "Me too", and both status pages (the reporter's own, by token).
        String support = scanned(http.post().uri("/api/v1/clusters/{id}/support", cluster)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("description", "Bij ons ook"))
                .exchange().expectStatus().isCreated());
        for (Reports.Created mine : List.of(report, read(support, Reports.Created.class))) {
            Map<String, Object> status = read(scanned(http.get().uri("/api/v1/reports/{r}?token={t}",
                    mine.reference(), mine.trackingToken()).exchange().expectStatus().isOk()), OBJECT);
            assertThat((String) status.get("receivedAt")).matches(DAY);
            // Also said as a resident would (issue 14): a label and a kind, nothing more precise.
            assertThat(status.get("location")).isEqualTo(Map.of("street", "Wilgstraat", "lat", wilgstraat.lat(),
                    "lon", wilgstraat.lon(), "kind", "STREET", "label", "In de buurt van Wilgstraat"));
            assertThat((List<?>) status.get("history")).isNotEmpty()
                    .allSatisfy(h -> assertThat((String) ((Map<?, ?>) h).get("at")).matches(DAY));
        }

        // Everything else a stranger can ask, answers and refusals alike.
        scanned(http.get().uri("/api/v1/categories").exchange().expectStatus().isOk());
        scanned(http.get().uri("/api/v1/places?q=wilg").exchange().expectStatus().isOk());
        scanned(http.get().uri("/api/v1/reports/similar").exchange().expectStatus().isBadRequest());
        scanned(http.get().uri("/api/v1/reports/{r}?token=wrong", report.reference()).exchange().expectStatus()
                .isNotFound());
        scanned(http.post().uri("/api/v1/reports/{r}/not-solved", report.reference())
                .bodyValue(Map.of("token", report.trackingToken())).exchange().expectStatus().is4xxClientError());
        scanned(http.post().uri("/api/v1/clusters/{id}/support", UUID.randomUUID())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isNotFound());
    }

    @Test
    void aMeTooNeedsAJsonBody() {
        UUID cluster = reports.fileAndMatch(pinned("vandalism",
                "Iemand heeft de bank en het bushokje op de hoek helemaal beklad met verf", new double[] { 50.9026, 5.9652 }));
        // What a cross-site form or a bare fetch sends: no body, or not JSON.
        http.post().uri("/api/v1/clusters/{id}/support", cluster).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.TEXT_PLAIN).bodyValue("{}")
                .exchange().expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("description=ook").exchange().expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(reportCount(cluster)).isOne();
        http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isCreated();
        assertThat(reportCount(cluster)).isEqualTo(2);
    }

    @Test
    void anonymousVoicesAreNoHouseholds() {
        Map<String, Object> first = pinned("dumping", "Matrassen en een kapotte kast bij de containers gedumpt",
                new double[] { 50.9050, 5.9630 });
        first.put("contact", Map.of("email", "bewoner.laurier@example.nl"));
        UUID cluster = reports.fileAndMatch(first);
        // (Other test classes may have reported dumping near here too: compare with what the cluster had.)
        List<Integer> before = counts(cluster);
        assertThat(before.get(1)).isPositive();
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isCreated();
        }
        assertThat(counts(cluster)).containsExactly(before.get(0) + 5, before.get(1));
        http.post().uri("/api/v1/clusters/{id}/support", cluster).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contact", Map.of("phone", "06 41 99 88 77"))).exchange().expectStatus().isCreated();
        assertThat(counts(cluster)).containsExactly(before.get(0) + 6, before.get(1) + 1);
    }

    // --- helpers

    private static Map<String, Object> pinned(String category, String description, double[] pin) {
        return new HashMap<>(Map.of("category", category, "description", description, "location",
                Map.of("lat", pin[0], "lon", pin[1])));
    }

    /** The body, after checking it carries no time of day and no coordinate finer than 3 decimals. */
    private static String scanned(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        String json = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Matcher time = TIME_OF_DAY.matcher(json);
        assertThat(time.find()).as("a time of day in %s", json).isFalse();
        Matcher fine = FINE_NUMBER.matcher(json);
        assertThat(fine.find()).as("more than 3 decimals in %s", json).isFalse();
        return json;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return new tools.jackson.databind.json.JsonMapper().readValue(json, type);
        } catch (RuntimeException e) {
            throw new AssertionError(json, e);
        }
    }

    private static <T> T read(String json, ParameterizedTypeReference<T> type) {
        tools.jackson.databind.json.JsonMapper mapper = new tools.jackson.databind.json.JsonMapper();
        return mapper.readValue(json, mapper.getTypeFactory().constructType(type.getType()));
    }

    private long reportCount(UUID cluster) {
        return db.sql("select count(*) as n from report where cluster_id = :c").bind("c", cluster)
                .map(row -> row.get("n", Long.class)).one().block();
    }

    private List<Integer> counts(UUID cluster) {
        return db.sql("select report_count, household_count from cluster where id = :id").bind("id", cluster)
                .map(row -> List.of(row.get("report_count", Integer.class), row.get("household_count", Integer.class)))
                .one().block();
    }
}
