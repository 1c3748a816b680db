package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;

/**
 * The figures page in Chromium (issue 16): it loads with figures, every chart has its table, the charts are
 * drawn, the CSV links point at the API, and printed (print media emulated) the report shows without the
 * pickers and the navigation; the "jaarverslag" view shows a year by quarter. Axe finds nothing serious.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiguresBrowserTests extends StaffBrowserTest {

    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    @BeforeAll
    void reports() {
        Reports.file(http, "noise", "Harde muziek na middernacht naast de garageboxen, cijfertest",
                "Vlierstraat 12");
        Reports.file(http, "litter", "Zakken met afval naast de container op de hoek, cijfertest", "Vlierstraat 20");
    }

    @Test
    void thePageShowsChartsWithTheirTablesAndPrintsWithoutPickers() {
        LocalDate today = LocalDate.now(LOCAL);
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/figures.html?from=" + today.minusDays(6) + "&to=" + today + "&groupBy=week"));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

        WebElement byCategory = driver.findElement(By.id("table-reports_by_category"));
        assertThat(byCategory.findElement(By.tagName("caption")).getText()).isEqualTo("Meldingen per soort");
        assertThat(byCategory.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
        // Every chart has its table, and Chart.js has drawn it.
        List<WebElement> canvases = driver.findElements(By.cssSelector("canvas[id^=chart-]"));
        assertThat(canvases).isNotEmpty();
        for (WebElement canvas : canvases) {
            String table = canvas.getDomAttribute("id").substring("chart-".length());
            assertThat(driver.findElements(By.id("table-" + table))).as("the table of %s", table).hasSize(1);
            assertThat(canvas.getDomAttribute("aria-label")).isNotBlank();
            assertThat(driver.executeScript("return !!Chart.getChart(arguments[0]);", canvas)).as("chart %s drawn", table)
                    .isEqualTo(true);
        }
        assertThat(driver.findElement(By.id("csv-all")).getDomAttribute("href")).contains("format=csv");
        assertThat(driver.findElements(By.cssSelector("#figure-reports_by_channel a.csv")).get(0).getDomAttribute("href"))
                .contains("table=reports_by_channel");
        assertThat(driver.findElement(By.id("pickers")).isDisplayed()).isTrue();
        assertNoSeriousAccessibilityProblems();

        // Printed: the figures without the pickers, the navigation or the download links.
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(driver.findElement(By.id("pickers")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("annual")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("nav")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("csv-all")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("table-reports_by_category")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("h-section-1")).isDisplayed()).isTrue();
            assertThat(driver.executeScript("return getComputedStyle(document.querySelectorAll('.instrument')[1])"
                    + ".breakBefore;")).isEqualTo("page");
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void theAnnualReportShowsAYearByQuarterForEveryInstrument() {
        int year = LocalDate.now(LOCAL).getYear() - 1;
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/figures.html?view=jaarverslag&year=" + year));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
        assertThat(driver.findElement(By.cssSelector("#report-head h2")).getText())
                .isEqualTo("Jaarverslag " + year + " – alle wijken");
        assertThat(driver.findElements(By.cssSelector("section.instrument h2"))).extracting(WebElement::getText)
                .containsExactly("Meldingen", "Buurtbemiddeling", "Woonomgevingploeg (WOP)", "Casuïstiekoverleg",
                        "Huis-aan-huisbezoek", "Berichten aan melders en teams", "Afhandeltijden en normen",
                        "Tevredenheid en herkenning");
        assertThat(driver.findElements(By.cssSelector("#table-mediation tbody tr th"))).extracting(WebElement::getText)
                .containsExactly(year + "-Q1", year + "-Q2", year + "-Q3", year + "-Q4");
        assertNoSeriousAccessibilityProblems();
        // In English too.
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("#figure-mediation h3"), "Mediations started and closed"));
    }
}
