package nl.hartslag.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.hartslag.db.crypto.CryptoProperties;
import nl.hartslag.db.crypto.Keysets;
import nl.hartslag.db.crypto.PersonalData;

/**
 * V28 on a database written before it: the plain names, numbers, addresses, streets and notes of
 * volunteers, parties and contact moments are sealed and hashed in place, the plain columns are gone,
 * and the sealed values open to what was there. Its own PostgreSQL, migrated to V24 first.
 */
class SealCasePartiesMigrationIntegrationTests {

    @Test
    void existingRowsAreSealedAndHashedAndThePlainColumnsDropped(@TempDir Path serverDir, @TempDir Path dataDir)
            throws Exception {
        PersonalData personalData = new PersonalData(
                Keysets.load(new CryptoProperties(null, null, null), dataDir.resolve("keys")));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(serverDir).start()) {
            DataSource database = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(database).locations("classpath:db/migration").target("24").load().migrate();

            UUID volunteer = UUID.randomUUID();
            UUID caseId = UUID.randomUUID();
            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("insert into volunteer (id, name, phone_e164, street) values ('" + volunteer
                        + "', 'Truus Oudgediende', '+31687654321', 'Olmstraat')");
                sql.execute("insert into volunteer (id, name, phone_e164) values ('" + UUID.randomUUID()
                        + "', 'Zonder Straat', '+31687654322')");
                sql.execute("insert into case_file (id, type, status, step, category_code, referred_by, description)"
                        + " values ('" + caseId + "', 'MEDIATION', 'OPEN', 'ASSIGNED', 'neighbour_dispute', 'POLICE',"
                        + " 'Gerrit en zijn buurvrouw maken al jaren ruzie')");
                sql.execute("insert into case_party (case_id, role, name, phone_e164, address, street) values ('"
                        + caseId + "', 'B', 'Gerrit Overbuur', '+31611122233', 'Palmstraat 12', 'Palmstraat')");
                sql.execute("insert into case_party (case_id, role, name) values ('" + caseId + "', 'A', 'Alleen Naam')");
                sql.execute("insert into contact_moment (case_id, volunteer_id, kind, occurred_at, note) values ('"
                        + caseId + "', '" + volunteer + "', 'PARTY_B', now(), 'Gerrit belt terug na de vakantie')");
            }

            Flyway.configure().dataSource(database).locations("classpath:db/migration")
                    .javaMigrations(new V28__seal_case_parties(personalData)).load().migrate();

            try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
                assertThat(columns(sql, "volunteer")).contains("name_sealed", "phone_sealed", "phone_hash", "street_sealed")
                        .doesNotContain("name", "phone_e164", "street");
                assertThat(columns(sql, "case_party")).contains("id", "name_sealed", "phone_sealed", "phone_hash",
                        "address_sealed", "street_sealed").doesNotContain("name", "phone_e164", "address", "street");
                assertThat(columns(sql, "contact_moment")).contains("note_sealed").doesNotContain("note");
                assertThat(columns(sql, "case_file")).contains("description_sealed").doesNotContain("description");

                String dump = dump(sql, "volunteer") + dump(sql, "case_party") + dump(sql, "contact_moment")
                        + dump(sql, "case_file");
                for (String plain : List.of("Truus", "687654321", "Olmstraat", "Gerrit", "611122233", "Palmstraat",
                        "vakantie", "Alleen Naam")) {
                    assertThat(dump).as(plain).doesNotContain(plain);
                }

                try (ResultSet row = sql.executeQuery("select * from volunteer where id = '" + volunteer + "'")) {
                    row.next();
                    assertThat(personalData.open(row.getString("name_sealed"))).isEqualTo("Truus Oudgediende");
                    assertThat(personalData.open(row.getString("phone_sealed"))).isEqualTo("+31687654321");
                    assertThat(row.getString("phone_hash")).isEqualTo(personalData.phoneLookup("+31687654321"));
                    assertThat(personalData.open(row.getString("street_sealed"))).isEqualTo("Olmstraat");
                }
                try (ResultSet row = sql.executeQuery("select * from case_party where role = 'B'")) {
                    row.next();
                    assertThat(personalData.open(row.getString("name_sealed"))).isEqualTo("Gerrit Overbuur");
                    assertThat(row.getString("phone_hash")).isEqualTo(personalData.phoneLookup("+31611122233"));
                    assertThat(personalData.open(row.getString("address_sealed"))).isEqualTo("Palmstraat 12");
                    assertThat(personalData.open(row.getString("street_sealed"))).isEqualTo("Palmstraat");
                }
                try (ResultSet row = sql.executeQuery("select * from case_party where role = 'A'")) {
                    row.next();
                    assertThat(personalData.open(row.getString("name_sealed"))).isEqualTo("Alleen Naam");
                    assertThat(row.getString("phone_sealed")).isNull();
                    assertThat(row.getString("phone_hash")).isNull();
                }
                try (ResultSet row = sql.executeQuery("select note_sealed from contact_moment")) {
                    row.next();
                    assertThat(personalData.open(row.getString(1))).isEqualTo("Gerrit belt terug na de vakantie");
                }
                try (ResultSet row = sql.executeQuery("select description_sealed from case_file")) {
                    row.next();
                    assertThat(personalData.open(row.getString(1))).isEqualTo("Gerrit en zijn buurvrouw maken al jaren ruzie");
                }
                // The number stays unique and required, now through its hash.
                assertThatThrownBy(() -> sql.execute("insert into volunteer (id, name_sealed, phone_sealed, phone_hash)"
                        + " values ('" + UUID.randomUUID() + "', 'x', 'y', '"
                        + personalData.phoneLookup("+31687654321") + "')")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("volunteer_phone_hash_key");
                assertThatThrownBy(() -> sql.execute("insert into volunteer (id, name_sealed, phone_sealed)"
                        + " values ('" + UUID.randomUUID() + "', 'x', 'y')")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("phone_hash");
            }
        }
    }

    private static List<String> columns(Statement sql, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery("select column_name from information_schema.columns where table_name = '"
                + table + "'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String dump(Statement sql, String table) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (ResultSet rows = sql.executeQuery("select row_to_json(t)::text from " + table + " t")) {
            while (rows.next()) {
                all.append(rows.getString(1)).append('\n');
            }
        }
        return all.toString();
    }
}
