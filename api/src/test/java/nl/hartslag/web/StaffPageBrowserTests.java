package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * A coordinator on a phone: logs in through the staff login page, finds a report and moves it on;
 * the status change goes through the session with its CSRF token, and the resident sees it.
 */
@IntegrationTest
class StaffPageBrowserTests {

    private static ChromeDriver driver;
    private static WebDriverWait wait;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    record Created(String reference, String trackingToken) {
    }

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

    @Test
    void aCoordinatorLogsInAndMovesAReportOn() {
        Created created = http.post().uri("/api/v1/reports")
                .bodyValue(Map.of("category", "public_lighting", "description", "Lantaarnpaal bij de bushalte is kapot",
                        "address", "Bushalte Passart"))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();

        driver.get("http://localhost:" + port + "/staff/");
        wait.until(ExpectedConditions.urlContains("/login"));
        driver.findElement(By.id("username")).sendKeys("not-a-user");
        driver.findElement(By.id("password")).sendKeys("wrong-password");
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-message")));
        assertThat(message.getText()).contains("klopt niet");

        driver.findElement(By.id("username")).sendKeys(TestAccounts.COORDINATOR);
        driver.findElement(By.id("password")).sendKeys(TestAccounts.PASSWORD);
        driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlMatches(".*/staff/$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "coordinator"));

        WebElement report = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("section[aria-labelledby='h-" + created.reference() + "']")));
        assertThat(report.getText()).contains("Lantaarnpaal bij de bushalte is kapot", "Ontvangen");
        new Select(report.findElement(By.tagName("select"))).selectByValue("IN_PROGRESS");
        report.findElement(By.tagName("textarea")).sendKeys("De gemeente vervangt de lamp deze week.");
        report.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "status gewijzigd"));

        http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.history[1].message")
                .isEqualTo("Er wordt aan uw melding gewerkt. De gemeente vervangt de lamp deze week.");
    }
}
