package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

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

    /** Axe-core on the page as it is now: no serious or critical violation. */
    static void assertNoSeriousAccessibilityProblems() {
        List<Rule> serious = new AxeBuilder().analyze(driver).getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    /** Replaces what the field {@code id} holds with {@code text}, typed as a person would. */
    static void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** The id of the element that has the focus now. */
    static String activeId() {
        return driver.switchTo().activeElement().getDomAttribute("id");
    }
}
