package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Issue 16's acceptance check in Chromium on a 360×740 phone: an outreach worker logs in, lands on
 * the outreach page, records a visit with a report on the resident's behalf, and gets the reference
 * and the status link to hand over. The visit is in the database and in GET …/visits (with the report),
 * the report has channel outreach, the note is sealed; the page never scrolls sideways and axe finds
 * nothing serious, before and after.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Deur-bel-2026";
    private static final String WORKER = "outreach.browser";

    @Autowired
    StaffAccounts accounts;

    @Autowired
    PersonalData personalData;

    @BeforeAll
    void account() {
        accounts.create(WORKER, "Bram Browser", PASSWORD, EnumSet.of(Role.OUTREACH)).block();
    }

    @Test
    void anOutreachWorkerFilesAVisitWithAReportOnAPhone() {
        List<Long> figuresBefore = outreachFiguresToday();
        logIn(WORKER, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/staff/outreach.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("topic-general")));
        assertThat(driver.findElement(By.id("visited-on")).getDomProperty("value"))
                .isEqualTo(LocalDate.now(ZoneId.systemDefault()).toString());
        assertNoHorizontalScroll();
        assertNoSeriousAccessibilityProblems();

        type("address", "Wilgstraat 6");
        driver.findElement(By.cssSelector("label[for='topic-noise']")).click();
        driver.findElement(By.cssSelector("label[for='follow-up']")).click();
        driver.findElement(By.cssSelector("label[for='with-report']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("category")));
        assertThat(driver.findElement(By.cssSelector("label[for='note']")).getText())
                .contains("Alleen voor coördinatoren");
        new Select(driver.findElement(By.id("category"))).selectByValue("noise");
        type("description", "De bewoner hoort elke nacht een blaffende hond in de tuin van het hoekhuis");
        String phone = FakeTwilio.newPhone();
        driver.findElement(By.cssSelector("label[for='via-sms']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("phone")));
        type("phone", "0" + phone.substring(3));
        driver.findElement(By.cssSelector("label[for='status-link']")).click();
        type("note", "Bewoner is doof aan een oor, hard praten bij de deur");
        assertNoHorizontalScroll();
        assertNoSeriousAccessibilityProblems();
        driver.findElement(By.id("save")).click();

        String reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reference"))).getText();
        assertThat(reference).startsWith("HS-");
        assertThat(driver.findElement(By.id("done")).getText()).contains("Het bezoek en de melding zijn opgeslagen.");
        assertThat(driver.findElement(By.id("status-url")).getText()).contains("/m/" + reference + "?t=");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("today"), "Wilgstraat 6"));
        assertThat(driver.findElement(By.id("today")).getText()).contains(reference).contains("vervolg nodig");
        assertNoHorizontalScroll();
        assertNoSeriousAccessibilityProblems();

        // The visit is stored and listed with its report; the report is an outreach report with a sealed note.
        Map<String, Object> row = db.sql("""
                select v.street, v.house_number_sealed, v.follow_up, array_to_string(v.topics, ',') as topics,
                       v.worker, r.reference, r.channel, n.note_sealed
                from outreach_visit v join report r on r.id = v.report_id
                left join outreach_note n on n.report_id = r.id where r.reference = :r
                """).bind("r", reference).fetch().one().block();
        assertThat(row.get("street")).isEqualTo("Wilgstraat");
        assertThat(personalData.open((String) row.get("house_number_sealed"))).isEqualTo("6");
        assertThat(row.get("follow_up")).isEqualTo(true);
        assertThat(row.get("topics")).isEqualTo("noise");
        assertThat(row.get("worker")).isEqualTo(WORKER);
        assertThat(row.get("channel")).isEqualTo("outreach");
        assertThat(personalData.open((String) row.get("note_sealed")))
                .isEqualTo("Bewoner is doof aan een oor, hard praten bij de deur");
        String day = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();
        List<Map<String, Object>> visits = http.get().uri("/api/v1/staff/outreach/visits?from=" + day + "&to=" + day)
                .headers(h -> h.setBasicAuth(WORKER, PASSWORD)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody();
        assertThat(visits).filteredOn(v -> reference.equals(v.get("report"))).singleElement()
                .satisfies(v -> assertThat(v.get("houseNumber")).isEqualTo("6"));

        // The visit shows in the figures: one more visit, household visited, visit with a report, outreach report.
        List<Long> figuresAfter = outreachFiguresToday();
        for (int i = 0; i < 4; i++) {
            assertThat(figuresAfter.get(i)).as("outreach figure " + i).isEqualTo(figuresBefore.get(i) + 1);
        }

        // The coordinator reads the worker's note in the report's panel of the queue.
        driver.manage().deleteAllCookies();
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), TestAccounts.COORDINATOR));
        type("q", reference);
        driver.findElement(By.cssSelector("#filters button[type='submit']")).click();
        // The queue may draw its list again meanwhile (a live refresh): open the row as it is then.
        WebElement note = wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement line = d.findElement(By.id("r-" + reference));
            List<WebElement> notes = line.findElements(By.className("coordinator-note"));
            if (!notes.isEmpty() && notes.get(0).isDisplayed()) {
                return notes.get(0);
            }
            WebElement toggle = line.findElement(By.className("edit-toggle"));
            if (!"true".equals(toggle.getDomAttribute("aria-expanded"))) {
                toggle.click();
            }
            return null;
        });
        assertThat(note.getText()).isEqualTo("Notitie van de huisbezoeker " + WORKER
                + " (alleen voor coördinatoren): Bewoner is doof aan een oor, hard praten bij de deur");
    }

    @Test
    void aProblemIsShownAboveTheFormInPlainDutch() {
        List<Long> figuresBefore = outreachFiguresToday();
        logIn(WORKER, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/staff/outreach.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("topic-general")));
        type("address", "Wilgstraat");
        driver.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")));
        assertThat(driver.findElement(By.id("errors")).getText())
                .contains("Vul ook het huisnummer in, bijvoorbeeld: Passartweg 14.");
        assertThat(activeId()).isEqualTo("errors");
        assertNoHorizontalScroll();
        assertNoSeriousAccessibilityProblems();
    }

    /** Today's outreach figures (visits, households visited, visits with a report, outreach reports), as a coordinator reads them. */
    @SuppressWarnings("unchecked")
    private List<Long> outreachFiguresToday() {
        String day = LocalDate.now(ZoneId.of("Europe/Amsterdam")).toString();
        Map<String, Object> figures = http.get().uri("/api/v1/staff/figures?from={d}&to={d}&groupBy=month", day, day)
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        Map<String, Object> table = ((List<Map<String, Object>>) figures.get("tables")).stream()
                .filter(t -> "outreach".equals(t.get("name"))).findFirst().orElseThrow();
        assertThat(table.get("columns")).isEqualTo(
                List.of("period", "visits", "households_visited", "visits_with_report", "outreach_reports"));
        List<List<Object>> rows = (List<List<Object>>) table.get("rows");
        return rows.isEmpty() ? List.of(0L, 0L, 0L, 0L)
                : rows.get(0).subList(1, 5).stream().map(v -> ((Number) v).longValue()).toList();
    }

    private void assertNoHorizontalScroll() {
        long scrollWidth = ((Number) driver.executeScript("return document.documentElement.scrollWidth;"))
                .longValue();
        assertThat(scrollWidth).as("no horizontal scroll at 360 px").isLessThanOrEqualTo(Browser.WIDTH);
    }
}
