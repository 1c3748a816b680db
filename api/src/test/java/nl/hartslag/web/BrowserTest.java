package nl.hartslag.web;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium per browser test class (see {@link Browser}), with a 10-second wait:
 * started before the class's first test, quit after its last.
 */
abstract class BrowserTest {

    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void startBrowser() {
        Browser.requireInstalled();
        driver = Browser.start();
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    @AfterAll
    static void quitBrowser() {
        Browser.quit(driver);
        driver = null;
    }
}
