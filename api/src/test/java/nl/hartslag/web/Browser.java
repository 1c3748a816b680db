package nl.hartslag.web;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through the local chromedriver (never a Selenium Manager
 * download), with a phone-sized 360×740 viewport.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 360;
    static final int HEIGHT = 740;

    /*
     * Selenium warns that it has no CDP bindings for this Chromium version; the tests only use
     * chromedriver's own CDP passthrough, which needs none. Kept in a field: JUL holds loggers weakly.
     */
    private static final Logger DEVTOOLS_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        DEVTOOLS_LOG.setLevel(Level.SEVERE);
    }

    private static final Map<ChromeDriver, Path> PROFILES = new ConcurrentHashMap<>();

    private Browser() {
    }

    /**
     * Fails when Chromium or chromedriver is missing on CI ({@code CI=true}); elsewhere skips the
     * calling test class loudly.
     */
    static void requireInstalled() {
        boolean chromium = Files.isExecutable(CHROMIUM);
        boolean driver = Files.isExecutable(CHROMEDRIVER);
        if (chromium && driver) {
            return;
        }
        String missing = (chromium ? "" : CHROMIUM + " ") + (driver ? "" : CHROMEDRIVER);
        String message = "Browser tests need Chromium and chromedriver (missing: " + missing.trim()
                + "). Install them with: apt-get install chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        String line = "*".repeat(100);
        System.err.println(line);
        System.err.println("*** SKIPPING the resident page browser tests.");
        System.err.println("*** " + message);
        System.err.println("*** On CI (CI=true) this is a failure.");
        System.err.println(line);
        assumeTrue(false, message);
    }

    /** A fresh headless Chromium with its own profile; {@link #quit} removes the profile again. */
    static ChromeDriver start() {
        Path profile;
        try {
            profile = Files.createTempDirectory("hartslag-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        PROFILES.put(driver, profile);
        // The window size alone leaves the viewport to the window manager; pin it like a phone.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", true));
        return driver;
    }

    static void quit(ChromeDriver driver) {
        if (driver == null) {
            return;
        }
        try {
            driver.quit();
        } finally {
            Path profile = PROFILES.remove(driver);
            if (profile != null) {
                deleteQuietly(profile);
            }
        }
    }


    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover temp file is harmless
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
