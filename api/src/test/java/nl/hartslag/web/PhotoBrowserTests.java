package nl.hartslag.web;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TestPhotos;

/**
 * Issue 14 in Chromium at phone size: the WOP sees a resident's photo as a thumbnail (alt "Foto 1 bij
 * melding HS-…") linking to the full photo, marks the work order done with a photo from the file
 * (camera) input, and the coordinator sees that photo on the problem's page. Axe finds nothing serious.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoBrowserTests extends StaffBrowserTest {

    private static final String PASSWORD = "browser-Foto-zin-2026";
    private static final String WOP = "wop.camera";

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        accounts.create(WOP, "Wies Camera", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void theWopSeesTheResidentsPhotoAndMarksTheJobDoneWithACameraPhotoTheCoordinatorSees() throws Exception {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("report", Reports.report("vandalism", "De prullenbak bij Olmstraat 12 is van de paal getrokken "
                + UUID.randomUUID(), "Olmstraat 14", Map.of("phone", FakeTwilio.newPhone())), MediaType.APPLICATION_JSON);
        body.part("photo", new ByteArrayResource(TestPhotos.jpegWithGps(1200, 900, 1)) {
            @Override
            public String getFilename() {
                return "prullenbak.jpg";
            }
        }).contentType(MediaType.IMAGE_JPEG);
        Created report = http.post().uri("/api/v1/reports").body(BodyInserters.fromMultipartData(body.build()))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        int number = await(() -> db.sql("select c.number from case_file c join case_report cr on cr.case_id = c.id"
                + " join report r on r.id = cr.report_id where r.reference = :r and c.type = 'WORK_ORDER'")
                .bind("r", report.reference()).map(row -> row.get("number", Integer.class)).all().collectList().block()
                .stream().findFirst(), Optional::isPresent, Duration.ofSeconds(15)).orElseThrow();

        logIn(WOP, PASSWORD);
        wait.until(ExpectedConditions.urlContains("/staff/work-orders.html"));
        WebElement thumbnail = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("img[alt='Foto 1 bij melding " + report.reference() + "']")));
        wait.until(d -> loaded(thumbnail));
        assertThat(thumbnail.getAttribute("src")).endsWith("/photos/1?size=thumb");
        assertThat(thumbnail.findElement(By.xpath("..")).getAttribute("href"))
                .endsWith("/api/v1/staff/reports/" + report.reference() + "/photos/1");

        // The "klaar" step: a labelled file input that opens the back camera on a phone.
        WebElement camera = driver.findElement(By.id("photo-" + number));
        assertThat(camera.getAttribute("type")).isEqualTo("file");
        assertThat(camera.getAttribute("accept")).isEqualTo("image/*");
        assertThat(camera.getAttribute("capture")).isEqualTo("environment");
        assertThat(driver.findElement(By.cssSelector("label[for='photo-" + number + "']")).getText())
                .isEqualTo("Foto van het resultaat (niet verplicht)");
        assertNoSeriousAccessibilityProblems();
        Path taken = Files.createTempFile("klaar-", ".jpg");
        Files.write(taken, TestPhotos.jpegWithGps(2000, 1500, 6));
        camera.sendKeys(taken.toAbsolutePath().toString());
        driver.findElement(By.id("note-" + number)).sendKeys("Prullenbak weer vastgezet");
        driver.findElement(By.id("done-" + number)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "Werkbon " + number + " is klaar."));
        Files.delete(taken);
        byte[] stored = db.sql("select p.data from case_photo p join case_file c on c.id = p.case_id"
                + " where c.number = :n").bind("n", number).map(row -> {
                    ByteBuffer b = row.get("data", ByteBuffer.class);
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    return bytes;
                }).one().block();
        assertThat(TestPhotos.carriesExifOrGps(stored)).isFalse();

        // The coordinator sees the team's note and photo on the problem's page.
        UUID cluster = new Reports(http, db).clusterOf(report.reference());
        driver.manage().deleteAllCookies();
        logIn(TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        driver.get(url("/staff/problem.html?id=" + cluster));
        WebElement teamPhoto = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("img[alt='Foto 1 van de WOP bij werkbon " + number + "']")));
        wait.until(d -> loaded(teamPhoto));
        assertThat(driver.findElement(By.id("facts")).getText()).contains("Prullenbak weer vastgezet");
        WebElement residentPhoto = driver.findElement(
                By.cssSelector("img[alt='Foto 1 bij melding " + report.reference() + "']"));
        wait.until(d -> loaded(residentPhoto));
        assertNoSeriousAccessibilityProblems();
    }

    /** Loaded in the browser; brought into view first (thumbnails load lazily, and the list may be long). */
    private static boolean loaded(WebElement image) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", image);
        Object width = driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth", image);
        return width instanceof Number n && n.intValue() > 0;
    }
}
