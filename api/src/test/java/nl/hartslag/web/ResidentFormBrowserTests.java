package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The resident's report form, second version (issue 14), in a real headless Chromium on a 360×740 phone
 * viewport against the whole application: the place first on a map (a dropped pin named as a resident would
 * name it), "Is dit al gemeld?" before a word is typed, a photo from the file input, the review step, and
 * the form's height before that step. Axe-core finds nothing serious or critical on any step.
 */
@IntegrationTest
class ResidentFormBrowserTests extends BrowserTest {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");
    /** The acceptance check: the form before the review step at most ~2,000 px tall at 360 px wide. */
    private static final int MAX_FORM_HEIGHT = 2000;

    /* Ter Weijerpark, a seed landmark (places.csv) no other integration test reports at. */
    private static final String PARK = "Ter Weijerpark";
    private static final double PARK_LAT = 50.9018;
    private static final double PARK_LON = 5.9712;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @BeforeEach
    void freshDutchPage() {
        driver.get(url("/"));
        js("window.localStorage.clear();");
        driver.get(url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[name='category']")));
        assertThat(((Number) js("return window.innerWidth;")).intValue()).isEqualTo(Browser.WIDTH);
    }

    @Test
    void residentDropsAPinSeesTheLandmarkNamedAndJoinsAKnownProblemWithOneTap() {
        // An existing problem at the park: a broken bench, reported with a pin.
        post(Map.of("category", "vandalism", "location", Map.of("lat", PARK_LAT + 0.0001, "lon", PARK_LON),
                "description", "Het bankje in het park is kapotgetrapt, de planken liggen in het gras"));
        awaitKnown(PARK_LAT, PARK_LON, "vandalism");

        chooseCategory("vandalism");
        // The phone says where the resident stands: the pin goes there and the map centres on it.
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", url(""), "permissions",
                List.of("geolocation")));
        driver.executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", PARK_LAT, "longitude", PARK_LON,
                "accuracy", 10));
        WebElement map = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#place-map.leaflet-container")));
        assertThat(map.getDomAttribute("role")).isEqualTo("region");
        assertThat(map.getDomAttribute("aria-label")).startsWith("Kaart.");
        driver.findElement(By.id("use-location")).click();
        wait.until(d -> d.findElements(By.cssSelector("#place-map .place-pin")).size() == 1);

        // Then a tap on the map, a little to the east: the pin moves there.
        js("arguments[0].scrollIntoView({block: 'center'});", map);
        new Actions(driver).moveToElement(map, 30, 10).click().perform();
        WebElement label = driver.findElement(By.id("place-label"));
        wait.until(d -> label.getText().contains(PARK));
        System.out.println("Place named after the pin: " + label.getText());
        assertThat(label.getText()).startsWith("Gekozen plek: ").doesNotContainPattern("\\d");

        // "Is dit al gemeld?" is there before a word is typed.
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("known-problem")));
        assertThat(driver.findElement(By.id("known-problem-title")).getText()).isEqualTo("Is dit al gemeld?");
        assertThat(driver.findElement(By.id("description")).getDomProperty("value")).isEmpty();
        WebElement item = wait.until(d -> d.findElements(By.cssSelector("#known-problem-list li")).stream()
                .filter(li -> li.getText().contains("Vernieling")).findFirst().orElse(null));
        assertNoHorizontalScroll();
        assertFormHeight("with a pin and a known problem");
        List<Rule> serious = scan("the form with a pin and a known problem");

        WebElement meToo = item.findElement(By.tagName("button"));
        assertThat(meToo.getText()).isEqualTo("Ik heb hier ook last van");
        meToo.click();

        WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-reference")));
        assertThat(reference.getText().trim()).matches(REFERENCE);
        assertThat(activeId()).isEqualTo("confirmation-title");
        assertThat(driver.findElement(By.id("confirmation-joined")).isDisplayed()).isTrue();
        assertThat(box.isDisplayed()).isFalse();
        serious.addAll(scan("the confirmation after joining"));
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void newReportWithAPhotoGoesThroughTheReviewToTheStatusPage() throws IOException {
        Path photo = photo();
        chooseCategory("dumping");

        // The search box: part of a street name, a suggestion, then the house number.
        WebElement address = driver.findElement(By.id("address"));
        address.sendKeys("Lariks");
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//ul[@id='address-listbox']/li[normalize-space(span)='Lariksstraat']")));
        option.click();
        assertThat(address.getDomProperty("value")).isEqualTo("Lariksstraat ");
        address.sendKeys("29");
        wait.until(d -> d.findElement(By.id("place-label")).getText().contains("Lariksstraat"));
        // The search moved the pin on the map to the street.
        wait.until(d -> d.findElements(By.cssSelector("#place-map .place-pin")).size() == 1);

        type("description", "Twee matrassen en een kapotte kast naast de glasbak, al sinds het weekend.");
        driver.findElement(By.id("photo")).sendKeys(photo.toString());
        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#photo-list img")));
        assertThat(preview.getDomAttribute("alt")).isEqualTo("Foto 1");
        assertThat(preview.getDomAttribute("src")).startsWith("data:image/jpeg");
        assertThat(driver.findElement(By.cssSelector("#photo-list button")).getText()).isEqualTo("Verwijder foto 1");
        // Shrunk in the browser before it is sent: 2,400 × 1,800 goes as 1,600 × 1,200.
        assertThat(driver.findElement(By.cssSelector("#photo-list li")).getDomAttribute("data-sent-size"))
                .isEqualTo("1600x1200");

        assertFormHeight("filled in with a photo");
        assertNoHorizontalScroll();
        List<Rule> serious = scan("the filled-in form with a photo");

        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        assertThat(activeId()).isEqualTo("review-title");
        assertThat(driver.findElement(By.id("report-form")).isDisplayed()).isFalse();
        String review = driver.findElement(By.id("review-list")).getText();
        assertThat(review).contains("Dumpen van afval", "Lariksstraat", "Twee matrassen", "Nee, u meldt zonder gegevens");
        assertThat(driver.findElements(By.cssSelector("#review-list a.review-change"))).hasSize(7);
        serious.addAll(scan("the review step"));

        driver.findElement(By.id("submit")).click();
        WebElement reference = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation-reference")));
        String ref = reference.getText().trim();
        assertThat(ref).matches(REFERENCE);
        serious.addAll(scan("the confirmation"));
        // The photo arrived with the report: the coordinator's view of it lists one.
        http.get().uri("/api/v1/staff/reports/{ref}", ref).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.photos.length()").isEqualTo(1)
                .jsonPath("$.photos[0].contentType").isEqualTo("image/jpeg");

        WebElement statusLink = driver.findElement(By.id("status-link"));
        assertThat(statusLink.getDomAttribute("href")).startsWith("/m/" + ref + "?t=");
        statusLink.click();
        wait.until(ExpectedConditions.textToBe(By.id("status-reference"), ref));
        assertThat(driver.getCurrentUrl()).contains("/m/" + ref + "?t=");
        assertThat(serious).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void aKeyboardUserPutsThePinInTheMiddleOfTheMapWithEnter() {
        WebElement map = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#place-map.leaflet-container")));
        assertThat(map.getDomAttribute("tabindex")).isEqualTo("0");
        map.sendKeys(Keys.ARROW_RIGHT); // Leaflet pans with the arrows
        map.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#place-map .place-pin")).size() == 1);
        WebElement pin = driver.findElement(By.cssSelector("#place-map .place-pin"));
        assertThat(pin.getDomAttribute("aria-hidden")).isEqualTo("true");
        assertThat(pin.getDomAttribute("tabindex")).isNull();
        wait.until(d -> d.findElement(By.id("place-label")).getText().startsWith("Gekozen plek: "));
        assertThat(activeId()).as("focus stays on the map").isEqualTo("place-map");
        assertThat(driver.findElement(By.id("clear-location")).isDisplayed()).isTrue();

        driver.findElement(By.id("clear-location")).click();
        wait.until(d -> d.findElements(By.cssSelector("#place-map .place-pin")).isEmpty());
        assertThat(driver.findElement(By.id("place-label")).getText()).isEmpty();
        assertThat(activeId()).isEqualTo("address");
    }

    @Test
    void wijzigenOnTheReviewLeadsBackToTheFieldWithEverythingKept() {
        chooseCategory("litter");
        type("address", "Olmstraat 33");
        type("description", "Overal blikjes en chipszakken langs het hek van de sporthal.");
        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));

        driver.findElement(By.cssSelector("#review-list a[data-target='description']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("report-form")));
        assertThat(activeId()).isEqualTo("description");
        assertThat(driver.findElement(By.id("description")).getDomProperty("value")).startsWith("Overal blikjes");
        assertThat(driver.findElement(By.id("address")).getDomProperty("value")).isEqualTo("Olmstraat 33");
        assertThat(driver.findElement(By.id("cat-litter")).isSelected()).isTrue();
    }

    @Test
    void aHomeThatIsNoAddressOfTheAreaIsNamedAtItsFieldAndTheReportWaits() {
        chooseCategory("litter");
        type("address", "Olmstraat 35");
        type("description", "Lege flessen en kartonnen dozen naast de glasbak bij de sporthal.");
        driver.findElement(By.id("more-details")).findElement(By.tagName("summary")).click();
        type("home", "Nergensstraat 999");
        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        driver.findElement(By.id("submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-home")));
        assertThat(error.getText()).isEqualTo("Deze straat kennen we niet in ons werkgebied. Controleer waar u woont.");
        assertThat(activeId()).isEqualTo("error-summary");
        assertThat(driver.findElement(By.id("home")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("confirmation")).isDisplayed()).isFalse();
    }

    @Test
    void theWordsSuggestAnotherCategoryAndOneTapTakesIt() {
        chooseCategory("litter");
        type("description", "Elke nacht harde muziek en gebonk van de buren, tot vier uur.");
        WebElement suggestion = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("category-suggest")));
        assertThat(driver.findElement(By.id("category-suggest-text")).getText()).isEqualTo("Gaat het over: Geluidsoverlast?");
        assertThat(scan("the form with a suggested category")).isEmpty();

        driver.findElement(By.id("category-suggest-take")).click();
        assertThat(driver.findElement(By.id("cat-noise")).isSelected()).isTrue();
        assertThat(suggestion.isDisplayed()).isFalse();
        assertThat(activeId()).as("back to the text").isEqualTo("description");
    }

    @Test
    void theSearchToleratesATypoAndMovesThePin() {
        WebElement address = driver.findElement(By.id("address"));
        address.sendKeys("Pasartweg");
        WebElement option = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//ul[@id='address-listbox']/li[normalize-space(span)='Passartweg']")));
        option.click();
        wait.until(d -> d.findElements(By.cssSelector("#place-map .place-pin")).size() == 1);
        assertThat(driver.findElement(By.id("place-label")).getText()).isEqualTo("Gekozen plek: Passartweg");
    }

    @Test
    void aWorryAboutAHouseholdShowsTheVeiligThuisAdviceOnScreen() {
        driver.findElement(By.id("category-more")).click();
        assertThat(driver.findElement(By.id("category-more")).getDomAttribute("aria-expanded")).isEqualTo("true");
        chooseCategory("domestic");
        WebElement advice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("veilig-thuis")));
        assertThat(advice.getText()).contains("Veilig Thuis", "112");
        WebElement call = advice.findElement(By.cssSelector("a[href^='tel:']"));
        assertThat(call.getDomAttribute("href")).matches("tel:[+\\d]+");
        assertThat(scan("the form with the Veilig Thuis advice")).isEmpty();
    }

    @Test
    void mediationSaysBeforeSendingWhyContactDetailsAreNeededAndShowsTheServersAnswerAtTheField() {
        driver.findElement(By.id("category-more")).click();
        chooseCategory("neighbour_dispute");
        WebElement why = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("contact-required")));
        assertThat(why.getText()).contains("bemiddel", "bereiken");
        // The folded contact part opens by itself: it is needed here.
        assertThat(driver.findElement(By.id("contact-details")).getDomProperty("open")).isEqualTo("true");
        assertThat(driver.findElement(By.id("contact-phone")).isDisplayed()).isTrue();

        // Sent anyway without a phone or e-mail: the server's answer on "contact" is shown in the summary and at
        // the field.
        type("address", "Acaciastraat 17");
        type("description", "De buren boven ons slepen elke nacht met meubels, we willen graag een gesprek.");
        driver.findElement(By.id("to-review")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("review")));
        driver.findElement(By.id("submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-contact")));
        assertThat(error.getText()).contains("bemiddel");
        assertThat(activeId()).isEqualTo("error-summary");
        assertThat(driver.findElement(By.cssSelector("#error-summary-list a[href='#contact-phone']")).getText())
                .isEqualTo(error.getText());
        assertThat(driver.findElement(By.id("contact-phone")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(scan("the form with the contact error")).isEmpty();
    }

    @Test
    void theNumbersOfTheServiceAreShownOnTheFormWhenConfigured() {
        Map<String, Object> service = http.get().uri("/api/v1/service").exchange()
                .returnResult(new ParameterizedTypeReference<Map<String, Object>>() {
                }).getResponseBody().blockFirst();
        WebElement line = driver.findElement(By.id("service-line"));
        // The test context sends texts from a configured Twilio number, so the SMS number is known.
        assertThat(service).isNotNull().containsKey("smsNumber");
        assertThat(service.get("smsNumber")).isNotNull();
        wait.until(d -> line.isDisplayed());
        assertThat(line.getText()).startsWith("Liever sms'en of bellen?").contains((String) service.get("smsNumber"));
        assertThat(line.findElement(By.cssSelector("a[href^='sms:']")).getDomAttribute("href"))
                .isEqualTo("sms:" + service.get("smsNumberE164"));
    }

    // --- helpers ---

    private void post(Map<String, Object> report) {
        http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .bodyValue(report)
                .exchange()
                .expectStatus().isCreated();
    }

    private void awaitKnown(double lat, double lon, String category) {
        await("the problem is known near the place").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get()
                        .uri(URI.create(url("/api/v1/reports/similar?lat=" + lat + "&lon=" + lon + "&category=" + category)))
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                        })
                        .returnResult().getResponseBody(),
                        found -> found != null && found.stream().anyMatch(c -> String.valueOf(c.get("category"))
                                .contains(category)));
    }

    /** A phone-camera-sized JPEG (2,400 × 1,800), made here: the page must shrink it before sending. */
    private static Path photo() throws IOException {
        BufferedImage image = new BufferedImage(2400, 1800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 150, 90));
        g.fillRect(0, 0, 2400, 1800);
        g.setColor(new Color(90, 60, 40));
        g.fillRect(600, 500, 1200, 800);
        g.dispose();
        Path file = Files.createTempFile("hartslag-photo-", ".jpg");
        file.toFile().deleteOnExit();
        ImageIO.write(image, "jpg", file.toFile());
        return file;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void chooseCategory(String code) {
        WebElement label = driver.findElement(By.cssSelector("label[for='cat-" + code + "']"));
        label.click();
        assertThat(driver.findElement(By.id("cat-" + code)).isSelected()).isTrue();
    }

    /** The form's height before the review step, printed for the figures and held to the acceptance check. */
    private void assertFormHeight(String state) {
        double formHeight = ((Number) js("return document.getElementById('report-form').getBoundingClientRect().height;"))
                .doubleValue();
        long pageHeight = ((Number) js("return document.body.scrollHeight;")).longValue();
        System.out.printf("Form height before the review step at %d px wide, %s: %.0f px (whole page %d px)%n",
                Browser.WIDTH, state, formHeight, pageHeight);
        assertThat(formHeight).as("form height before the review step, %s", state).isLessThanOrEqualTo(MAX_FORM_HEIGHT);
    }

    private void assertNoHorizontalScroll() {
        long scrollWidth = ((Number) js("return document.documentElement.scrollWidth;")).longValue();
        assertThat(scrollWidth).as("page width at %d px (no horizontal scrolling)", Browser.WIDTH)
                .isLessThanOrEqualTo(Browser.WIDTH);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private List<Rule> scan(String what) {
        List<Rule> violations = new AxeBuilder().analyze(driver).getViolations();
        System.out.println("axe-core on " + what + ": " + violations.size() + " violation(s)");
        for (Rule rule : violations) {
            System.out.println("  [" + rule.getImpact() + "] " + rule.getId() + ": " + rule.getHelp() + " -> "
                    + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")));
        }
        return violations.stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
