package nl.hartslag.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Locale;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import nl.hartslag.db.crypto.CryptoProperties;
import nl.hartslag.db.crypto.Keysets;
import nl.hartslag.db.crypto.PersonalData;

/**
 * How long V26 takes on an installation with many plain reporter contacts (a benchmark, not a test):
 * the SQL migrations up to V24 on an embedded PostgreSQL, {@code --rows} plain contacts (name, phone,
 * e-mail, home), then V26 through Flyway. Prints the rows and the seconds the migration took.
 *
 * <pre>
 * mvn -B -o -q -pl api -am test-compile -Dspotless.check.skip=true
 * mvn -B -o -q -pl api -am dependency:build-classpath -Dmdep.outputFile=/tmp/api-cp.txt -Dmdep.includeScope=test
 * java -cp api/target/test-classes:api/target/classes:db/target/classes:notifier/target/classes:$(cat /tmp/api-cp.txt) \
 *     nl.hartslag.report.SealReporterContactsBench --rows 50000
 * </pre>
 *
 * <p>Measured 2026-12-03 on the shared 2-core build machine: 50,000 contacts in 13.6 s (3,667 rows/s).
 */
public final class SealReporterContactsBench {

    private SealReporterContactsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length == 2 && args[0].equals("--rows") ? Integer.parseInt(args[1]) : 50_000;
        Path target = Files.createDirectories(Path.of("target"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory(target, "v26-bench-pg-")).setCleanDataDirectory(true)
                .start()) {
            var data = postgres.getPostgresDatabase();
            Path keys = Files.createTempDirectory(target, "v26-bench-keys-");
            PersonalData sealed = new PersonalData(Keysets.load(new CryptoProperties(keys.toString(), null, null),
                    keys));
            Flyway.configure().dataSource(data).locations("classpath:db/migration").target("24").load().migrate();
            try (Connection c = data.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    insert into reporter_contact (id, name, phone_e164, email, home_street, home_house_number)
                    values (?, ?, ?, ?, 'Esdoornstraat', ?)
                    """)) {
                for (int i = 0; i < rows; i++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, "Bewoner " + i);
                    insert.setString(3, String.format(Locale.ROOT, "+316%08d", i));
                    insert.setString(4, "bewoner" + i + "@example.nl");
                    insert.setString(5, Integer.toString(1 + i % 90));
                    insert.addBatch();
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            long start = System.nanoTime();
            Flyway.configure().dataSource(data).locations("classpath:db/migration")
                    .javaMigrations(new V26__seal_reporter_contacts(sealed)).target("26").load().migrate();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "V26 sealed %d reporter contacts in %.1f s (%.0f rows/s)%n", rows, seconds,
                    rows / seconds);
        }
    }
}
