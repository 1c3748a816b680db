package nl.hartslag.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import nl.hartslag.db.testing.TestDataDir;

/**
 * Before any test class (and so any Spring context) starts: creates the test JVM's data directory
 * (the shared {@link TestDataDir} of db's test-jar) and starts the fake Twilio, both handed to the
 * application as system properties.
 */
public class TestDataDirListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        TestDataDir.path();
        FakeTwilio.start();
    }
}
