package nl.hartslag.routing;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;

/**
 * The routing rules are kept in memory, not read per report: a rule changed on another instance
 * (announced on {@link RoutingRules#CHANNEL} in its transaction) routes the next report here,
 * without a restart.
 */
@IntegrationTest
class RoutingRulesIntegrationTests {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void aRuleChangedOnAnotherInstanceRoutesTheNextReportWithoutARestart() {
        // The rules as this instance keeps them: 'other' goes to triage.
        String before = report("other", "Er staat al een week een kapotte koelkast naast de Terweijerweg",
                "Terweijerweg 2");
        assertThat(await(() -> instruments(before), d -> !d.isEmpty(), Duration.ofSeconds(20)))
                .containsExactly("TRIAGE");
        try {
            changeElsewhere("WORK_ORDER");
            String after = report("other", "Een omgevallen hekwerk blokkeert het fietspad bij de Terweijerweg",
                    "Terweijerweg 8");
            assertThat(await(() -> instruments(after), d -> !d.isEmpty(), Duration.ofSeconds(30)))
                    .containsExactly("WORK_ORDER");
        } finally {
            changeElsewhere("TRIAGE");
        }
    }

    /** What another instance's coordinator does: the rule and its announcement, in one transaction. */
    private void changeElsewhere(String instrument) {
        db.sql("with changed as (update routing_rule set instrument = :i, updated_by = 'staff:elders',"
                + " updated_at = now() where category_code = 'other' returning category_code)"
                + " select pg_notify(:channel, category_code) from changed")
                .bind("i", instrument).bind("channel", RoutingRules.CHANNEL).then().block();
    }

    private String report(String category, String description, String address) {
        return Reports.file(http, category, description, address).reference();
    }

    private List<String> instruments(String reference) {
        return db.sql("select d.instrument from routing_decision d join report r on r.id = d.report_id"
                + " where r.reference = :ref order by d.id").bind("ref", reference)
                .map(r -> r.get("instrument", String.class)).all().collectList().block();
    }
}
