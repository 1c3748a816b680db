package nl.hartslag.cluster;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.matching.IncomingReport;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * A landmark a coordinator adds is known to the matching engine at once: the next report that
 * names it (by its name or an alias) is read as being there, without a restart.
 */
@IntegrationTest
class ClusterPlacesIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    ClusterIndex index;

    @Test
    void anAddedLandmarkIsFoundByTheNextMatchWithoutARestart() throws InterruptedException {
        IncomingReport probe = new IncomingReport("probe-" + UUID.randomUUID(), Instant.now(), "sms",
                "jongeren met scooters op de pannakooi aan de lariksstraat", null, null, null, null);
        new Reports(http, db).awaitAllMatched();
        assertThat(index.namedPlaces(probe)).doesNotContain("Pannaveld Lariks");

        http.post().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Pannaveld Lariks", "lat", 50.9004, "lon", 5.9641,
                        "aliases", List.of("pannakooi", "panna veld"), "street", "Lariksstraat"))
                .exchange()
                .expectStatus().isCreated();

        await("the landmark in the index").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(index.namedPlaces(probe)).containsExactly("Pannaveld Lariks"));
        // A report filed over HTTP now is matched with the landmark known.
        UUID cluster = new Reports(http, db).fileAndMatch(Reports.report("youth_nuisance",
                "Weer jongeren met scooters op het pannaveld, tot na middernacht", "Lariksstraat 3"));
        assertThat(cluster).isNotNull();
        assertThat(index.namedPlaces(new IncomingReport("probe-2", Instant.now(), "web",
                "Weer jongeren met scooters op het pannaveld, tot na middernacht", null, null, "Lariksstraat 3",
                "youth_nuisance"))).containsExactly("Pannaveld Lariks");
    }
}
