package nl.hartslag.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * Coverage in view (issue 11): per channel, the share of reports the engine read without a kind
 * word, without a place in their words or with a typed address it could not parse, for coordinators.
 */
@IntegrationTest
class CoverageIntegrationTests {

    WebTestClient http;

    /** The first requests of a fresh context can be slow on a busy 2-core machine: wait longer than 5 s. */
    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Test
    void theFiguresCountWhatTheEngineCouldNotReadPerChannel() {
        Reports reports = new Reports(http, db);
        reports.awaitAllMatched();
        Instant since = Instant.now().minus(1, ChronoUnit.SECONDS);
        String sinceParam = since.atOffset(java.time.ZoneOffset.UTC).toString();

        // No kind word and nothing in the words about where (only a pin).
        reports.fileAndMatch(Map.of("category", "other", "description", "Kunnen jullie hier even komen kijken?",
                "location", Map.of("lat", 50.9031, "lon", 5.9611)));
        // A kind word; where only from the typed address.
        reports.fileAndMatch(Reports.report("public_lighting", "De lantaarnpaal is kapot, het is hier aardedonker",
                "Olmstraat 12"));
        // A kind word and a place in the words.
        reports.fileAndMatch(Reports.report("dumping",
                "Grofvuil en een oude bank gedumpt naast de container bij Hulststraat 12", "Hulststraat 10"));

        Map<String, Object> web = http.get().uri("/api/v1/staff/figures/coverage?since={s}", sinceParam)
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody().entrySet().stream()
                .filter(e -> e.getKey().equals("channels")).map(e -> channels(e.getValue())).findFirst().orElseThrow()
                .stream().filter(c -> "web".equals(c.get("channel"))).findFirst().orElseThrow();
        assertThat(web).containsEntry("reports", 3).containsEntry("read", 3).containsEntry("noKindWord", 1)
                .containsEntry("noPlace", 0).containsEntry("noPlaceInWords", 2).containsEntry("typedAddresses", 2)
                .containsEntry("unparsedAddresses", 0);
        assertThat(((Number) web.get("noKindWordShare")).doubleValue()).isEqualTo(0.333);
        assertThat(((Number) web.get("unparsedAddressShare")).doubleValue()).isZero();

        // The stored flags say the same, per report.
        assertThat(db.sql("select count(*) as n from report where received_at >= :s and read_at is not null"
                + " and problem_source is not null").bind("s", since.atOffset(java.time.ZoneOffset.UTC))
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(3);
    }

    @Test
    void onlyCoordinatorsSeeTheFiguresAndABadDayIsAFieldError() {
        http.get().uri("/api/v1/staff/figures/coverage").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/staff/figures/coverage?since=gisteren").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("since");
        http.get().uri("/api/v1/staff/figures/coverage?since=2026-01-01").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.channels").isArray();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> channels(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
