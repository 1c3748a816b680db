package nl.hartslag.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.hartslag.db.crypto.CryptoProperties;
import nl.hartslag.db.crypto.Keysets;
import nl.hartslag.db.crypto.PersonalData;

/**
 * V26 on a database that already holds plain personal data (as every installation before issue 15
 * does): the real SQL migrations up to V24 on an embedded PostgreSQL, plain rows written the old way,
 * then V26 through Flyway as the service runs it. Afterwards no plain value is left, each sealed value
 * opens to what it was, each hash is the lookup hash of the value, and the household rule, the audit
 * trail's people and the table's checks work on the new columns. Plain JDBC, no Spring context.
 */
class SealReporterContactsMigrationIntegrationTests {

    private static final String NAME = "Gerrit Plaatsma";
    private static final String PHONE = "+31687654321";
    private static final String EMAIL = "Gerrit.Plaatsma@Example.nl";
    private static final String OTHER_PHONE = "+31687650000";
    private static final String WAITING = "Er staat een kapotte koelkast op de stoep";

    private static EmbeddedPostgres postgres;
    private static Path dataDirectory;
    private static DataSource data;
    private static PersonalData sealed;
    private static final UUID FULL = UUID.randomUUID();
    private static final UUID EMAIL_ONLY = UUID.randomUUID();

