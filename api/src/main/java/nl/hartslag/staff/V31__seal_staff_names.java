package nl.hartslag.staff;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.db.crypto.PlainColumns;
import nl.hartslag.db.crypto.SealedColumn;

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
        PlainColumns.sealInto(connection, personalData,
                new SealedColumn("staff_account", "id", "display_name_sealed"), "display_name");
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("alter table staff_account drop column display_name");
            ddl.execute("alter table staff_account alter column display_name_sealed set not null");
            ddl.execute("cluster staff_account using staff_account_pkey");
        }
    }
}
