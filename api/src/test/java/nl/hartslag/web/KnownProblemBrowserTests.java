package nl.hartslag.web;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import nl.hartslag.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * "Dit probleem is misschien al bekend": a resident about to report a known problem sees it on
 * the report page and adds their voice with "Ik heb hier ook last van", in a real headless Chromium.
 */
@IntegrationTest
class KnownProblemBrowserTests extends BrowserTest {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @Test
    void residentAddsTheirVoiceToAKnownProblem() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .bodyValue(Map.of("category", "noise", "address", "Esdoornstraat 7",
                            "description", "harde muziek en feest tot 4 uur bij nummer 7"))
                    .exchange()
                    .expectStatus().isCreated();
        }
        awaitCluster();

        driver.get(url("/"));
        js("window.localStorage.clear();");
        driver.get(url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='category']")));

        driver.findElement(By.cssSelector("label[for='cat-noise']")).click();
        type("address", "Esdoornstraat 7");
        type("description", "weer harde muziek en feest bij nummer 7");
        String typedIn = activeId();

        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("known-problem")));
        assertThat(box.getDomAttribute("role")).isEqualTo("region");
        assertThat(driver.findElement(By.id("known-problem-title")).getText()).isEqualTo("Is dit al gemeld?");
        WebElement item = driver.findElement(By.id("known-problem-item-0"));
        assertThat(item.getText()).contains("Geluidsoverlast").containsPattern("\\d+ meldingen");
        assertThat(activeId()).as("the box never takes focus").isEqualTo(typedIn);
        wait.until(d -> !d.findElement(By.id("known-problem-announce")).getDomProperty("textContent").isBlank());
        assertThat(((Number) js("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(Browser.WIDTH);

        List<Rule> serious = scan();
        assertThat(serious).as("serious or critical axe-core violations with the box shown").isEmpty();

        WebElement meToo = driver.findElement(By.cssSelector("#known-problem-list button"));
        assertThat(meToo.getText()).isEqualTo("Ik heb hier ook last van");
        meToo.click();

        WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-reference")));
        assertThat(reference.getText().trim()).matches(REFERENCE);
        assertThat(activeId()).isEqualTo("confirmation-title");
        assertThat(driver.findElement(By.id("known-problem")).isDisplayed()).isFalse();
    }

    private void awaitCluster() {
        await("the two reports are clustered").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get()
                        .uri(URI.create(url("/api/v1/reports/similar?address=Esdoornstraat%207&text=harde%20muziek%20feest&category=noise")))
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                        })
                        .returnResult().getResponseBody(), found -> found != null && !found.isEmpty());
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private List<Rule> scan() {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> violations = results.getViolations();
        System.out.println("axe-core on the report form with a known problem: " + violations.size() + " violation(s)");
        for (Rule rule : violations) {
            System.out.println("  [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp() + " -> "
                    + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
        }
        return violations.stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .toList();
    }
}
