package nl.hartslag.db.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.zip.CRC32;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Keeps the seed landmarks ({@code places.csv}: names, aliases, streets) in {@code named_place}.
 * Repeatable: Flyway runs it again whenever the file's bytes change, so the shipped file can grow
 * (a new landmark, another alias) without a new version. A seed row is inserted or updated by its
 * name; landmarks coordinators added are left alone.
 */
final class LandmarkSeedMigration implements JavaMigration {

    static final String PLACES = "nl/hartslag/db/seed/places.csv";

    @Override
    public MigrationVersion getVersion() {
        return null; // repeatable
    }

    @Override
    public String getDescription() {
        return "seed landmarks";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        try (InputStream in = stream()) {
            crc.update(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement upsert = connection.prepareStatement(
                "insert into named_place (name, lat, lon, neighbourhood, aliases, street) values (?, ?, ?, ?, ?, ?)"
                        + " on conflict (name) do update set lat = excluded.lat, lon = excluded.lon,"
                        + " neighbourhood = excluded.neighbourhood, aliases = excluded.aliases,"
                        + " street = excluded.street where named_place.added_by is null")) {
            for (GazetteerCsv.NamedPlace p : GazetteerCsv.readPlaces(
                    new InputStreamReader(stream(), StandardCharsets.UTF_8))) {
                upsert.setString(1, p.name());
                upsert.setDouble(2, p.lat());
                upsert.setDouble(3, p.lon());
                upsert.setString(4, p.neighbourhood());
                upsert.setArray(5, connection.createArrayOf("text", p.aliases().toArray()));
                if (p.street() == null) {
                    upsert.setNull(6, Types.VARCHAR);
                } else {
                    upsert.setString(6, p.street());
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static InputStream stream() {
        InputStream in = LandmarkSeedMigration.class.getClassLoader().getResourceAsStream(PLACES);
        if (in == null) {
            throw new IllegalStateException("seed file missing from the classpath: " + PLACES);
        }
        return in;
    }
}
