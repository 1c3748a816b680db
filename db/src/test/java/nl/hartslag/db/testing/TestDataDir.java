package nl.hartslag.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test JVM's data directory, fresh per JVM under {@code target/test-data} (so {@code mvn clean}
 * removes it and running the tests twice never sees old rows), handed to the application as the
 * system property {@code hartslag.data-dir}. It must be set before Spring reads its environment:
 * the embedded PostgreSQL is chosen there, before any {@code @DynamicPropertySource} value exists;
 * hence {@link TestDataDirListener}. Shared with the notifier and api tests through db's test-jar
 * (only this package goes into it).
 */
public final class TestDataDir {

    private static Path path;

    private TestDataDir() {
    }

    /** The JVM's data directory, created (and the system property set) on first use. */
    public static synchronized Path path() {
        if (path == null) {
            path = fresh("run-");
            System.setProperty("hartslag.data-dir", path.toString());
        }
        return path;
    }

    /** Another fresh directory beside it, for a test that starts an application of its own. */
    public static Path fresh(String prefix) {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            return Files.createTempDirectory(parent, prefix).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
