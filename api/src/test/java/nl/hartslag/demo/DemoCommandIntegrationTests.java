package nl.hartslag.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

import nl.hartslag.Application;
import nl.hartslag.support.FakeTwilio;

/**
 * {@code java -jar hartslag-api.jar demo} as a newcomer runs it, in-process: against a data directory of
 * its own (its own embedded PostgreSQL, migrated at start). Twilio is the test JVM's WireMock stand-in and
 * e-mail goes to an SMTP port of this test, both really configured: the demo must send nothing (no text
 * reaches the stand-in, nobody even connects to the SMTP port).
 */
class DemoCommandIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void fillsAnEmptyDatabaseWithAHalfYearAndThenRefusesToMixInto() throws IOException {
        try (SmtpPort smtp = new SmtpPort()) {
            int textsBefore = textsToTwilio();
            String[] args = { "--hartslag.data-dir=" + dataDir, "--months", "6", "--seed", "42",
                    "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.port() };
            Map<String, Object> made = new LinkedHashMap<>();
            Result first = run(args, context -> made.putAll(facts(context)));

            assertThat(first.status()).as(first.err()).isZero();
            assertThat(first.out()).contains("Demo data made in").contains("demo.outreach (OUTREACH)")
                    .contains("--hartslag.data-dir=" + dataDir);
            assertThat(made.get("channels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.list(String.class))
                    .as("reports in every channel")
                    .containsExactlyInAnyOrder("web", "sms", "phone", "outreach");
            assertThat((Long) made.get("months")).as("distinct months with reports").isGreaterThanOrEqualTo(5);
            assertThat((Long) made.get("problems")).as("clusters of 2+ reports").isGreaterThanOrEqualTo(5);
            assertThat((Long) made.get("mediationSteps")).as("mediation steps in use").isGreaterThan(1);
            assertThat((Long) made.get("closedMediations")).isPositive();
            assertThat((Long) made.get("workOrdersDone")).isPositive();
            assertThat((Long) made.get("meetingsWithActions")).isPositive();
            assertThat((Long) made.get("actionsDone")).isPositive();
            assertThat((Long) made.get("visits")).isPositive();
            assertThat((Long) made.get("visitsWithReport")).isPositive();
            assertThat((Long) made.get("visitsWithoutReport")).isPositive();
            assertThat((Long) made.get("visitsSealed")).as("house numbers sealed, household hashed")
                    .isEqualTo(made.get("visits"));
            assertThat((Long) made.get("contactsSealed")).as("contacts stored the normal (sealed) way").isPositive();
            assertThat((Long) made.get("satisfaction")).isPositive();
            assertThat((Long) made.get("notifications")).isPositive();
            assertThat((Long) made.get("notificationsNotFinal")).as("notifications left to send").isZero();
            assertThat((Long) made.get("historyAfterReceipt")).as("history moved back with its reports").isZero();
            assertThat((Long) made.get("withoutNeighbourhood")).isZero();
            assertThat((Long) made.get("stampedNow")).as("rows still stamped with the seeding's own time").isZero();
            // Nothing went out: no text reached Twilio's stand-in, no e-mail the SMTP server.
            assertThat(textsToTwilio()).isEqualTo(textsBefore);
            assertThat(smtp.connections()).as("SMTP connections").isZero();

            Map<String, Object> after = new LinkedHashMap<>();
            Result second = run(args, context -> after.put("state", state(context)));
            assertThat(second.status()).isEqualTo(DemoCommand.NOT_EMPTY);
            assertThat(second.err()).contains("already holds").contains("Nothing was changed");
            assertThat(after.get("state")).as("a refused run changes nothing").isEqualTo(made.get("state"));
            assertThat(textsToTwilio()).isEqualTo(textsBefore);
            assertThat(smtp.connections()).as("SMTP connections").isZero();
        }
    }

    /** A port where an SMTP server would listen: counts whoever connects, and hangs up. */
    private static final class SmtpPort implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();

        SmtpPort() throws IOException {
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "demo-test-smtp");
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void aWrongArgumentIsAUsageError() {
        Result wrong = run(new String[] { "--months", "0" }, context -> {
        });
        assertThat(wrong.status()).isEqualTo(DemoCommand.USAGE);
        assertThat(wrong.err()).contains("--months").contains("usage: java -jar hartslag-api.jar demo");
        Result help = run(new String[] { "--help" }, context -> {
        });
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Refuses").contains("--seed");
    }

    private static Map<String, Object> facts(ConfigurableApplicationContext context) {
        DatabaseClient db = context.getBean(DatabaseClient.class);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("channels", db.sql("select distinct channel from report").map(row -> row.get(0, String.class))
                .all().collectList().block(Duration.ofSeconds(30)));
        facts.put("months", count(db, "select count(distinct date_trunc('month', received_at)) from report"));
        facts.put("problems", count(db, """
                select count(*) from (select cluster_id from report where cluster_id is not null
                                       group by cluster_id having count(*) >= 2) x
                """));
        facts.put("mediationSteps", count(db, "select count(distinct step) from case_file where type = 'MEDIATION'"));
        facts.put("closedMediations", count(db, """
                select count(*) from case_file where type = 'MEDIATION' and step = 'CLOSED' and outcome is not null
                """));
        facts.put("workOrdersDone", count(db, "select count(*) from case_file where type = 'WORK_ORDER' and status = 'DONE'"));
        facts.put("meetingsWithActions", count(db, """
                select count(distinct m.id) from meeting m join agreed_action a on a.meeting_id = m.id
                """));
        facts.put("actionsDone", count(db, "select count(*) from agreed_action where status = 'DONE'"));
        facts.put("visits", count(db, "select count(*) from outreach_visit"));
        facts.put("visitsWithReport", count(db, """
                select count(*) from outreach_visit v join report r on r.id = v.report_id where r.channel = 'outreach'
                """));
        facts.put("visitsWithoutReport", count(db, "select count(*) from outreach_visit where report_id is null"));
        facts.put("visitsSealed", count(db, """
                select count(*) from outreach_visit
                 where household_hash is not null and house_number_sealed is not null
                   and house_number_sealed !~ '^[0-9]+[a-z]?$'
                """));
        facts.put("contactsSealed", count(db, """
                select count(*) from reporter_contact where phone_sealed is not null and phone_sealed not like '+31%'
                """));
        facts.put("satisfaction", count(db, "select count(*) from report_feedback"));
        facts.put("notifications", count(db, "select count(*) from notification"));
        facts.put("notificationsNotFinal", count(db, """
                select count(*) from notification where status in ('PENDING', 'SENDING') or provider_id is not null
                """));
        facts.put("historyAfterReceipt", count(db, """
                select count(*) from report r
                 where r.received_at > now() - interval '1 hour'
                    or exists (select 1 from report_event e where e.report_id = r.id and e.occurred_at < r.received_at)
                """));
        // What the services stamped "now" was moved back into the half-year (which ends two hours ago).
        facts.put("stampedNow", count(db, """
                select (select count(*) from report_event where occurred_at > now() - interval '1 hour')
                     + (select count(*) from case_file where created_at > now() - interval '1 hour')
                     + (select count(*) from work_order_event where occurred_at > now() - interval '1 hour')
                     + (select count(*) from case_offer where offered_at > now() - interval '1 hour')
                     + (select count(*) from routing_decision where decided_at > now() - interval '1 hour')
                     + (select count(*) from cluster where created_at > now() - interval '1 hour')
                     + (select count(*) from escalation_proposal where proposed_at > now() - interval '1 hour')
                     + (select count(*) from notification where created_at > now() - interval '1 hour')
                """));
        facts.put("withoutNeighbourhood", count(db, "select count(*) from report where neighbourhood is null"));
        facts.put("state", state(context));
        return facts;
    }

    /** Enough of the database to tell whether anything changed. */
    private static String state(ConfigurableApplicationContext context) {
        return context.getBean(DatabaseClient.class).sql("""
                select concat_ws('/',
                    (select count(*) from report), (select count(*) from report_event), (select count(*) from cluster),
                    (select count(*) from case_file), (select count(*) from notification),
                    (select count(*) from outreach_visit), (select count(*) from staff_account),
                    (select md5(string_agg(id::text || status || updated_at::text || coalesce(cluster_id::text, ''),
                                           ',' order by id)) from report),
                    (select md5(string_agg(id::text || status || updated_at::text, ',' order by id)) from notification),
                    (select md5(string_agg(id::text || status || coalesce(step, ''), ',' order by id)) from case_file))
                """).map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(30));
    }

    private static long count(DatabaseClient db, String sql) {
        Long n = db.sql(sql).map(row -> row.get(0, Long.class)).one().block(Duration.ofSeconds(30));
        return n == null ? 0 : n;
    }

    private static int textsToTwilio() {
        return FakeTwilio.server().findAll(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES))).size();
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(String[] args, Consumer<ConfigurableApplicationContext> inspect) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = DemoCommand.NAME;
        System.arraycopy(args, 0, all, 1, args.length);
        int status = DemoCommand.run(Application.class, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), inspect);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
