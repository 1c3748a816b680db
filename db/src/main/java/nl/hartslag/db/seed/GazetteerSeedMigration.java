package nl.hartslag.db.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.zip.CRC32;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Loads the gazetteer CSV files shipped in this module into {@code street_segment} and
 * {@code named_place}. The CSV stays the single source (it is what a BAG extract delivers); the
 * checksum covers its bytes so Flyway notices when a shipped file changes under an applied version.
 */
final class GazetteerSeedMigration implements JavaMigration {

    static final String STREETS = "nl/hartslag/db/seed/gazetteer.csv";
    /** The places as V3 loaded them, frozen: its checksum covers these bytes ({@code places.csv} itself has moved on, see R__seed_landmarks). */
    static final String PLACES = "nl/hartslag/db/seed/v3/places.csv";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "seed gazetteer";
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(bytes(STREETS));
        crc.update(bytes(PLACES));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into street_segment (street, house_from, house_to, postcode, lat, lon, neighbourhood)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")) {
            for (GazetteerCsv.StreetSegment s : GazetteerCsv.readStreets(reader(STREETS))) {
                insert.setString(1, s.street());
                insert.setInt(2, s.houseFrom());
                insert.setInt(3, s.houseTo());
                insert.setString(4, s.postcode());
                insert.setDouble(5, s.lat());
                insert.setDouble(6, s.lon());
                insert.setString(7, s.neighbourhood());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into named_place (name, lat, lon, neighbourhood) values (?, ?, ?, ?)")) {
            for (GazetteerCsv.NamedPlace p : GazetteerCsv.readPlaces(reader(PLACES))) {
                insert.setString(1, p.name());
                insert.setDouble(2, p.lat());
                insert.setDouble(3, p.lon());
                insert.setString(4, p.neighbourhood());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static InputStreamReader reader(String resource) {
        return new InputStreamReader(stream(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = GazetteerSeedMigration.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("seed file missing from the classpath: " + resource);
        }
        return in;
    }
}