    @BeforeAll
    static void migrateAPlainDatabase() throws Exception {
        Path target = Files.createDirectories(Path.of("target"));
        dataDirectory = Files.createTempDirectory(target, "v26-pg-");
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
        data = postgres.getPostgresDatabase();
        Path keys = Files.createTempDirectory(target, "v26-keys-");
        sealed = new PersonalData(Keysets.load(new CryptoProperties(keys.toString(), null, null), keys));

        Flyway.configure().dataSource(data).locations("classpath:db/migration").target("24").load().migrate();
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                    insert into reporter_contact (id, name, phone_e164, email, home_street, home_house_number)
                    values ('%s', '%s', '%s', '%s', 'Esdoornstraat', '7a'),
                           ('%s', null, null, '%s', null, null)
                    """.formatted(FULL, NAME, PHONE, EMAIL, EMAIL_ONLY, EMAIL));
            s.execute("""
                    insert into sms_conversation (phone_e164, message_sid, body, language)
                    values ('%s', 'SM0123456789abcdef', '%s', 'nl')
                    """.formatted(OTHER_PHONE, WAITING));
            s.execute("""
                    insert into voice_conversation (call_sid, phone_e164, purpose, language)
                    values ('CA0123456789abcdef', '%s', 'NUISANCE', 'nl'),
                           ('CA0123456789withheld', null, 'NUISANCE', 'nl')
                    """.formatted(PHONE));
            s.execute("""
                    insert into audit_entry (actor, role, subject_type, subject_id, fields, purpose)
                    values ('coordinator', 'COORDINATOR', 'person', '%s', '{audit_entry}', 'audit'),
                           ('coordinator', 'COORDINATOR', 'person', '%s', '{audit_entry}', 'audit'),
                           ('coordinator', 'COORDINATOR', 'report', 'HS-2222-22', '{name}', 'view')
                    """.formatted(PHONE, EMAIL.toLowerCase()));
        }

        Flyway.configure().dataSource(data).locations("classpath:db/migration")
                .javaMigrations(new V26__seal_reporter_contacts(sealed)).target("26").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void noPlainValueIsLeftAndThePlainColumnsAreGone() throws SQLException {
        String dump = String.join("\n", strings("select t::text from reporter_contact t"))
                + String.join("\n", strings("select t::text from sms_conversation t"))
                + String.join("\n", strings("select t::text from voice_conversation t"))
                + String.join("\n", strings("select t::text from audit_entry t"));
        assertThat(dump).doesNotContain(NAME, "Plaatsma", "plaatsma", PHONE, "687654321", OTHER_PHONE, "687650000",
                "Esdoornstraat", "koelkast");
        assertThat(strings("""
                select table_name || '.' || column_name from information_schema.columns
                 where table_name in ('reporter_contact', 'sms_conversation', 'voice_conversation')
                   and column_name in ('name', 'phone_e164', 'email', 'home_street', 'home_house_number', 'body')
                """)).isEmpty();
    }

    /** Dropped columns keep their values on disk until rows are rewritten: V26 rewrites the tables. */
    @Test
    void theTablesFilesHoldNoPlainValue() throws Exception {
        execute("checkpoint");
        for (String table : List.of("reporter_contact", "sms_conversation", "voice_conversation")) {
            String file = strings("select pg_relation_filepath('" + table + "')").get(0);
            String bytes = new String(Files.readAllBytes(dataDirectory.resolve(file)),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String plain : List.of(NAME, PHONE, EMAIL, OTHER_PHONE, "Esdoornstraat", "koelkast")) {
                assertThat(bytes.contains(plain)).as("the file of %s holds %s", table, plain).isFalse();
            }
        }
    }

    @Test
    void eachSealedValueOpensToWhatItWasAndEachHashIsItsLookupHash() throws SQLException {
        List<String> full = row("""
                select name_sealed, phone_sealed, phone_hash, email_sealed, email_hash, home_street_sealed,
                       home_house_number_sealed from reporter_contact where id = '%s'
                """.formatted(FULL));
        assertThat(sealed.open(full.get(0))).isEqualTo(NAME);
        assertThat(sealed.open(full.get(1))).isEqualTo(PHONE);
        assertThat(full.get(2)).isEqualTo(sealed.phoneLookup(PHONE));
        assertThat(sealed.open(full.get(3))).isEqualTo(EMAIL);
        assertThat(full.get(4)).isEqualTo(sealed.emailLookup(EMAIL.toLowerCase()));
        assertThat(sealed.open(full.get(5))).isEqualTo("Esdoornstraat");
        assertThat(sealed.open(full.get(6))).isEqualTo("7a");

        List<String> text = row("select phone_hash, phone_sealed, body_sealed, message_sid from sms_conversation");
        assertThat(text.get(0)).isEqualTo(sealed.phoneLookup(OTHER_PHONE));
        assertThat(sealed.open(text.get(1))).isEqualTo(OTHER_PHONE);
        assertThat(sealed.open(text.get(2))).isEqualTo(WAITING);
        assertThat(text.get(3)).isEqualTo("SM0123456789abcdef");

        assertThat(row("select phone_hash, phone_sealed from voice_conversation where call_sid = 'CA0123456789abcdef'"))
                .satisfies(call -> {
                    assertThat(call.get(0)).isEqualTo(sealed.phoneLookup(PHONE));
                    assertThat(sealed.open(call.get(1))).isEqualTo(PHONE);
                });
        assertThat(row("select phone_hash, phone_sealed from voice_conversation"
                + " where call_sid = 'CA0123456789withheld'")).containsExactly(null, null);
    }

    @Test
    void householdsAndAuditedPeopleAreKeyedByTheHashes() throws SQLException {
        assertThat(strings("""
                select household_key(phone_hash, email_hash, 'web', null, null) from reporter_contact order by name_sealed
                """)).containsExactlyInAnyOrder("phone:" + sealed.phoneLookup(PHONE),
                "email:" + sealed.emailLookup(EMAIL));
        assertThat(strings("select subject_id from audit_entry where subject_type = 'person'"))
                .containsExactlyInAnyOrder(sealed.phoneLookup(PHONE), sealed.emailLookup(EMAIL));
        assertThat(strings("select subject_id from audit_entry where subject_type = 'report'"))
                .containsExactly("HS-2222-22");
        // The trail is append-only again after the migration.
        assertThatThrownBy(() -> execute("update audit_entry set actor = 'someone'"))
                .hasMessageContaining("append-only");
    }

    @Test
    void theChecksHoldOnTheNewColumns() {
        // A row with nothing in it, half a home, a number without its hash: refused as before.
        assertThatThrownBy(() -> execute("insert into reporter_contact (id) values (gen_random_uuid())"))
                .hasMessageContaining("reporter_contact_check");
        assertThatThrownBy(() -> execute("insert into reporter_contact (id, home_street_sealed)"
                + " values (gen_random_uuid(), '1:x')")).hasMessageContaining("reporter_contact_home_whole");
        assertThatThrownBy(() -> execute("insert into reporter_contact (id, phone_sealed)"
                + " values (gen_random_uuid(), '1:x')")).hasMessageContaining("reporter_contact_phone_whole");
        assertThatThrownBy(() -> execute("insert into reporter_contact (id, phone_sealed, phone_hash)"
                + " values (gen_random_uuid(), '1:x', '+31687654321')")).hasMessageContaining("phone_hash");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = data.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = data.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> row(String sql) throws SQLException {
        try (Connection c = data.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for %s", sql).isTrue();
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                out.add(rs.getString(i));
            }
            return out;
        }
    }
}
