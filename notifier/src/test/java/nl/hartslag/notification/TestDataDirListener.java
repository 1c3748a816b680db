package nl.hartslag.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A fresh data directory (so a fresh embedded PostgreSQL) per test JVM under {@code target/}. It
 * must be a system property before any Spring context starts: the database is chosen while the
 * environment is prepared, before {@code @DynamicPropertySource} values exist.
 */
public class TestDataDirListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Path parent = Files.createDirectories(Path.of("target", "test-data"));
            System.setProperty("hartslag.data-dir",
                    Files.createTempDirectory(parent, "run-").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
