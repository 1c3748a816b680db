package nl.hartslag.db.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * For the Java migrations that replace a plain column by its sealed twin (issue 15): copies every
 * non-null value of {@code plain} into {@code column.column()}, sealed, in the migration's own
 * transaction. Adding and dropping the columns stays with the migration.
 */
public final class PlainColumns {

    private PlainColumns() {
    }

    /** Seals {@code plain} of every row into {@code sealed}; returns the rows written. */
    public static int sealInto(Connection connection, PersonalData personalData, SealedColumn sealed, String plain)
            throws SQLException {
        // Validated like the sealed column's identifiers: names go into the SQL text.
        new SealedColumn(sealed.table(), sealed.keyColumn(), plain);
        int written = 0;
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("select " + sealed.keyColumn() + " as k, " + plain + " as v from "
                        + sealed.table() + " where " + plain + " is not null");
                PreparedStatement update = connection.prepareStatement("update " + sealed.table() + " set "
                        + sealed.column() + " = ? where " + sealed.keyColumn() + " = ?")) {
            while (rows.next()) {
                update.setString(1, personalData.seal(rows.getString("v")));
                update.setObject(2, rows.getObject("k"));
                update.addBatch();
                written++;
            }
            update.executeBatch();
        }
        return written;
    }
}
