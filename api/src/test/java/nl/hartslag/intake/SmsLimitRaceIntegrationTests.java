package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * The per-number limit under concurrency: texts from one number arriving together (a script, a
 * stuck phone) must not all pass a count that none of them has added to yet. The shared context's
 * limit is the configured 10 an hour.
 */
@IntegrationTest
class SmsLimitRaceIntegrationTests {

    private static final int PARALLEL = 16;
    private static final int LIMIT = 10;

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @RepeatedTest(3)
    void sixteenParallelTextsFromOneNumberStoreAtMostTheLimit() throws Exception {
        String phone = FakeTwilio.newPhone();
        // Sixteen at once on a busy test machine: give each answer time.
        WebTestClient patient = http.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                String body = "Herrie bij Passartweg 14, melding " + i;
                Callable<String> text = () -> {
                    start.await();
                    return TwilioWebhooks.text(patient, phone, body);
                };
                replies.add(pool.submit(text));
            }
            start.countDown();
            int thanked = 0;
            int refused = 0;
            for (Future<String> reply : replies) {
                String twiml = reply.get();
                if (twiml.contains("Bedankt.")) {
                    thanked++;
                } else if (twiml.contains("veel meldingen gestuurd")) {
                    refused++;
                }
            }
            long stored = db.sql("select count(*) as n from report r join reporter_contact c"
                    + " on c.id = r.reporter_contact_id where c.phone_hash = :phone")
                    .bind("phone", sealed.phoneLookup(phone)).map(row -> row.get("n", Long.class)).one().block();

            assertThat(stored).as("reports stored from one number").isEqualTo(LIMIT);
            // Every text got an answer, and the answers tell the truth about what was stored.
            assertThat(thanked).isEqualTo(LIMIT);
            assertThat(refused).isEqualTo(PARALLEL - LIMIT);
        } finally {
            pool.shutdownNow();
        }
    }
}
