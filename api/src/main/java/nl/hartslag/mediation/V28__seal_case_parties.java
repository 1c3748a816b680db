package nl.hartslag.mediation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.PlainColumns;
import nl.hartslag.db.crypto.SealedColumn;

/**
 * Seals the volunteers', the parties' and the contact notes' personal data, and what a referrer told
 * the coordinator about the parties ({@code case_file.description}) (issue 15): adds the
 * sealed and hash columns, seals and hashes every existing row through JDBC (the keys live in Java,
 * not in the database), then drops the plain columns with their checks and indexes. Length checks of
 * the plain columns are kept by the application (the API validates); a sealed value is longer.
 *
 * <p>{@code case_party} gets an {@code id} of its own: {@link nl.hartslag.db.crypto.KeyRotation}
 * needs one column that identifies a row, and the primary key is two.
 */
final class V28__seal_case_parties extends BaseJavaMigration {

    private final PersonalData personalData;

    V28__seal_case_parties(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    alter table volunteer add column name_sealed text, add column phone_sealed text,
                        add column phone_hash text, add column street_sealed text""");
            ddl.execute("""
                    alter table case_party add column id bigint generated always as identity,
                        add column name_sealed text, add column phone_sealed text, add column phone_hash text,
                        add column address_sealed text, add column street_sealed text""");
            ddl.execute("alter table contact_moment add column note_sealed text");
            ddl.execute("alter table case_file add column description_sealed text");
        }
        sealVolunteers(connection);
        sealParties(connection);
        sealNotes(connection);
        sealReferrals(connection);
        try (Statement ddl = connection.createStatement()) {
            // Dropping a column drops its checks, its unique constraint and its indexes with it.
            ddl.execute("alter table volunteer drop column name, drop column phone_e164, drop column street");
            ddl.execute("""
                    alter table volunteer alter column name_sealed set not null,
                        alter column phone_sealed set not null, alter column phone_hash set not null,
                        add constraint volunteer_phone_hash_key unique (phone_hash)""");
            ddl.execute("alter table case_party drop column name, drop column phone_e164, drop column address,"
                    + " drop column street");
            ddl.execute("alter table case_party add constraint case_party_id_key unique (id)");
            ddl.execute("create index case_party_phone_hash_idx on case_party (phone_hash)");
            ddl.execute("alter table contact_moment drop column note");
            ddl.execute("alter table case_file drop column description");
        }
    }

    private void sealVolunteers(Connection connection) throws Exception {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select id, name, phone_e164, street from volunteer");
                PreparedStatement update = connection.prepareStatement("""
                        update volunteer set name_sealed = ?, phone_sealed = ?, phone_hash = ?, street_sealed = ?
                         where id = ?""")) {
            while (rows.next()) {
                String phone = rows.getString("phone_e164");
                update.setString(1, personalData.seal(rows.getString("name")));
                update.setString(2, personalData.seal(phone));
                update.setString(3, personalData.phoneLookup(phone));
                update.setString(4, personalData.seal(rows.getString("street")));
                update.setObject(5, rows.getObject("id"));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private void sealParties(Connection connection) throws Exception {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select id, name, phone_e164, address, street from case_party");
                PreparedStatement update = connection.prepareStatement("""
                        update case_party set name_sealed = ?, phone_sealed = ?, phone_hash = ?, address_sealed = ?,
                               street_sealed = ?
                         where id = ?""")) {
            while (rows.next()) {
                String phone = rows.getString("phone_e164");
                update.setString(1, personalData.seal(rows.getString("name")));
                update.setString(2, personalData.seal(phone));
                update.setString(3, personalData.phoneLookup(phone));
                update.setString(4, personalData.seal(rows.getString("address")));
                update.setString(5, personalData.seal(rows.getString("street")));
                update.setLong(6, rows.getLong("id"));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private void sealReferrals(Connection connection) throws Exception {
        PlainColumns.sealInto(connection, personalData, new SealedColumn("case_file", "id", "description_sealed"),
                "description");
    }

    private void sealNotes(Connection connection) throws Exception {
        PlainColumns.sealInto(connection, personalData, new SealedColumn("contact_moment", "id", "note_sealed"),
                "note");
    }
}
