package nl.hartslag.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Creates the test JVM's data directory before any test class (and so any Spring context) starts. */
public class TestDataDirListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestDataDir.ensureCreated();
    }
}
