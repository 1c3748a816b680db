package nl.hartslag.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import nl.hartslag.db.crypto.PersonalData;

/**
 * Issue 15, the reporter's side of "personal data encrypted at rest": the plain columns of
 * {@code reporter_contact}, {@code sms_conversation} and {@code voice_conversation} become sealed
 * ({@link PersonalData#seal}) columns plus keyed lookup hashes, existing rows included, and the plain
 * columns are dropped. A Java migration because sealing needs the keys, which SQL never sees. Flyway
 * runs it as version 26 between the SQL migrations (Boot hands every {@code JavaMigration} bean to it,
 * see {@link ReporterDataAtRest}); in one transaction, so a failure leaves the plain schema as it was.
 *
 * <p>{@code household_key} (V10) is rebuilt on the hashes: equal numbers (and e-mail addresses, case
 * folded by {@link PersonalData#emailLookup}) still give equal keys, so every count stays what it was.
 */
final class V26__seal_reporter_contacts extends BaseJavaMigration {

    /** A lookup hash: HMAC-SHA256 in base64url without padding. */
    static final String HASH_CHECK = "'^[A-Za-z0-9_-]{43}$'";

    private final PersonalData personalData;

    V26__seal_reporter_contacts(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public void migrate(Context context) throws Exception {
        migrate(context.getConnection(), personalData);
    }

    /** The migration on a plain JDBC connection (its transaction is the caller's). */
    static void migrate(Connection connection, PersonalData personalData) throws SQLException {
        reporterContacts(connection, personalData);
        textConversations(connection, personalData);
        callConversations(connection, personalData);
        auditedPeople(connection, personalData);
    }

    private static void reporterContacts(Connection connection, PersonalData personalData) throws SQLException {
        execute(connection, """
                alter table reporter_contact
                    add column name_sealed text,
                    add column phone_sealed text,
                    add column phone_hash text check (phone_hash ~ %1$s),
                    add column email_sealed text,
                    add column email_hash text check (email_hash ~ %1$s),
                    add column home_street_sealed text,
                    add column home_house_number_sealed text
                """.formatted(HASH_CHECK));
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "select id, name, phone_e164, email, home_street, home_house_number from reporter_contact");
                PreparedStatement update = connection.prepareStatement("""
                        update reporter_contact
                           set name_sealed = ?, phone_sealed = ?, phone_hash = ?, email_sealed = ?, email_hash = ?,
                               home_street_sealed = ?, home_house_number_sealed = ?
                         where id = ?
                        """)) {
            int batched = 0;
            while (rows.next()) {
                String phone = rows.getString("phone_e164");
                String email = rows.getString("email");
                update.setString(1, personalData.seal(rows.getString("name")));
                update.setString(2, personalData.seal(phone));
                update.setString(3, personalData.phoneLookup(phone));
                update.setString(4, personalData.seal(email));
                update.setString(5, personalData.emailLookup(email));
                update.setString(6, personalData.seal(rows.getString("home_street")));
                update.setString(7, personalData.seal(rows.getString("home_house_number")));
                update.setObject(8, rows.getObject("id"));
                update.addBatch();
                if (++batched % 500 == 0) {
                    update.executeBatch();
                }
            }
            update.executeBatch();
        }
        // The household rule moves to the hashes before the columns it read go.
        execute(connection, "drop function household_key(text, text, text, text, text)");
        execute(connection, """
                alter table reporter_contact
                    drop constraint reporter_contact_check,
                    drop constraint reporter_contact_home_whole,
                    drop column name,
                    drop column phone_e164,
                    drop column email,
                    drop column home_street,
                    drop column home_house_number,
                    add constraint reporter_contact_check check (name_sealed is not null or phone_sealed is not null
                        or email_sealed is not null or home_street_sealed is not null),
                    add constraint reporter_contact_home_whole
                        check ((home_street_sealed is null) = (home_house_number_sealed is null)),
                    add constraint reporter_contact_phone_whole check ((phone_sealed is null) = (phone_hash is null)),
                    add constraint reporter_contact_email_whole check ((email_sealed is null) = (email_hash is null))
                """);
        execute(connection, "create index reporter_contact_phone_hash_idx on reporter_contact (phone_hash)");
        execute(connection, "create index reporter_contact_email_hash_idx on reporter_contact (email_hash)");
        rewrite(connection, "reporter_contact", "reporter_contact_pkey");
        // One rule for the cluster's household count and the escalation rule alike (V10), on lookup
        // hashes: a reporter's phone number, else e-mail address, else an outreach visit's address.
        execute(connection, """
                create function household_key(phone_hash text, email_hash text, channel text, street text,
                                              house_number text)
                    returns text language sql immutable as $$
                    select coalesce('phone:' || phone_hash, 'email:' || email_hash,
                                    case when channel = 'outreach' and street is not null and house_number is not null
                                         then 'address:' || lower(street) || ' ' || lower(house_number) end)
                $$
                """);
    }

    private static void textConversations(Connection connection, PersonalData personalData) throws SQLException {
        // The sealed number too: a text nobody answered in time still becomes the sender's report.
        execute(connection, """
                alter table sms_conversation
                    add column phone_hash text check (phone_hash ~ %s),
                    add column phone_sealed text,
                    add column body_sealed text
                """.formatted(HASH_CHECK));
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select phone_e164, body from sms_conversation");
                PreparedStatement update = connection.prepareStatement("""
                        update sms_conversation set phone_hash = ?, phone_sealed = ?, body_sealed = ?
                         where phone_e164 = ?
                        """)) {
            while (rows.next()) {
                String phone = rows.getString("phone_e164");
                update.setString(1, personalData.phoneLookup(phone));
                update.setString(2, personalData.seal(phone));
                update.setString(3, personalData.seal(rows.getString("body")));
                update.setString(4, phone);
                update.addBatch();
            }
            update.executeBatch();
        }
        execute(connection, """
                alter table sms_conversation
                    drop column phone_e164,
                    drop column body,
                    alter column phone_hash set not null,
                    alter column phone_sealed set not null,
                    alter column body_sealed set not null,
                    add primary key (phone_hash)
                """);
        rewrite(connection, "sms_conversation", "sms_conversation_pkey");
    }

    private static void callConversations(Connection connection, PersonalData personalData) throws SQLException {
        execute(connection, """
                alter table voice_conversation
                    add column phone_sealed text,
                    add column phone_hash text check (phone_hash ~ %s)
                """.formatted(HASH_CHECK));
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(
                        "select call_sid, phone_e164 from voice_conversation where phone_e164 is not null");
                PreparedStatement update = connection.prepareStatement(
                        "update voice_conversation set phone_sealed = ?, phone_hash = ? where call_sid = ?")) {
            while (rows.next()) {
                String phone = rows.getString("phone_e164");
                update.setString(1, personalData.seal(phone));
                update.setString(2, personalData.phoneLookup(phone));
                update.setString(3, rows.getString("call_sid"));
                update.addBatch();
            }
            update.executeBatch();
        }
        execute(connection, """
                alter table voice_conversation
                    drop column phone_e164,
                    add constraint voice_conversation_phone_whole check ((phone_sealed is null) = (phone_hash is null))
                """);
        rewrite(connection, "voice_conversation", "voice_conversation_pkey");
    }

    /**
     * A dropped column is only marked dropped: its values stay in every row on disk (and in file-level
     * backups) until the row is written anew. Rewriting the table (CLUSTER, allowed in a transaction
     * when a table is named; it writes dropped columns as nulls) leaves no plain value in its files.
     */
    private static void rewrite(Connection connection, String table, String index) throws SQLException {
        execute(connection, "cluster " + table + " using " + index);
        execute(connection, "alter table " + table + " set without cluster");
    }

    /**
     * Audit entries about a person (V24) named them by the number or address searched for; from now
     * on by its lookup hash, so the old ones are renamed the same way and stay findable. The trail is
     * append-only for the application: only this migration lifts that, for this one column, and puts
     * it back in the same transaction.
     */
    private static void auditedPeople(Connection connection, PersonalData personalData) throws SQLException {
        execute(connection, "alter table audit_entry disable trigger audit_entry_append_only");
        execute(connection, "grant update (subject_id) on audit_entry to current_user");
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("""
                        select distinct subject_id from audit_entry
                         where subject_type = 'person' and subject_id !~ %s
                        """.formatted(HASH_CHECK));
                PreparedStatement update = connection.prepareStatement(
                        "update audit_entry set subject_id = ? where subject_type = 'person' and subject_id = ?")) {
            while (rows.next()) {
                String person = rows.getString("subject_id");
                update.setString(1, person.startsWith("+") ? personalData.phoneLookup(person)
                        : personalData.emailLookup(person));
                update.setString(2, person);
                update.addBatch();
            }
            update.executeBatch();
        }
        execute(connection, "revoke update (subject_id) on audit_entry from current_user");
        execute(connection, "alter table audit_entry enable trigger audit_entry_append_only");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
