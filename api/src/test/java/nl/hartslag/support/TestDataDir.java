package nl.hartslag.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh data directory per test JVM (under {@code target/}, so {@code mvn clean} removes it), so
 * running the tests twice never sees old rows. It must exist before Spring reads its environment
 * (the embedded database is chosen there), hence a system property set by
 * {@link TestDataDirListener} when the test session opens.
 */
public final class TestDataDir {

    public static final Path PATH = create();

    private TestDataDir() {
    }

    static void ensureCreated() {
        // Loading the class runs create(); nothing else to do.
    }

    private static Path create() {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            Path dir = Files.createTempDirectory(parent, "run-").toAbsolutePath();
            System.setProperty("hartslag.data-dir", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
