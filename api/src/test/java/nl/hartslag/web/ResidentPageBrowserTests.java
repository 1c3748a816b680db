package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import nl.hartslag.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The resident's report page and status page in a real headless Chromium on a 360×740 phone
 * viewport, against the whole running application.
 */
@IntegrationTest
class ResidentPageBrowserTests extends BrowserTest {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @LocalServerPort
    int port;

    @BeforeEach
    void openFormInDutch() {
        driver.get(url("/"));
        js("window.localStorage.clear();");
        openForm();
        assertThat(((Number) js("return window.innerWidth;")).intValue()).isEqualTo(Browser.WIDTH);
    }

    @Test
    void residentOnAPhoneReportsNuisanceAndFollowsTheStatusLink() {
        assertNoHorizontalScroll();

        chooseCategory("noise");
        type("description", "Elke nacht harde muziek uit de kelder van nummer 12, tot na drie uur.");
        type("address", "Passartweg 14");
        submit();

        WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-reference")));
        String ref = reference.getText().trim();
        assertThat(ref).matches(REFERENCE);
        assertThat(activeId()).as("focus moves to the confirmation heading").isEqualTo("confirmation-title");
        assertNoHorizontalScroll();

        WebElement statusLink = driver.findElement(By.id("status-link"));
        assertThat(statusLink.getDomAttribute("href")).startsWith("/m/" + ref + "?t=");
        statusLink.click();

        wait.until(ExpectedConditions.textToBe(By.id("status-reference"), ref));
        wait.until(ExpectedConditions.textToBe(By.id("status-current"), "Ontvangen"));
        assertThat(driver.getCurrentUrl()).contains("/m/" + ref + "?t=");
        assertThat(driver.findElements(By.cssSelector("#status-history li"))).isNotEmpty();
        assertNoHorizontalScroll();
    }

    @Test
    void serverSideValidationErrorIsShownNextToTheAddress() {
        chooseCategory("dumping");
        type("description", "Vuilniszakken naast de container, al drie dagen.");
        type("address", "Nergensstraat 999");
        submit();

        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-address")));
        wait.until(d -> !error.getText().isBlank());
        assertThat(driver.findElement(By.id("address")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("error-summary")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.cssSelector("#error-summary-list a[href='#address']")).getText())
                .isEqualTo(error.getText());
        assertThat(activeId()).as("focus moves to the error summary").isEqualTo("error-summary");
        // Only the address was wrong: the rest of the form keeps what the resident typed.
        assertThat(driver.findElement(By.id("error-description")).isDisplayed()).isFalse();
        assertThat(driver.findElement(By.id("description")).getDomProperty("value")).startsWith("Vuilniszakken");
        assertThat(driver.findElements(By.id("confirmation-reference")).get(0).isDisplayed()).isFalse();
    }

    @Test
    void formHasNoSeriousAccessibilityViolations() {
        List<Rule> serious = scan("report form");

        // The same form showing the error summary and inline errors ("Controleren" on an empty form).
        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        serious.addAll(scan("report form with errors"));

        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void keyboardOnlyResidentCanReport() {
        tabUntil("a category radio button",
                () -> "category".equals(driver.switchTo().activeElement().getDomAttribute("name")));
        press(Keys.SPACE);
        WebElement radio = driver.switchTo().activeElement();
        assertThat(radio.isSelected()).as("Space picks the focused category").isTrue();

        // The place without the map: the search box takes a typed address.
        tabUntil("the address field", () -> "address".equals(activeId()));
        press("Passartweg 14");

        tabUntil("the description", () -> "description".equals(activeId()));
        press("Er staat al een week een kapotte bank op de stoep.");

        tabUntil("the review button", () -> "to-review".equals(activeId()));
        press(Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        assertThat(activeId()).as("focus moves to the review heading").isEqualTo("review-title");

        tabUntil("the send button", () -> "submit".equals(activeId()));
        press(Keys.ENTER);

        WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-reference")));
        assertThat(reference.getText().trim()).matches(REFERENCE);
        assertThat(activeId()).isEqualTo("confirmation-title");
    }

    @Test
    void englishSwitchTranslatesTheFormAndIsRemembered() {
        assertThat(driver.findElement(By.id("to-review")).getText()).isEqualTo("Controleren");
        assertThat(driver.findElement(By.id("emergency-text")).getText()).isEqualTo("Bij spoed of gevaar: bel 112.");
        WebElement toggle = driver.findElement(By.id("lang-switch"));
        assertThat(toggle.getText()).isEqualTo("English");

        toggle.click();

        wait.until(d -> "en".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertEnglish();
        wait.until(ExpectedConditions.textToBe(By.cssSelector("label[for='cat-noise']"), "Noise"));

        driver.navigate().refresh();
        openForm();
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertEnglish();

        driver.findElement(By.id("lang-switch")).click();
        wait.until(ExpectedConditions.textToBe(By.id("to-review"), "Controleren"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("nl");
    }

    private void assertEnglish() {
        assertThat(driver.findElement(By.id("lang-switch")).getText()).isEqualTo("Nederlands");
        assertThat(driver.findElement(By.id("form-title")).getText()).isEqualTo("Report a nuisance");
        assertThat(driver.findElement(By.id("emergency-text")).getText()).isEqualTo("Emergency or danger: call 112.");
        assertThat(driver.findElement(By.id("category-legend")).getText()).isEqualTo("What is going on?");
        assertThat(driver.findElement(By.cssSelector("label[for='description']")).getText()).isEqualTo("Tell us what happens");
        assertThat(driver.findElement(By.cssSelector("label[for='address']")).getText()).isEqualTo("Street, house number or place");
        assertThat(driver.findElement(By.id("category-more")).getText()).isEqualTo("More topics");
        assertThat(driver.findElement(By.id("to-review")).getText()).isEqualTo("Check");
    }

    // --- helpers ---

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void openForm() {
        driver.get(url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='category']")));
    }

    private void chooseCategory(String code) {
        WebElement label = driver.findElement(By.cssSelector("label[for='cat-" + code + "']"));
        label.click();
        assertThat(driver.findElement(By.id("cat-" + code)).isSelected()).isTrue();
    }

    /** "Controleren", then "Versturen" on the review step (the form's second version, issue 14). */
    private void submit() {
        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        driver.findElement(By.id("submit")).click();
    }

    private void press(CharSequence keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    private void tabUntil(String what, BooleanSupplier reached) {
        for (int i = 0; i < 30; i++) {
            press(Keys.TAB);
            if (reached.getAsBoolean()) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + what + "; focus is on " + describeActive());
    }

    private String describeActive() {
        return (String) js("var e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : 'nothing';");
    }

    private void assertNoHorizontalScroll() {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        assertThat(scrollWidth).as("page width at %d px (no horizontal scrolling)", Browser.WIDTH)
                .isLessThanOrEqualTo(Browser.WIDTH);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private List<Rule> scan(String what) {
        Results results = new AxeBuilder().analyze(driver);
        List<Rule> violations = results.getViolations();
        System.out.println("axe-core on the " + what + ": " + violations.size() + " violation(s)");
        for (Rule rule : violations) {
            System.out.println("  [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp() + " -> "
                    + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
        }
        return violations.stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
