package nl.hartslag.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import nl.hartslag.db.crypto.PersonalData;

/**
 * Issue 15: a staff member's display name is a person's name too; a volunteer's login carries the
 * same name as their (sealed) volunteer record. {@code staff_account.display_name} becomes
 * {@code display_name_sealed}, existing rows included, and the plain column is dropped; the table is
 * rewritten (CLUSTER) so the dropped values do not linger in its files. Usernames stay plain: they
 * are the login and name the actor in the audit trail.
 */
final class V31__seal_staff_names extends BaseJavaMigration {

    private final PersonalData personalData;

    V31__seal_staff_names(PersonalData personalData) {
        this.personalData = personalData;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table staff_account add column display_name_sealed text");
        }
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select id, display_name from staff_account");
                PreparedStatement update = connection
                        .prepareStatement("update staff_account set display_name_sealed = ? where id = ?")) {
            while (rows.next()) {
                update.setString(1, personalData.seal(rows.getString("display_name")));
                update.setObject(2, rows.getObject("id", UUID.class));
                update.addBatch();
            }
            update.executeBatch();
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table staff_account drop column display_name");
            ddl.execute("alter table staff_account alter column display_name_sealed set not null");
            ddl.execute("cluster staff_account using staff_account_pkey");
        }
    }
}
