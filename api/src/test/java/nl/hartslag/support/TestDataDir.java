package nl.hartslag.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh data directory per test JVM, so `mvn verify` twice never sees old rows. It must be set
 * before Spring reads its environment (the embedded database is chosen there), hence a system
 * property set when this class loads, which the test support triggers from a static initialiser.
 */
public final class TestDataDir {

    public static final Path PATH = create();

    private TestDataDir() {
    }

    private static Path create() {
        try {
            Path dir = Files.createTempDirectory("hartslag-it-");
            System.setProperty("hartslag.data-dir", dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
