package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * Closing the loop on the resident's status page at 360 px (issue 14): after "opgelost" the page
 * asks "Bent u tevreden?" with two large buttons and an optional reason, shows the answer once
 * given (and the coordinator sees it), keeps "Het is niet opgelost" working, and says how to get
 * the status by text when the link is lost.
 */
@IntegrationTest
class StatusPageBrowserTests extends BrowserTest {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Test
    void aResolvedReportAsksOnceAndTheAnswerReachesTheCoordinator() {
        Created report = Reports.file(http, "other", "Een losse stoeptegel bij de bushalte waar mensen over struikelen",
                "Populierstraat 5", Reports.contact(FakeTwilio.newPhone(), null));
        open(report);
        // Not solved yet: no question, but the way to the status by text is there.
        wait.until(ExpectedConditions.textToBe(By.id("status-reference"), report.reference()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lost-link")));
        assertThat(driver.findElement(By.id("lost-link")).getText()).isEqualTo(
                "Link kwijt? Stuur een sms met STATUS " + report.reference() + " naar +31 970 100 00002.");
        assertThat(driver.findElement(By.id("feedback-block")).isDisplayed()).isFalse();

        resolve(report, "De tegel is vastgezet.");
        open(report);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-block")));
        assertThat(driver.findElement(By.id("not-solved")).isDisplayed()).as("the objection stays visible").isTrue();
        assertThat(driver.findElement(By.id("feedback-legend")).getText())
                .isEqualTo("Bent u tevreden over hoe uw melding is opgepakt?");
        assertThat(driver.findElement(By.id("feedback-yes")).getText()).isEqualTo("Ja, tevreden");
        assertThat(driver.findElement(By.id("feedback-no")).getSize().getHeight()).isGreaterThanOrEqualTo(44);
        assertNoSeriousAccessibilityProblems();

        driver.findElement(By.id("feedback-reason")).sendKeys("Snel en netjes gedaan");
        driver.findElement(By.id("feedback-yes")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-answer")));
        assertThat(driver.findElement(By.id("feedback-answer-text")).getText())
                .isEqualTo("U hebt gezegd dat u tevreden bent. Dank u wel.");
        assertThat(driver.findElement(By.id("feedback-answer-reason")).getText()).isEqualTo("Snel en netjes gedaan");
        assertThat(driver.findElement(By.id("feedback-block")).isDisplayed()).isFalse();
        assertNoSeriousAccessibilityProblems();

        http.get().uri("/api/v1/staff/reports/{r}", report.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.feedback.satisfied").isEqualTo(true)
                .jsonPath("$.feedback.reason").isEqualTo("Snel en netjes gedaan")
                .jsonPath("$.feedback.channel").isEqualTo("web");

        // Reloaded later: the answer, not the question.
        open(report);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-answer")));
        assertThat(driver.findElement(By.id("feedback-block")).isDisplayed()).isFalse();
    }

    @Test
    void notSatisfiedInEnglishReopensAndTheNotSolvedButtonStillWorksElsewhere() {
        Created report = Reports.file(http, "other", "Graffiti on the wall of the playground, very large letters",
                "Populierstraat 7", Reports.contact(FakeTwilio.newPhone(), null));
        resolve(report, null);
        open(report);
        ((JavascriptExecutor) driver).executeScript("window.localStorage.setItem('hartslag.language', 'en');");
        open(report);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-block")));
        assertThat(driver.findElement(By.id("feedback-no")).getText()).isEqualTo("No, not satisfied");
        driver.findElement(By.id("feedback-no")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status-current"), "In progress"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("feedback-answer")));
        assertThat(driver.findElement(By.id("feedback-answer-text")).getText())
                .isEqualTo("You told us you are not satisfied. The coordinator will read your answer.");
        assertThat(driver.findElement(By.id("not-solved-block")).isDisplayed()).isFalse();
        ((JavascriptExecutor) driver).executeScript("window.localStorage.clear();");

        // The existing "Het is niet opgelost" button, on another solved report.
        Created other = Reports.file(http, "other", "Een kapotte bank in het plantsoen met een losse plank",
                "Populierstraat 9", Reports.contact(FakeTwilio.newPhone(), null));
        resolve(other, null);
        open(other);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("not-solved"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("status-current"), "In behandeling"));
    }

    @Test
    void aPinAtThePlaygroundIsNamedAfterThePlaygroundNeverAHouseNumber() {
        // The resident dropped the pin by the playground; the nearest street alone would mislead.
        Map<String, Object> body = Map.of("category", "vandalism",
                "description", "Het klimrek is losgetrokken en de glijbaan heeft scherpe randen",
                "location", Map.of("lat", 50.90855, "lon", 5.96669));
        Map<?, ?> created = http.post().uri("/api/v1/reports").bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        Created report = new Created((String) created.get("reference"), (String) created.get("trackingToken"),
                (String) created.get("status"), (String) created.get("statusUrl"));
        open(report);
        wait.until(ExpectedConditions.textToBe(By.id("status-reference"), report.reference()));
        String place = driver.findElement(By.id("status-place")).getText();
        assertThat(place).isEqualTo("Bij Speeltuin Jasmijnhof, Jasmijnstraat").doesNotContainPattern("\\d");
        assertNoSeriousAccessibilityProblems();
    }

    /** Issue 15: "Uw gegevens" shows what is held, masked, and erases it after a confirm step. */
    @Test
    void theResidentSeesTheirDataMaskedAndErasesItAfterConfirming() {
        String phone = FakeTwilio.newPhone();
        Created report = Reports.file(http, "other", "Losliggende putdeksel die klappert als er een auto overheen rijdt",
                "Populierstraat 11", Reports.contact(phone, "Wessel Klapperman"));
        open(report);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-block")));
        String held = driver.findElement(By.id("privacy-held")).getText();
        assertThat(held).contains("Telefoonnummer").contains("+31 6 ** ** ** " + phone.substring(phone.length() - 2))
                .contains("W***").doesNotContain(phone.substring(3)).doesNotContain("Klapperman");
        assertThat(driver.findElement(By.id("privacy-confirm")).isDisplayed()).isFalse();
        assertNoSeriousAccessibilityProblems();

        driver.findElement(By.id("privacy-erase")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("privacy-confirm")));
        // "Nee" keeps everything.
        driver.findElement(By.id("privacy-no")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("privacy-confirm")));
        driver.findElement(By.id("privacy-erase")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("privacy-yes")));
        assertNoSeriousAccessibilityProblems();
        driver.findElement(By.id("privacy-yes")).click();

        wait.until(ExpectedConditions.textToBe(By.id("status-message"),
                "Uw gegevens zijn verwijderd. De melding blijft, zonder uw gegevens."));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("privacy-erase")));
        assertThat(driver.findElement(By.id("privacy-summary")).getText()).startsWith("Uw gegevens zijn verwijderd.");
        assertThat(driver.findElement(By.id("status-history")).getText()).contains("Gegevens verwijderd (AVG)");
        assertNoSeriousAccessibilityProblems();
    }

    private void open(Created report) {
        driver.get("http://localhost:" + port + "/m/" + report.reference() + "?t=" + report.trackingToken());
    }

    private void resolve(Created report, String note) {
        Map<String, Object> body = note == null ? Map.of("status", "RESOLVED")
                : Map.of("status", "RESOLVED", "publicNote", note);
        http.post().uri("/api/v1/staff/reports/{r}/status", report.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(body).exchange().expectStatus().isOk();
    }
}
