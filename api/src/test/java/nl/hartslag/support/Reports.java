package nl.hartslag.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Filing reports over HTTP as the resident page does, and waiting until the matching (which runs
 * right after commit) has placed them. The one copy of what integration tests used to repeat: the
 * {@link Created} answer, the POST, and the wait for a report's cluster.
 */
public final class Reports {

    /** The answer to {@code POST /api/v1/reports}. */
    public record Created(String reference, String trackingToken, String status, String statusUrl) {
    }

    private final WebTestClient http;
    private final DatabaseClient db;

    public Reports(WebTestClient http, DatabaseClient db) {
        this.http = http;
        this.db = db;
    }

    /** A report body with a place as an address (mutable: add {@code contact}, {@code language} …). */
    public static Map<String, Object> report(String category, String description, String address) {
        return new HashMap<>(Map.of("category", category, "description", description, "address", address));
    }

    /**
     * A report body with the reporter's {@code contact} details (phone, name, e-mail); none when
     * {@code contact} is null or empty, as an anonymous resident sends it.
     */
    public static Map<String, Object> report(String category, String description, String address,
            Map<String, ?> contact) {
        Map<String, Object> body = report(category, description, address);
        if (contact != null && !contact.isEmpty()) {
            body.put("contact", contact);
        }
        return body;
    }

    /** Contact details with a phone number and a name, leaving out either when null. */
    public static Map<String, Object> contact(String phone, String name) {
        Map<String, Object> contact = new HashMap<>();
        if (phone != null) {
            contact.put("phone", phone);
        }
        if (name != null) {
            contact.put("name", name);
        }
        return contact;
    }

    /** Files {@code body}; 201 asserted. */
    public static Created file(WebTestClient http, Map<String, Object> body) {
        return http.post().uri("/api/v1/reports").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
    }

    /** Files a report at an address; 201 asserted. */
    public static Created file(WebTestClient http, String category, String description, String address) {
        return file(http, report(category, description, address));
    }

    /** Files a report at an address with the reporter's contact details (see {@link #report(String, String, String, Map)}); 201 asserted. */
    public static Created file(WebTestClient http, String category, String description, String address,
            Map<String, ?> contact) {
        return file(http, report(category, description, address, contact));
    }

    public Created file(Map<String, Object> body) {
        return file(http, body);
    }

    /** Files the report and waits for its cluster. */
    public UUID fileAndMatch(Map<String, Object> body) {
        return clusterOf(file(body).reference());
    }

    /** The report's cluster, once the matching has placed it (within 20 s). */
    public UUID clusterOf(String reference) {
        return await("report " + reference + " matched").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                        .map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one().block(),
                        Optional::isPresent)
                .get();
    }

    /** Waits until no report is waiting for its decision (earlier tests' reports included). */
    public void awaitAllMatched() {
        await("all reports matched").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> db.sql("select count(*) as n from report where cluster_id is null")
                        .map(row -> row.get("n", Long.class)).one().block(), waiting -> waiting == 0);
    }
}
