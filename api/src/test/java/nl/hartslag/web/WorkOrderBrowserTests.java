package nl.hartslag.web;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;


import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * The WOP's page in Chromium at phone size (issue 13): a work order shows its status, goes
 * "onderweg", and is given back as "niet voor ons" with a reason; the coordinator sees it on the same
 * page with the reason and sends it to the team again. Axe finds nothing serious on either view.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkOrderBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Wop-zin-2026";
    private static final String WOP = "wop.knoppen";

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(WOP, "Wout Knoppen", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void theWopGoesOnItsWayThenGivesTheWorkOrderBackWithAReason() {
        Created report = Reports.file(http, "vandalism",
                "Het bushokje bij Berkstraat 7 is ingegooid, overal glas op de stoep", "Berkstraat 9",
                Map.of("phone", FakeTwilio.newPhone()));
        int number = await(() -> db.sql("select c.number from case_file c join case_report cr on cr.case_id = c.id"
                + " join report r on r.id = cr.report_id where r.reference = :r and c.type = 'WORK_ORDER'")
                .bind("r", report.reference()).map(row -> row.get("number", Integer.class)).all().collectList().block()
                .stream().findFirst(), Optional::isPresent, Duration.ofSeconds(15)).orElseThrow();

        logIn(WOP);
        wait.until(ExpectedConditions.urlContains("/staff/work-orders.html"));
        WebElement order = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//article[.//h2[contains(., 'Werkbon " + number + ":')]]")));
        assertThat(order.findElement(By.id("status-" + number)).getText()).isEqualTo("Status: Open");
        assertNoSeriousAccessibilityProblems();

        order.findElement(By.id("underway-" + number)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Werkbon " + number + " staat op onderweg."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-" + number), "Status: Onderweg"));
        assertThat(driver.findElements(By.id("underway-" + number))).as("no 'onderweg' twice").isEmpty();

        // The reason field is labelled and required: an empty one sends nothing.
        WebElement reason = driver.findElement(By.id("reason-" + number));
        assertThat(driver.findElement(By.cssSelector("label[for='reason-" + number + "']")).getText())
                .startsWith("Niet voor de WOP? Waarom niet");
        assertThat(reason.getAttribute("required")).isNotNull();
        reason.sendKeys("Het bushokje is van de vervoerder, niet van de gemeente");
        driver.findElement(By.id("not-for-us-" + number)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Werkbon " + number + " is terug bij de coördinator."));
        assertThat(driver.findElements(By.id("status-" + number))).as("off the team's list").isEmpty();
        assertThat(driver.findElement(By.id("returned")).isDisplayed()).as("the team has no coordinator's list").isFalse();

        // The coordinator sees it with the reason and sends it back to the team.
        driver.manage().deleteAllCookies();
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/work-orders.html"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("returned-reason-" + number),
                "Reden: Het bushokje is van de vervoerder, niet van de gemeente"));
        assertThat(driver.findElement(By.id("returned")).getText()).contains("niet voor ons volgens " + WOP);
        assertNoSeriousAccessibilityProblems();
        driver.findElement(By.id("back-" + number)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Werkbon " + number + " staat weer open voor de WOP."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-" + number), "Status: Open"));
    }

    private void logIn(String username) {
        logIn(username, PASSWORD);
    }
}
