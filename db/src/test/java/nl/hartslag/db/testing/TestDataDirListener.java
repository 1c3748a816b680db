package nl.hartslag.db.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates the test JVM's data directory when the test session opens, before any test class (and so
 * any Spring context) starts. A module registers it in its own
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public class TestDataDirListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestDataDir.path();
    }
}
