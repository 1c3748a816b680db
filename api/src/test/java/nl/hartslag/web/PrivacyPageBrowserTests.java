package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

import nl.hartslag.support.IntegrationTest;

/**
 * The privacy statement page (issue 15) at 360 px: reached from the form's footer, filled from the
 * retention settings in force, in Dutch and, after the switch, in English; no serious axe-core problem.
 */
@IntegrationTest
class PrivacyPageBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Test
    void theFormLinksToTheStatementWhichStatesTheSettingsInBothLanguages() {
        driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("privacy-link")));
        driver.get(driver.findElement(By.id("privacy-link")).getDomProperty("href"));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("privacy-how-long")));
        assertThat(driver.findElement(By.id("privacy-how-long")).getText()).contains("Hoe lang",
                "tot 12 maanden nadat uw melding is afgesloten", "5 jaar");
        assertThat(driver.findElement(By.id("privacy-erase")).getText()).contains("VERWIJDER HS-");
        assertThat(driver.findElement(By.id("privacy-status")).isDisplayed()).isFalse();
        assertNoSeriousAccessibilityProblems();

        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("privacy-how-long"), "For how long"));
        assertThat(driver.findElement(By.id("privacy-how-long")).getText())
                .contains("until 12 months after your report is closed");
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertNoSeriousAccessibilityProblems();
    }
}
