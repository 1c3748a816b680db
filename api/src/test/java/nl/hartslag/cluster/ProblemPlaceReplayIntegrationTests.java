package nl.hartslag.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;

/**
 * Reports stored before problem places existed (V17 adds the columns empty) get theirs from the
 * engine at start-up, and their clusters are recounted from them: the street where the problem is,
 * not the one the reporter typed.
 */
@IntegrationTest
class ProblemPlaceReplayIntegrationTests {

    WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    ProblemPlaces problemPlaces;

    @Test
    void aReportStoredBeforeProblemPlacesIsReadAtStartUpAndItsClusterRecounted() {
        Reports reports = new Reports(http, db);
        reports.awaitAllMatched();
        Reports.Created created = reports.file(Reports.report("public_lighting",
                "Al dagen is de lantaarnpaal voor Laurierstraat 30 kapot, het hele stuk is donker", "Laurierstraat 5"));
        UUID cluster = reports.clusterOf(created.reference());
        // As V17 leaves a report stored before it: nothing read, the cluster as the old rule made it.
        db.sql("update report set problem_source = null, problem_street = null, problem_house_number = null,"
                + " problem_place_name = null, problem_lat = null, problem_lon = null, read_kind_word = null,"
                + " read_place_in_words = null, read_typed_address_parsed = null, read_at = null where reference = :r")
                .bind("r", created.reference()).then().block();
        db.sql("update cluster set street = 'Palmstraat' where id = :c").bind("c", cluster).then().block();

        assertThat(problemPlaces.readUnread().block(Duration.ofMinutes(1))).isPositive();

        Map<String, Object> row = db.sql("select problem_source, problem_street, problem_house_number, read_kind_word,"
                + " read_typed_address_parsed, read_at is not null as read from report where reference = :r")
                .bind("r", created.reference()).fetch().one().block();
        assertThat(row).containsEntry("problem_source", "text_address").containsEntry("problem_street", "Laurierstraat")
                .containsEntry("problem_house_number", 30).containsEntry("read_kind_word", true)
                .containsEntry("read_typed_address_parsed", true).containsEntry("read", true);
        assertThat(db.sql("select street from cluster where id = :c").bind("c", cluster)
                .map(r -> r.get("street", String.class)).one().block()).isEqualTo("Laurierstraat");
        assertThat(db.sql("select count(*) as n from report where read_at is null").map(r -> r.get("n", Long.class))
                .one().block()).isZero();
    }
}
