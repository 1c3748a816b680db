package nl.hartslag.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.TestAccounts;

/** Filing reports over HTTP and waiting until the matching (which runs right after commit) has placed them. */
final class Reports {

    record Created(String reference, String trackingToken, String status, String statusUrl) {
    }

    private final WebTestClient http;
    private final DatabaseClient db;

    Reports(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
    }

    static Map<String, Object> report(String category, String description, String address) {
        return new HashMap<>(Map.of("category", category, "description", description, "address", address));
    }

    Created file(Map<String, Object> body) {
        return http.post().uri("/api/v1/reports").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
    }

    /** Files the report and waits for its cluster. */
    UUID fileAndMatch(Map<String, Object> body) {
        return clusterOf(file(body).reference());
    }

    /** The report's cluster, once the matching has placed it (within 20 s). */
    UUID clusterOf(String reference) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            Optional<UUID> cluster = db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                    .map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one().block();
            if (cluster.isPresent()) {
                return cluster.get();
            }
            sleep();
        }
        throw new AssertionError("report " + reference + " was not matched within 20 s");
    }

    /** Waits until no report is waiting for its decision (earlier tests' reports included). */
    void awaitAllMatched() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Long waiting = db.sql("select count(*) as n from report where cluster_id is null")
                    .map(row -> row.get("n", Long.class)).one().block();
            if (waiting == 0) {
                return;
            }
            sleep();
        }
        assertThat(false).as("all reports matched within 30 s").isTrue();
    }

    static void coordinator(HttpHeaders headers) {
        headers.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
