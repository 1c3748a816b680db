package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import nl.hartslag.db.crypto.PersonalData;

/**
 * V27 on a database that holds plain addresses, as every installation before issue 15 does: the
 * schema as V24 left it, in a schema of its own, with rows in it; then V27. Every address, template
 * parameter and number comes out sealed or hashed, the plain columns are gone, and error texts are
 * masked with the recipient's own address (also a form the patterns alone would miss).
 */
@SpringBootTest(classes = NotifierTestApplication.class, properties = "hartslag.notifier.dispatch=false")
class SealNotificationAddressesMigrationIntegrationTests {

    @Autowired
    Environment environment;

    @Autowired
    PersonalData personalData;

    @Test
    void existingRowsAreSealedAndHashedAndThePlainColumnsDropped() throws Exception {
        String schema = "v27_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        migrate(schema, "24", false); // the last SQL migration before V27 on main
        UUID sms = UUID.randomUUID();
        UUID mail = UUID.randomUUID();
        // A short number (8 digits) that the patterns alone would not mask; only the known address finds it.
        String phone = "+3197012345";
        String email = "Oude.Melder@example.nl";
        try (Connection c = connect(schema); Statement s = c.createStatement()) {
            s.execute("""
                    insert into notification (id, idempotency_key, channel, audience, template, parameters, language,
                                              urgency, status, attempt_limit, last_error)
                    values ('%1$s', 'old:sms', 'SMS', 'RESIDENT', 'STATUS_RESOLVED',
                            '{"reference": "HS-7KQ2-M9", "note": "Familie Jansen is gesproken"}', 'nl', 'NORMAL',
                            'FAILED', 3, 'Invalid To: %3$s'),
                           ('%2$s', 'old:mail', 'EMAIL', 'RESIDENT', 'REPORT_RECEIVED', '{"reference": "HS-7KQ2-M9"}',
                            'nl', 'NORMAL', 'SENT', 3, null);
                    insert into notification_recipient (notification_id, address) values ('%1$s', '%3$s'), ('%2$s', '%4$s');
                    insert into notification_attempt (notification_id, attempt, instance, outcome, detail)
                    values ('%1$s', 1, 'old@host', 'FAILED', 'Twilio refused %3$s');
                    insert into sms_opt_out (phone_e164, source) values ('%3$s', 'SMS_KEYWORD');
                    insert into sms_daily_count (phone_e164, day, texts) values ('%3$s', current_date, 2);
                    """.formatted(sms, mail, phone, email));
        }

        migrate(schema, "27", true);

        try (Connection c = connect(schema); Statement s = c.createStatement()) {
            assertThat(columns(s, "notification_recipient")).contains("address_sealed", "address_hash")
                    .doesNotContain("address");
            assertThat(columns(s, "notification")).contains("parameters_sealed").doesNotContain("parameters");
            assertThat(columns(s, "sms_opt_out")).containsExactlyInAnyOrder("phone_hash", "source", "created_at");
            assertThat(columns(s, "sms_daily_count")).containsExactlyInAnyOrder("phone_hash", "day", "texts");

            Map<String, String> sealed = Map.of(sms.toString(), phone, mail.toString(), email);
            try (ResultSet r = s.executeQuery("select notification_id::text as id, address_sealed, address_hash"
                    + " from notification_recipient")) {
                int rows = 0;
                while (r.next()) {
                    rows++;
                    String plain = sealed.get(r.getString("id"));
                    assertThat(personalData.open(r.getString("address_sealed"))).isEqualTo(plain);
                    assertThat(r.getString("address_hash")).isEqualTo(plain.contains("@")
                            ? personalData.emailLookup(plain) : personalData.phoneLookup(plain));
                }
                assertThat(rows).isEqualTo(2);
            }
            try (ResultSet r = s.executeQuery("select parameters_sealed, last_error from notification where id = '"
                    + sms + "'")) {
                assertThat(r.next()).isTrue();
                assertThat(OutboxRepository.parameters(personalData, r.getString("parameters_sealed")))
                        .containsEntry("note", "Familie Jansen is gesproken").containsEntry("reference", "HS-7KQ2-M9");
                assertThat(r.getString("last_error")).isEqualTo("Invalid To: " + Masking.mask(phone));
            }
            try (ResultSet r = s.executeQuery("select detail from notification_attempt where notification_id = '"
                    + sms + "'")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString("detail")).isEqualTo("Twilio refused " + Masking.mask(phone));
            }
            try (ResultSet r = s.executeQuery("select phone_hash from sms_opt_out")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(personalData.phoneLookup(phone));
            }
            try (ResultSet r = s.executeQuery("select phone_hash, texts from sms_daily_count")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(personalData.phoneLookup(phone));
                assertThat(r.getInt(2)).isEqualTo(2);
            }
            // The pattern twin needs no address any more.
            try (ResultSet r = s.executeQuery("select redact_error_text('bel 0612345678 of mail jan@example.nl')")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("bel ***78 of mail ***@example.nl");
            }
            List<String> everything = new ArrayList<>();
            for (String table : List.of("notification", "notification_recipient", "notification_attempt",
                    "sms_opt_out", "sms_daily_count")) {
                try (ResultSet r = s.executeQuery("select t::text from " + table + " t")) {
                    while (r.next()) {
                        everything.add(r.getString(1));
                    }
                }
            }
            assertThat(everything).isNotEmpty().noneSatisfy(row -> assertThat(row).containsAnyOf("97012345",
                    "Oude.Melder", "Jansen"));
        } finally {
            try (Connection c = connect("public"); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private void migrate(String schema, String target, boolean withV27) {
        var config = Flyway.configure()
                .dataSource(environment.getProperty("spring.flyway.url"), environment.getProperty("spring.flyway.user"),
                        environment.getProperty("spring.flyway.password"))
                .schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration")
                .target(target)
                .ignoreMigrationPatterns("*:missing");
        if (withV27) {
            config = config.javaMigrations(new V27__seal_notification_addresses(personalData));
        }
        config.load().migrate();
    }

    private Connection connect(String schema) throws Exception {
        Connection c = DriverManager.getConnection(environment.getProperty("spring.flyway.url"),
                environment.getProperty("spring.flyway.user"), environment.getProperty("spring.flyway.password"));
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
        }
        return c;
    }

    private static List<String> columns(Statement s, String table) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet r = s.executeQuery("select column_name from information_schema.columns where table_schema ="
                + " current_schema() and table_name = '" + table + "'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return names;
    }
}
