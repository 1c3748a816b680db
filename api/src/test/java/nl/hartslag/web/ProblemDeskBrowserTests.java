package nl.hartslag.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.StaffLoginForm;
import nl.hartslag.support.TestAccounts;

/**
 * The coordinator's problem desk in a real headless Chromium: Problemen shows a report posted through the API
 * on the map and in the list without a reload; the coordinator splits a report off into a problem of its own
 * through the problem page, and the engine keeps it apart when a similar report comes in afterwards; axe-core
 * finds nothing serious on the desk, a problem's page and the queue.
 */
@IntegrationTest
class ProblemDeskBrowserTests extends StaffBrowserTest {

    /** Where a run may leave a screenshot of the desk (the README's picture): {@code -Dhartslag.screenshots=docs/images}. */
    private static final String SCREENSHOTS = System.getProperty("hartslag.screenshots", "");
    private static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    @AfterEach
    void phoneAgain() {
        phone();
    }

    @Test
    void aNewReportAppearsLiveAndASplitReportStaysApart() throws IOException {
        neighbourhoodForThePicture();
        desktop();
        logIn();
        wait.until(ExpectedConditions.urlContains("/staff/problems.html"));
        // The stream is open before the report is sent, so the report can only reach the page through it.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-state"), "Live"));
        String before = driver.findElement(By.id("problems-list")).getText();

        // Invented texts about one broken street lamp, at a street of the gazetteer.
        Created first = post("public_lighting", "Meidoornstraat 12",
                "De straatlantaarn voor nummer 12 doet het al een week niet, 's avonds is het er pikkedonker");
        long sent = System.nanoTime();
        UUID problem = awaitCluster(first.reference());
        WebDriverWait fiveSeconds = new WebDriverWait(driver, Duration.ofSeconds(5));
        fiveSeconds.until(ExpectedConditions.presenceOfElementLocated(By.id("p-" + problem)));
        fiveSeconds.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("path.cluster-" + problem)));
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("from posting to list and map")
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(driver.getCurrentUrl()).as("no reload, no navigation").endsWith("/staff/problems.html");
        assertThat(before).doesNotContain("Meidoornstraat");
        WebElement item = driver.findElement(By.id("p-" + problem));
        assertThat(item.getText()).contains("Straatverlichting", "Meidoornstraat", "1 melding");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("new-count"), "nieuwe melding"));

        Created second = post("public_lighting", "Meidoornstraat 12",
                "Lantaarnpaal bij nummer 12 is kapot, al dagen geen licht meer in de avond");
        assertThat(awaitCluster(second.reference())).as("the same lamp, the same problem").isEqualTo(problem);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("p-" + problem), "2 meldingen"));
        screenshot("problem-desk.png");

        phone();
        item = driver.findElement(By.cssSelector("#p-" + problem + " h3 a"));
        driver.get(item.getDomAttribute("href").startsWith("http") ? item.getDomAttribute("href")
                : url(item.getDomAttribute("href")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("h-" + second.reference())));
        screenshot("problem-page-phone.png");
        WebElement report = driver.findElement(By.id("report-" + second.reference()));
        assertThat(report.getText()).contains("Waarom bij dit probleem");
        assertThat(driver.findElement(By.id("edit-panel")).isDisplayed()).as("corrections wait behind Wijzigen").isFalse();

        driver.findElement(By.id("edit")).click();
        new Select(driver.findElement(By.id("split-report"))).selectByValue(second.reference());
        driver.findElement(By.cssSelector("label[for='split-new']")).click();
        driver.findElement(By.id("split-reason")).sendKeys("Een andere lantaarnpaal, verderop in de straat");
        driver.findElement(By.cssSelector("#split-form button[type=submit]")).click();
        WebElement confirm = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm")));
        assertThat(confirm.getText()).contains(second.reference(), "nieuw");
        assertThat(clusterOf(second.reference())).as("nothing happens before the confirmation").isEqualTo(problem);
        driver.findElement(By.id("confirm-yes")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Melding " + second.reference() + " is afgesplitst."));
        screenshotFullPage("problem-page-after-split.png");
        UUID splitOff = clusterOf(second.reference());
        assertThat(splitOff).isNotEqualTo(problem);
        assertThat(driver.findElement(By.id("reports")).getText()).doesNotContain(second.reference());
        assertThat(driver.findElement(By.id("history")).getText()).contains("Een andere lantaarnpaal");

        Created third = post("public_lighting", "Meidoornstraat 12",
                "Straatlamp bij nummer 12 is nog altijd stuk, geen licht");
        awaitCluster(third.reference());
        Map<String, Object> original = detail(problem);
        Map<String, Object> apart = detail(splitOff);
        assertThat(references(original)).as("the split report never joins its old problem again")
                .contains(first.reference()).doesNotContain(second.reference());
        assertThat(references(apart)).contains(second.reference()).doesNotContain(first.reference());
    }

    @Test
    void theDeskAProblemAndTheQueueHaveNoSeriousAccessibilityProblems() throws IOException {
        String phone = nl.hartslag.support.FakeTwilio.newPhone();
        Created created = http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("category", "noise", "address", "Seringstraat 5",
                        "description", "Elke nacht harde bas uit een auto die daar geparkeerd staat",
                        "contact", Map.of("phone", phone)))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        UUID problem = awaitCluster(created.reference());
        logIn();
        wait.until(ExpectedConditions.urlContains("/staff/problems.html"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("p-" + problem)));
        assertNoSeriousViolations("Problemen (phone)");
        screenshot("problem-desk-phone.png");
        desktop();
        assertNoSeriousViolations("Problemen (desktop)");
        phone();

        driver.get(url("/staff/problem.html?id=" + problem));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("h-" + created.reference())));
        driver.findElement(By.id("edit")).click();
        driver.findElement(By.cssSelector("label[for='split-other']")).click();
        assertNoSeriousViolations("a problem's page with its corrections open");

        driver.get(url("/staff/"));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("r-" + created.reference())));
        assertThat(row.getText()).contains("Geluidsoverlast", "Seringstraat", "Ontvangen").doesNotContain("RECEIVED");
        assertThat(row.findElement(By.className("badge")).getDomAttribute("href")).endsWith("?id=" + problem);
        row.findElement(By.className("edit-toggle")).click();
        // Staff on the road call back with a tap.
        WebElement call = wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(row, By.cssSelector("a[href^='tel:']")));
        assertThat(call.getDomAttribute("href")).isEqualTo("tel:" + phone);
        assertThat(new Select(row.findElement(By.id("st-" + created.reference()))).getFirstSelectedOption()
                .getDomAttribute("value")).as("no status is preselected").isEmpty();
        assertThat(new Select(row.findElement(By.id("rt-" + created.reference()))).getFirstSelectedOption()
                .getDomAttribute("value")).as("no instrument is preselected").isEmpty();
        assertNoSeriousViolations("the queue with a report open for changes");
        screenshot("queue-phone.png");

        // English through the same switch as the resident pages; the API's labels follow it.
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Reports"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("r-" + created.reference()), "Received"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Meldingen"));
    }

    /**
     * Only for the README's picture: a few more invented problems of other kinds, at other streets, from
     * different households, so the desk shows what it looks like on a normal day. Never part of a check.
     */
    private void neighbourhoodForThePicture() {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        String[][] reports = {
                { "noise", "Seringstraat 9", "Elke nacht harde muziek uit de tuin van nummer 9" },
                { "noise", "Seringstraat 11", "Weer muziek tot diep in de nacht bij nummer 9" },
                { "noise", "Seringstraat 7", "Tuinfeest met muziek bij nummer 9, iedere nacht" },
                { "dumping", "Wilgstraat 4", "Oude kasten en matrassen gedumpt naast de containers" },
                { "dumping", "Wilgstraat 6", "Grofvuil bij de containers, kasten en een matras" },
                { "youth_nuisance", "Lindestraat 15", "Groep scooters die 's avonds rondjes rijdt en toetert" },
                { "traffic", "Terweijerweg 20", "Auto's rijden veel te hard langs de school" } };
        int household = 0;
        for (String[] r : reports) {
            household++;
            http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .bodyValue(Map.of("category", r[0], "address", r[1], "description", r[2],
                            "contact", Map.of("email", "buur" + household + "@example.org")))
                    .exchange().expectStatus().isCreated();
        }
    }

    private void logIn() {
        driver.get(url("/login"));
        StaffLoginForm.submit(driver, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
    }

    private Created post(String category, String address, String description) {
        return http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(Map.of("category", category, "address", address, "description", description))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
    }

    private UUID clusterOf(String reference) {
        return db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                .map((r, m) -> java.util.Optional.ofNullable(r.get("cluster_id", UUID.class))).one().block()
                .orElse(null);
    }

    /** Matching runs right after intake, off the request: wait for the report's problem. */
    private UUID awaitCluster(String reference) {
        return await(reference + " gets a problem").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> clusterOf(reference), java.util.Objects::nonNull);
    }

    private Map<String, Object> detail(UUID cluster) {
        return http.get().uri("/api/v1/staff/clusters/{id}", cluster).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> references(Map<String, Object> detail) {
        return ((List<Map<String, Object>>) detail.get("reports")).stream().map(r -> (String) r.get("reference")).toList();
    }

    private void assertNoSeriousViolations(String what) {
        List<Rule> violations = new AxeBuilder().withTags(WCAG_22_AA).analyze(driver).getViolations();
        for (Rule rule : violations) {
            System.out.println("axe-core on " + what + ": [" + rule.getImpact() + "] " + rule.getId() + ": "
                    + rule.getHelp() + " -> " + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList());
        }
        List<Rule> serious = violations.stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as("serious or critical axe-core violations (WCAG 2.2 AA) on %s", what).isEmpty();
    }

    private void desktop() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 1366, "height", 1024, "deviceScaleFactor", 1, "mobile", false));
    }

    private void phone() {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", Browser.WIDTH, "height", Browser.HEIGHT, "deviceScaleFactor", 1, "mobile", true));
    }

    /** Only when asked for (a picture for the README), never as a check. */
    private void screenshot(String name) throws IOException {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Path target = Path.of(SCREENSHOTS).resolve(name);
        Files.createDirectories(target.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page, not only the viewport (Chromium's own capture), for a look at a long page. */
    private void screenshotFullPage(String name) throws IOException {
        if (SCREENSHOTS.isBlank()) {
            return;
        }
        Number height = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollHeight");
        Number width = (Number) ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path target = Path.of(SCREENSHOTS).resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    }
}
