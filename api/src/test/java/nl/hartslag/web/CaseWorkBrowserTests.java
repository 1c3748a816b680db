package nl.hartslag.web;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;


import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * The case-work pages in Chromium at phone size: a volunteer accepts an offer in their inbox and
 * closes the case with an outcome; the WOP marks a work order done and the resident's status page
 * says it is solved.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseWorkBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Pa55word!";
    private static final String VOLUNTEER = "vrijwilliger.browser";
    private static final String WOP = "wop.browser";
    private static final String PARTNER = "politie.browser";

    @Autowired
    StaffAccounts accounts;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @BeforeAll
    void accounts() {
        accounts.create(VOLUNTEER, "Vera Browser", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        accounts.create(WOP, "Willem Browser", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(PARTNER, "Politie Browser", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
    }

    @Test
    void aVolunteerAcceptsAnOfferInTheInboxAndClosesTheCaseWithAnOutcome() {
        db.sql("update volunteer set active = false, username = null").then().block();
        http.post().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("name", "Vera Browser", "phone", FakeTwilio.newPhone(), "street", "Beukstraat",
                        "username", VOLUNTEER))
                .exchange().expectStatus().isCreated();
        String resident = FakeTwilio.newPhone();
        Created report = Reports.file(http, "neighbour_dispute", "De buren parkeren steeds voor onze oprit",
                "Passartweg 28", Map.of("phone", resident, "name", "Sanne Melder"));
        Map<String, Object> mediation = await(() -> cases(report.reference()), c -> !c.isEmpty(),
                Duration.ofSeconds(10)).get(0);
        int number = (Integer) mediation.get("number");
        http.post().uri("/api/v1/staff/cases/{id}/offer", mediation.get("id"))
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();

        logIn(VOLUNTEER);
        wait.until(ExpectedConditions.urlContains("/staff/inbox.html"));
        WebElement offer = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//article[.//h3[contains(., 'Zaak " + number + ":')]]")));
        // No house number before accepting; the answer-by time may well contain "28" (13:28), so look for the address.
        assertThat(offer.getText()).contains("Ruzie met de buren", "Passartweg").doesNotContain("Passartweg 28")
                .doesNotContainPattern("Passartweg\\s*\\d").doesNotContain("Sanne");
        assertNoSeriousAccessibilityProblems();
        offer.findElement(By.xpath(".//button[contains(., 'Ja, ik neem zaak')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Zaak " + number + ": U bemiddelt in deze zaak."));

        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[contains(., 'Open zaak " + number + "')]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-body"), "Sanne Melder"));
        assertThat(driver.findElement(By.id("case-body")).getText()).contains(resident, "Passartweg 28");

        // Closing before any conversation: the page asks first, and the server refuses naming the missing step.
        new Select(driver.findElement(By.id("outcome"))).selectByValue("AGREEMENT");
        driver.findElement(By.id("outcome-note")).sendKeys("Te vroeg.");
        driver.findElement(By.xpath("//button[normalize-space(.)='Zaak afsluiten']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-close"), "Weet u het zeker?"));
        driver.findElement(By.xpath("//button[contains(., 'Ja, zaak afsluiten')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "gesprek met partij A"));
        assertThat(cases(report.reference()).get(0)).containsEntry("status", "OPEN");

        new Select(driver.findElement(By.id("contact-kind"))).selectByValue("PARTY_A");
        driver.findElement(By.id("contact-note")).sendKeys("Telefonisch gesproken");
        driver.findElement(By.xpath("//button[contains(., 'Gesprek opslaan')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Gesprek opgeslagen."));
        // The inbox shows the real step, in the case and in the list of my cases.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-body"), "Gesprek met partij A"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cases"), "Gesprek met partij A"));
        assertThat(driver.findElement(By.id("cases")).getText()).doesNotContain("Aangeboden");

        new Select(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")))).selectByValue("AGREEMENT");
        driver.findElement(By.id("outcome-note")).sendKeys("U parkeert voortaan niet meer voor elkaars oprit.");
        driver.findElement(By.xpath("//button[normalize-space(.)='Zaak afsluiten']")).click();
        // Never one tap: the page asks, and "Nee, terug" changes nothing.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-close"), "Weet u het zeker?"));
        assertNoSeriousAccessibilityProblems();
        driver.findElement(By.xpath("//button[contains(., 'Nee, terug')]")).click();
        assertThat(cases(report.reference()).get(0)).containsEntry("status", "OPEN");
        driver.findElement(By.xpath("//button[normalize-space(.)='Zaak afsluiten']")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[contains(., 'Ja, zaak afsluiten')]")))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Zaak " + number + " is afgesloten."));

        assertThat(cases(report.reference()).get(0)).containsEntry("status", "CLOSED")
                .containsEntry("outcome", "AGREEMENT");
        assertThat(await(() -> FakeTwilio.textsTo(resident), t -> t.stream()
                .anyMatch(m -> m.get("Body").contains("afgesloten")), Duration.ofSeconds(10)))
                .extracting(t -> t.get("Body"))
                .contains("Uw melding " + report.reference() + " is afgesloten. U parkeert voortaan niet meer voor elkaars"
                        + " oprit. Niet opgelost? Stuur NIET OPGELOST " + report.reference());
    }

    @Test
    void theWopMarksAWorkOrderDoneAndTheResidentsStatusPageSaysSolved() {
        // The number the WOP sees comes from the words; a typed address alone is street level (issue 11).
        Created report = Reports.file(http, "litter", "Overal blikjes en plastic in het plantsoen bij Passartweg 30",
                "Passartweg 30", Map.of("phone", FakeTwilio.newPhone()));
        int number = (Integer) await(() -> cases(report.reference()), c -> !c.isEmpty(), Duration.ofSeconds(10))
                .get(0).get("number");

        logIn(WOP);
        wait.until(ExpectedConditions.urlContains("/staff/work-orders.html"));
        WebElement order = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//article[.//h2[contains(., 'Werkbon " + number + ":')]]")));
        assertThat(order.getText()).contains("Zwerfafval", "Passartweg · 0 uur oud · 1 melding",
                "nr. 30: Overal blikjes en plastic in het plantsoen bij Passartweg 30");
        assertNoSeriousAccessibilityProblems();
        order.findElement(By.id("note-" + number)).sendKeys("Het plantsoen is schoongemaakt.");
        order.findElement(By.xpath(".//button[contains(., 'is klaar')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Werkbon " + number + " is klaar."));

        driver.get(url("/m/" + report.reference() + "?t=" + report.trackingToken()));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-current"), "Opgelost"));
        assertThat(driver.findElement(By.id("status-history")).getText()).contains("Het plantsoen is schoongemaakt.");

        // Not solved after all: the resident says so on the same page, and it is back with the team.
        wait.until(ExpectedConditions.elementToBeClickable(By.id("not-solved"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-message"),
                "Uw melding is weer in behandeling."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-current"), "In behandeling"));
        assertThat(driver.findElement(By.id("not-solved-block")).isDisplayed()).isFalse();
        assertThat(http.get().uri("/api/v1/staff/work-orders").headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).contains("Overal blikjes en plastic in het plantsoen");
    }

    @Test
    void theCoordinatorsDeskShowsTheBoardVolunteersAndRulesAndAddsAVolunteer() {
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*/staff/$"));
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Bemiddeling en overleg"))).click();
        wait.until(ExpectedConditions.urlContains("/staff/coordinator.html"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("board"), "Intake"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("rule-domestic")));
        // Every part of the desk has loaded (the accounts list last): nothing moves under the click.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#accounts table")));
        assertThat(driver.findElement(By.id("rule-domestic")).isEnabled()).isFalse();
        assertNoSeriousAccessibilityProblems();

        String phone = FakeTwilio.newPhone();
        driver.findElement(By.id("v-name")).sendKeys("Karin Nieuw");
        driver.findElement(By.id("v-phone")).sendKeys(phone);
        // Sent with Enter from the last field, as a keyboard user does: on the long desk (one row per staff
        // account of the shared test database) a mouse click at the button's coordinates can land on the
        // routing rules when the page moves during Chromium's scroll.
        driver.findElement(By.id("v-street")).sendKeys("Olmstraat", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Karin Nieuw is toegevoegd."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("volunteers"), "Karin Nieuw"));
        assertThat(db.sql("select count(*) as n from volunteer where phone_hash = :p")
                .bind("p", personalData.phoneLookup(phone))
                .map(r -> r.get("n", Long.class)).one().block()).isOne();

        // A meeting's participants are ticked from the enabled partner accounts, not typed.
        WebElement partner = driver.findElement(By.cssSelector("#meeting-people input[value='" + PARTNER + "']"));
        assertThat(driver.findElement(By.cssSelector("label[for='" + partner.getAttribute("id") + "']")).getText())
                .contains("Politie Browser", "Politie");
        partner.sendKeys(Keys.SPACE);
        assertThat(partner.isSelected()).isTrue();
        ((JavascriptExecutor) driver).executeScript("document.getElementById('meeting-date').value = arguments[0]",
                java.time.LocalDate.now().plusDays(3).toString());
        driver.findElement(By.id("meeting-title")).sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Het overleg is gepland."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("meetings"), "met " + PARTNER));
    }

    private void logIn(String username) {
        logIn(username, PASSWORD);
    }

    private List<Map<String, Object>> cases(String reference) {
        return http.get().uri("/api/v1/staff/cases?reference={r}", reference)
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
    }
}
