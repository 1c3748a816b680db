package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static nl.hartslag.support.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.report.Reference;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * Clusters end to end: reports filed over HTTP are matched right after commit, coordinators see
 * and correct the clusters, residents find them and add their voice. Every test makes its own
 * problem at its own place (the database and the index are shared with the other test classes).
 */
@IntegrationTest
class ClusterApiIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ClusterIndex index;

    @Autowired
    ClusterDecisions decisions;

    Reports reports;

    @BeforeEach
    void reports() {
        reports = new Reports(http, db);
    }

    @Test
    void nearIdenticalReportsFormOneClusterThatCoordinatorsSee() {
        UUID first = reports.fileAndMatch(report("noise", "Harde muziek en een feest tot diep in de nacht", "Beukstraat 23"));
        UUID second = reports.fileAndMatch(report("noise", "Weer harde muziek, feest bij de buren tot 3 uur", "Beukstraat 23"));
        UUID third = reports.fileAndMatch(report("noise", "Feest met harde muziek, we kunnen niet slapen", "Beukstraat 23"));
        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);

        Map<String, Object> listed = listed(first).orElseThrow();
        assertThat(listed).containsEntry("reports", 3).containsEntry("status", "new")
                .containsKeys("firstReportAt", "lastReportAt", "households");
        assertThat(listed.get("place")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("street", "Beukstraat");
        assertThat(listed.get("category")).isEqualTo(Map.of("code", "noise", "label", "Geluidsoverlast"));

        http.get().uri("/api/v1/staff/clusters/{id}", first).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cluster.reports").isEqualTo(3)
                .jsonPath("$.reports.length()").isEqualTo(3)
                .jsonPath("$.reports[0].description").isEqualTo("Harde muziek en een feest tot diep in de nacht")
                .jsonPath("$.reports[0].channel").isEqualTo("web")
                .jsonPath("$.reports[0].match.decidedBy").isEqualTo("engine")
                .jsonPath("$.reports[0].match.decision").isEqualTo("NEW_PROBLEM")
                .jsonPath("$.reports[1].match.decision").isEqualTo("SAME_PROBLEM")
                .jsonPath("$.reports[1].match.decidedCluster").isEqualTo(first.toString())
                .jsonPath("$.reports[1].match.score").isNumber()
                .jsonPath("$.reports[1].match.threshold").isNumber()
                .jsonPath("$.reports[1].match.textScore").isNumber()
                .jsonPath("$.reports[1].match.timeGapDays").isEqualTo(0)
                .jsonPath("$.reports[1].match.matchedTerms").isArray()
                .jsonPath("$.reports[1].match.explanation").value(String.class, text -> assertThat(text).contains("score"))
                .jsonPath("$.reports[2].match.decision").isEqualTo("SAME_PROBLEM");
        assertThat(index.cluster(first.toString())).hasValueSatisfying(view -> assertThat(view.reports()).isEqualTo(3));
    }

    @Test
    void coordinatorsReadWhyInPlainDutch() {
        UUID first = reports.fileAndMatch(report("noise",
                "Harde muziek en gebonk uit Dennenstraat 12, elke nacht tot een uur of drie", "Dennenstraat 12"));
        UUID second = reports.fileAndMatch(report("noise",
                "Weer harde muziek en gebonk bij Dennenstraat 12, we kunnen niet slapen", "Dennenstraat 12"));
        assertThat(second).isEqualTo(first);

        http.get().uri("/api/v1/staff/clusters/{id}", first).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reports[1].match.decision").isEqualTo("SAME_PROBLEM")
                .jsonPath("$.reports[1].match.reasons").value(List.class, reasons -> assertThat(reasons)
                        .contains("zelfde adres: Dennenstraat 12", "kort na de vorige melding", "zelfde soort overlast"));
    }

    @Test
    void aReportOfAnotherKindFarAwayStartsAnotherCluster() {
        UUID noise = reports.fileAndMatch(report("noise", "Buren boren en timmeren elke zondagochtend",
                "Terhoevenderweg 10"));
        UUID dumping = reports.fileAndMatch(report("dumping", "Een matras en vuilniszakken naast de container",
                "Hoofdstraat 10"));
        assertThat(dumping).isNotEqualTo(noise);
        Map<String, Object> listed = listed(dumping).orElseThrow();
        assertThat(listed).containsEntry("reports", 1);
        assertThat(listed.get("place")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("street", "Hoofdstraat");
        assertThat(listed.get("category")).isEqualTo(Map.of("code", "dumping", "label", "Dumpen van afval"));
    }

    @Test
    void similarFindsTheClusterAndTellsNothingPersonal() {
        Map<String, Object> withContact = report("noise", "Harde muziek en geschreeuw bij de buren, elke nacht feest",
                "Kerkstraat 12");
        withContact.put("contact", Map.of("name", "Jan Jansen", "phone", "06 12345678", "email", "jan@example.nl"));
        UUID cluster = reports.fileAndMatch(withContact);
        Map<String, Object> sameReporter = report("noise", "Weer een feest met harde muziek tot 4 uur", "Kerkstraat 12");
        sameReporter.put("contact", Map.of("phone", "+31612345678"));
        assertThat(reports.fileAndMatch(sameReporter)).isEqualTo(cluster);
        assertThat(reports.fileAndMatch(report("noise", "Harde muziek, feest bij de buren, niet te slapen",
                "Kerkstraat 14"))).isEqualTo(cluster);

        byte[] body = http.get().uri(b -> b.path("/api/v1/reports/similar").queryParam("lat", 50.9271)
                        .queryParam("lon", 5.927).queryParam("text", "harde muziek feest").queryParam("category", "noise")
                        .build())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Jan", "Jansen", "612345678", "jan@example.nl", "geschreeuw", "Kerkstraat 1",
                "trackingToken", "HS-");

        List<Map<String, Object>> found = similar(b -> b.queryParam("lat", 50.9271).queryParam("lon", 5.927)
                .queryParam("text", "harde muziek feest").queryParam("category", "noise"), "nl");
        assertThat(found).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        Map<String, Object> ours = found.stream().filter(c -> cluster.toString().equals(c.get("clusterId"))).findFirst()
                .orElseThrow();
        assertThat(ours).containsOnlyKeys("clusterId", "category", "approximateLocation", "reports", "households",
                "lastReportedAt", "status");
        // Households: only reporters who can be reached (the anonymous one at Kerkstraat 14 is none).
        assertThat(ours).containsEntry("reports", 3).containsEntry("households", 1).containsEntry("status", "OPEN");
        assertThat(ours.get("category")).isEqualTo(Map.of("code", "noise", "label", "Geluidsoverlast"));
        @SuppressWarnings("unchecked")
        Map<String, Object> place = (Map<String, Object>) ours.get("approximateLocation");
        assertThat(place).containsEntry("street", "Kerkstraat");
        for (String axis : List.of("lat", "lon")) {
            double degrees = ((Number) place.get(axis)).doubleValue();
            assertThat(Math.abs(degrees * 1000 - Math.round(degrees * 1000))).as("%s at 3 decimals", axis)
                    .isLessThan(1e-6);
        }

        List<Map<String, Object>> byAddress = similar(b -> b.queryParam("address", "Kerkstraat 20")
                .queryParam("text", "muziek"), "en");
        assertThat(byAddress).anySatisfy(c -> {
            assertThat(c.get("clusterId")).isEqualTo(cluster.toString());
            assertThat(c.get("category")).isEqualTo(Map.of("code", "noise", "label", "Noise"));
        });
    }

    @Test
    void similarHasItsOwnRouteAndChecksItsInput() {
        http.get().uri("/api/v1/reports/similar").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/invalid-request")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("location");
        http.get().uri("/api/v1/reports/similar?lat=52.37&lon=4.89").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message")
                .isEqualTo("Deze plek ligt buiten ons werkgebied (Passart en omgeving).");
        http.get().uri("/api/v1/reports/similar?lat=hier&lon=5.95").header("Accept-Language", "en").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
        http.get().uri("/api/v1/reports/similar?address=Nergensstraat 999&category=fireworks").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("address")
                .jsonPath("$.errors[1].field").isEqualTo("category");
        // A reference-shaped path still reaches the report route.
        http.get().uri("/api/v1/reports/HS-2222-22?token=x").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/not-found");
    }

    @Test
    void aResidentAddsTheirVoiceToAKnownProblem() {
        UUID cluster = reports.fileAndMatch(report("vandalism", "De muur van het buurthuis is beklad met graffiti",
                "Mijnstraat 20"));
        String key = "support-" + UUID.randomUUID();
        Reports.Created support = http.post().uri("/api/v1/clusters/{id}/support", cluster)
                .header("Idempotency-Key", key)
                .bodyValue(Map.of("description", "Bij ons ook, de hele gevel", "contact", Map.of("phone", "06 87654321")))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/v1/reports/HS-.*")
                .expectBody(Reports.Created.class).returnResult().getResponseBody();
        assertThat(support.status()).isEqualTo("RECEIVED");
        assertThat(support.statusUrl()).endsWith("/m/" + support.reference() + "?t=" + support.trackingToken());
        assertThat(reports.clusterOf(support.reference())).isEqualTo(cluster);
        assertThat(decidedBy(support.reference())).isEqualTo("resident");
        // The first report was anonymous: only the "me too" with a phone number is a household.
        assertThat(counts(cluster)).isEqualTo(List.of(2, 1));

        Reports.Created retry = http.post().uri("/api/v1/clusters/{id}/support", cluster)
                .header("Idempotency-Key", key)
                .bodyValue(Map.of("description", "Bij ons ook, de hele gevel", "contact", Map.of("phone", "06 87654321")))
                .exchange().expectStatus().isOk().expectBody(Reports.Created.class).returnResult().getResponseBody();
        // The same report again; its status may have moved on meanwhile (vandalism is routed to the WOP).
        assertThat(retry).usingRecursiveComparison().ignoringFields("status").isEqualTo(support);
        assertThat(retry.status()).isIn("RECEIVED", "IN_PROGRESS");

        http.get().uri("/api/v1/reports/{r}?token={t}", support.reference(), support.trackingToken()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.category.code").isEqualTo("vandalism")
                .jsonPath("$.description").isEqualTo("Bij ons ook, de hele gevel")
                .jsonPath("$.location.street").isEqualTo("Mijnstraat");

        // No body at all (what a cross-site fetch sends) is refused; "{}" is the smallest "me too".
        http.post().uri("/api/v1/clusters/{id}/support", cluster).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        Reports.Created bare = http.post().uri("/api/v1/clusters/{id}/support", cluster)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isCreated().expectBody(Reports.Created.class).returnResult().getResponseBody();
        assertThat(reports.clusterOf(bare.reference())).isEqualTo(cluster);
        assertThat(db.sql("select description from report where reference = :r").bind("r", bare.reference())
                .map(row -> row.get("description", String.class)).one().block()).isEqualTo("Ik heb hier ook last van.");
        assertThat(counts(cluster)).isEqualTo(List.of(3, 1));
        awaitIndexed(cluster, 3);

        http.post().uri("/api/v1/clusters/{id}/support", cluster)
                .bodyValue(Map.of("contact", Map.of("phone", "12345"), "language", "fr")).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("contact.phone")
                .jsonPath("$.errors[1].field").isEqualTo("language");
        http.post().uri("/api/v1/clusters/{id}/support", UUID.randomUUID()).bodyValue(Map.of()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/cluster-not-found");
        http.post().uri("/api/v1/clusters/not-a-cluster/support").bodyValue(Map.of()).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aSplitReportStaysInItsOwnCluster() {
        String text = "Groep jongeren met scooters hangt rond bij de school";
        String r1 = reports.file(report("youth_nuisance", text, "Schoolstraat 10")).reference();
        UUID cluster = reports.clusterOf(r1);
        String r2 = reports.file(report("youth_nuisance", "Weer jongeren met scooters rond de school",
                "Schoolstraat 10")).reference();
        assertThat(reports.clusterOf(r2)).isEqualTo(cluster);
        String r3 = reports.file(report("youth_nuisance", "Jongeren met scooters bij de school, ze hangen er elke dag",
                "Schoolstraat 10")).reference();
        assertThat(reports.clusterOf(r3)).isEqualTo(cluster);

        http.get().uri("/api/v1/staff/clusters/{id}", cluster).exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/staff/clusters/{id}/split", cluster).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", r2)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");

        Map<String, Object> split = http.post().uri("/api/v1/staff/clusters/{id}/split", cluster)
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", r2, "reason", "Andere groep, andere avond"))
                .exchange().expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        UUID own = UUID.fromString((String) split.get("toCluster"));
        assertThat(split).containsEntry("reference", r2).containsEntry("fromCluster", cluster.toString());
        assertThat(own).isNotEqualTo(cluster);
        assertThat(reports.clusterOf(r2)).isEqualTo(own);
        // Anonymous reports are no household (V10): nobody can be reached behind them.
        assertThat(counts(cluster)).isEqualTo(List.of(2, 0));
        assertThat(counts(own)).isEqualTo(List.of(1, 0));
        assertThat(index.cluster(cluster.toString())).hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(2));
        assertThat(index.cluster(own.toString())).hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(1));

        http.get().uri("/api/v1/staff/clusters/{id}", own).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.reports.length()").isEqualTo(1)
                .jsonPath("$.reports[0].reference").isEqualTo(r2)
                .jsonPath("$.corrections[0].kind").isEqualTo("SPLIT")
                .jsonPath("$.corrections[0].actor").isEqualTo("staff:coordinator")
                .jsonPath("$.corrections[0].reason").isEqualTo("Andere groep, andere avond");

        // A later report of the same problem does not pull the split report back.
        String r4 = reports.file(report("youth_nuisance", "Groep jongeren met scooters hangt weer bij de school",
                "Schoolstraat 10")).reference();
        reports.clusterOf(r4);
        assertThat(reports.clusterOf(r2)).isEqualTo(own);
        assertThat(reports.clusterOf(r1)).isEqualTo(cluster);
        assertThat(reports.clusterOf(r3)).isEqualTo(cluster);

        // The report is no longer in the cluster; the new cluster's only report cannot be split off.
        http.post().uri("/api/v1/staff/clusters/{id}/split", cluster).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", r2, "reason", "nog eens")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reference");
        http.post().uri("/api/v1/staff/clusters/{id}/split", own).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("reference", r2, "reason", "nog eens")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/cluster-single-report");
    }

    @Test
    void aMergeMovesEveryReportAndClosesTheCluster() {
        UUID dogs = reports.fileAndMatch(report("animal", "Twee honden blaffen de hele dag in de tuin",
                "Kouvenderstraat 5"));
        assertThat(reports.fileAndMatch(report("animal", "Blaffende honden in de tuin, de hele dag",
                "Kouvenderstraat 5"))).isEqualTo(dogs);
        UUID lamp = reports.fileAndMatch(report("public_lighting", "Lantaarnpaal bij de hoek doet het niet",
                "Wilhelminastraat 10"));
        assertThat(lamp).isNotEqualTo(dogs);

        http.post().uri("/api/v1/staff/clusters/{id}/merge", dogs).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("into", dogs.toString(), "reason", "zelfde")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("into");

        http.post().uri("/api/v1/staff/clusters/{id}/merge", dogs).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("into", lamp.toString(), "reason", "Zelfde bewoner, zelfde adres"))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(lamp.toString())
                .jsonPath("$.reports").isEqualTo(3)
                // Open on the desk: new, or with the WOP once the lamp's work order is made.
                .jsonPath("$.status").value(status -> assertThat(status).isIn("new", "with-team"));

        assertThat(db.sql("select count(*) as n from report where cluster_id = :c").bind("c", dogs)
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(counts(lamp)).isEqualTo(List.of(3, 0));
        Map<String, Object> closed = db.sql("select status, merged_into from cluster where id = :c").bind("c", dogs)
                .fetch().one().block();
        assertThat(closed).containsEntry("status", "CLOSED").containsEntry("merged_into", lamp);
        assertThat(db.sql("select count(*) as n from cluster_correction where kind = 'MERGE' and from_cluster = :f"
                + " and to_cluster = :t").bind("f", dogs).bind("t", lamp).map(row -> row.get("n", Long.class)).one()
                .block()).isEqualTo(1);
        assertThat(listed(dogs)).isEmpty();
        assertThat(index.cluster(lamp.toString())).hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(3));

        http.post().uri("/api/v1/clusters/{id}/support", dogs).bodyValue(Map.of()).exchange()
                .expectStatus().isNotFound();
        http.post().uri("/api/v1/staff/clusters/{id}/merge", dogs).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("into", lamp.toString(), "reason", "nog eens")).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        http.get().uri("/api/v1/staff/clusters/{id}", dogs).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cluster.status").isEqualTo("closed")
                .jsonPath("$.cluster.mergedInto").isEqualTo(lamp.toString())
                .jsonPath("$.corrections[0].kind").isEqualTo("MERGE");
    }

    @Test
    void aReportWhoseMatchingWasInterruptedIsMatchedByTheStartUpRoutine() {
        UUID id = UUID.randomUUID();
        byte[] hash = new byte[32];
        new SecureRandom().nextBytes(hash);
        db.sql("insert into report (id, reference, tracking_token_hash, category_code, description, lat, lon,"
                        + " address_text, street, house_number, channel, status, language) values (:id, :ref, :hash,"
                        + " 'litter', 'Blikjes en zakken chips langs de weg bij de bocht', 50.9217, 5.93335,"
                        + " 'Akerstraat-Noord 350', 'Akerstraat-Noord', '350', 'web', 'RECEIVED', 'nl')")
                .bind("id", id).bind("ref", freshReference().value()).bind("hash", ByteBuffer.wrap(hash))
                .then().block();
        assertThat(index.contains(id.toString())).isFalse();

        decisions.decideUnmatched().block();

        UUID cluster = db.sql("select cluster_id from report where id = :id").bind("id", id)
                .map(row -> row.get("cluster_id", UUID.class)).one().block();
        assertThat(cluster).isNotNull();
        assertThat(db.sql("select decided_by from cluster_match where report_id = :id").bind("id", id)
                .map(row -> row.get("decided_by", String.class)).one().block()).isEqualTo("engine");
        assertThat(index.contains(id.toString())).isTrue();
        assertThat(counts(cluster).get(0)).isPositive();
    }

    // --- helpers

    private Optional<Map<String, Object>> listed(UUID cluster) {
        Map<String, Object> page = http.get().uri("/api/v1/staff/clusters?size=200").headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> live = (List<Map<String, Object>>) page.get("items");
        return live.stream().filter(c -> cluster.toString().equals(c.get("id"))).findFirst();
    }

    private List<Map<String, Object>> similar(java.util.function.Function<org.springframework.web.util.UriBuilder,
            org.springframework.web.util.UriBuilder> query, String language) {
        return http.get().uri(b -> query.apply(b.path("/api/v1/reports/similar")).build())
                .header("Accept-Language", language)
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
    }

    private List<Integer> counts(UUID cluster) {
        return db.sql("select report_count, household_count from cluster where id = :id").bind("id", cluster)
                .map(row -> List.of(row.get("report_count", Integer.class), row.get("household_count", Integer.class)))
                .one().block();
    }

    private String decidedBy(String reference) {
        return db.sql("select m.decided_by from cluster_match m join report r on r.id = m.report_id"
                + " where r.reference = :r").bind("r", reference).map(row -> row.get("decided_by", String.class))
                .one().block();
    }

    /** The index learns of a decision right after it is committed; wait for that. */
    private void awaitIndexed(UUID cluster, int reportCount) {
        await("cluster " + cluster + " indexed with " + reportCount + " reports").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).untilAsserted(() -> assertThat(index.cluster(cluster.toString()))
                        .hasValueSatisfying(v -> assertThat(v.reports()).isEqualTo(reportCount)));
    }

    private static Reference freshReference() {
        String alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        SecureRandom random = new SecureRandom();
        while (true) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Optional<Reference> parsed = Reference.parse(s.toString());
            if (parsed.isPresent()) {
                return parsed.get();
            }
        }
    }
}
