package nl.hartslag.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.StaffLoginForm;
import nl.hartslag.support.TestAccounts;

/**
 * A coordinator on a phone: logs in through the staff login page, finds a report and moves it on;
 * the status change goes through the session with its CSRF token, and the resident sees it.
 */
@IntegrationTest
class StaffPageBrowserTests extends StaffBrowserTest {

    @Test
    void aCoordinatorLogsInAndMovesAReportOn() {
        Created created = Reports.file(http, "other", "Lantaarnpaal bij de bushalte is kapot", "Bushalte Passart");

        driver.get(url("/staff/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        StaffLoginForm.submit(driver, "not-a-user", "wrong-password");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-message")));
        assertThat(message.getText()).contains("klopt niet");

        StaffLoginForm.submit(driver, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*/staff/$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "coordinator"));

        WebElement report = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("r-" + created.reference())));
        assertThat(report.getText()).contains("Lantaarnpaal bij de bushalte is kapot", "Ontvangen");
        // The changes sit behind "Wijzigen", and no new status is chosen for the coordinator.
        WebElement status = report.findElement(By.id("st-" + created.reference()));
        assertThat(status.isDisplayed()).isFalse();
        report.findElement(By.className("edit-toggle")).click();
        assertThat(new Select(status).getFirstSelectedOption().getDomAttribute("value")).isEmpty();
        new Select(status).selectByValue("IN_PROGRESS");
        report.findElement(By.id("note-" + created.reference())).sendKeys("De gemeente vervangt de lamp deze week.");
        status.findElement(By.xpath("ancestor::form//button[@type='submit']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "status gewijzigd"));

        http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.history[1].message")
                .isEqualTo("Er wordt aan uw melding gewerkt. De gemeente vervangt de lamp deze week.");
    }

    /** A text that Twilio refused shows up for the coordinator, with the reason, and can be sent again. */
    @Test
    void aCoordinatorSeesATextThatDidNotArriveAndSendsItAgain() {
        String phone = FakeTwilio.newPhone();
        StubMapping refusal = FakeTwilio.failFor(phone, 400, 21612, "The 'To' phone number is not reachable");
        Created created = Reports.file(http, "other", "Matras en kasten bij de containers", "Passartweg 28",
                Map.of("phone", phone));
        awaitNotification(created.reference(), "FAILED");

        logIn();
        WebElement failed = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//section[@id='trouble']//article[.//h3[contains(., '" + created.reference() + "')]]")));
        assertThat(failed.getText()).contains("Bevestiging van de melding", "Mislukt", "21612")
                .doesNotContain(phone.substring(4, 10));

        FakeTwilio.server().removeStub(refusal);
        failed.findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trouble-message"),
                created.reference() + " wordt opnieuw verstuurd."));
        awaitNotification(created.reference(), "SENT");
        assertThat(FakeTwilio.textsTo(phone)).hasSize(2);
    }

    /** A text refused for an invalid number offers no "send again", but a correction of the number. */
    @Test
    void aCoordinatorCorrectsAWrongNumberInsteadOfSendingAgain() {
        String wrong = FakeTwilio.newPhone();
        FakeTwilio.failFor(wrong, 400, 21211, "The 'To' number is not a valid phone number.");
        Created created = Reports.file(http, "other", "Losse stoeptegels voor de ingang", "Passartweg 26",
                Map.of("phone", wrong));
        awaitNotification(created.reference(), "FAILED");

        logIn();
        WebElement failed = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//section[@id='trouble']//article[.//h3[contains(., '" + created.reference() + "')]]")));
        assertThat(failed.findElements(By.xpath(".//button[contains(., 'Opnieuw versturen')]"))).isEmpty();
        String right = FakeTwilio.newPhone();
        failed.findElement(By.cssSelector("input[type=tel]")).sendKeys(right.replace("+31", "0"), Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("trouble-message"),
                "Het nummer van " + created.reference() + " is verbeterd"));
        assertThat(nl.hartslag.support.TwilioWebhooks.await(() -> FakeTwilio.textsTo(right), t -> !t.isEmpty(),
                Duration.ofSeconds(10))).hasSize(1);
    }

    /** A text that never said where shows "plaats onbekend"; its guessed category is corrected on the page. */
    @Test
    void aCoordinatorCorrectsTheGuessedCategoryOfATextWithoutAPlace() {
        String phone = FakeTwilio.newPhone();
        nl.hartslag.support.TwilioWebhooks.text(http, phone, "Er ligt al dagen van alles op de stoep");
        String reply = nl.hartslag.support.TwilioWebhooks.text(http, phone, "weet ik niet");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HS-[0-9A-Z]{4}-[0-9A-Z]{2}").matcher(reply);
        assertThat(m.find()).isTrue();
        String reference = m.group();

        logIn();
        WebElement report = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("r-" + reference)));
        wait.until(d -> report.getText().contains("plaats onbekend"));
        // "Van alles op de stoep" names no kind of problem: the guess is "other", shown by its Dutch
        // label; the coordinator knows it was dumped waste.
        assertThat(report.findElement(By.className("meta")).getText()).startsWith("Iets anders · plaats onbekend")
                .containsIgnoringCase("sms").doesNotContain("SMS");
        report.findElement(By.className("edit-toggle")).click();
        new Select(report.findElement(By.id("cat-" + reference))).selectByValue("dumping");
        report.findElement(By.xpath(".//button[contains(., 'Soort aanpassen')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                reference + ": soort aangepast naar Dumpen van afval."));
        assertThat(db.sql("select category_code from report where reference = :r").bind("r", reference)
                .map((r, meta) -> r.get("category_code", String.class)).one().block()).isEqualTo("dumping");
    }

    private void logIn() {
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*/staff/$"));
    }

    private void awaitNotification(String reference, String status) {
        await("notification of " + reference + " " + status).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> db.sql("select status from notification where reference = :r").bind("r", reference)
                        .map((r, m) -> r.get("status", String.class)).one().block(), status::equals);
    }
}
