package nl.hartslag.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TestPhotos;

/**
 * Issue 14: photos with a web report ({@code multipart/form-data}, part {@code report} + parts
 * {@code photo}). What is stored has no EXIF and no GPS position (read back from the database and
 * through the staff URL), is upright and downscaled; staff see it, the public never does.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPhotoIntegrationTests {

    private static final String VOLUNTEER = "photo.volunteer";
    private static final String PARTNER = "photo.partner";
    private static final String WOP = "photo.wop";
    private static final String PASSWORD = "photo-Test-zin-2026";

    WebTestClient http;

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void staff() {
        accounts.create(VOLUNTEER, "Vera Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        accounts.create(PARTNER, "Piet Partner", PASSWORD, EnumSet.of(Role.PARTNER)).block();
        accounts.create(WOP, "Wim van de WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
    }

    @Test
    void aJpegWithGpsIsStoredWithoutAnyExifUprightAndDownscaledForStaffOnly() {
        // 3000 × 2000 as the sensor stored it, with "turn 90° clockwise" (6) and a GPS position.
        byte[] sent = TestPhotos.jpegWithGps(3000, 2000, 6);
        assertThat(TestPhotos.carriesExifOrGps(sent)).as("the test photo has EXIF GPS").isTrue();

        Created created = post(report("Een kapotte lantaarnpaal met losse draden bij de speeltuin " + UUID.randomUUID(),
                "Jasmijnstraat 3"), List.of(jpeg(sent, "IMG_0001.JPG")))
                .expectStatus().isCreated()
                .expectBody(Created.class).returnResult().getResponseBody();

        // The stored bytes, read back from the database: no APP1 segment, no "Exif", no GPS latitude.
        Map<String, Object> row = db.sql("""
                select p.data, p.thumbnail, p.width, p.height, p.content_type, p.url from report_photo p
                  join report r on r.id = p.report_id where r.reference = :ref and p.position = 0
                """).bind("ref", created.reference()).fetch().one().block();
        byte[] stored = bytes(row.get("data"));
        byte[] thumbnail = bytes(row.get("thumbnail"));
        assertThat(row.get("url")).isNull();
        assertThat(row.get("content_type")).isEqualTo("image/jpeg");
        assertThat(TestPhotos.carriesExifOrGps(stored)).as("EXIF/GPS in the stored photo").isFalse();
        assertThat(TestPhotos.markers(stored)).doesNotContain(0xE1, 0xE2, 0xED, 0xFE); // EXIF/XMP, ICC, IPTC, comment
        assertThat(TestPhotos.carriesExifOrGps(thumbnail)).isFalse();
        // Upright (portrait: the rotation was applied before the EXIF went) and at most 1600 px.
        BufferedImage image = TestPhotos.read(stored);
        assertThat(image.getHeight()).isEqualTo(1600);
        assertThat(image.getWidth()).isEqualTo(1067);
        assertThat(row.get("width")).isEqualTo(1067);
        assertThat(row.get("height")).isEqualTo(1600);
        assertThat(new java.awt.Color(image.getRGB(533, 100)).getRed()).as("red half on top").isGreaterThan(200);
        assertThat(new java.awt.Color(image.getRGB(533, 1500)).getBlue()).as("blue half below").isGreaterThan(200);
        assertThat(Math.max(TestPhotos.read(thumbnail).getWidth(), TestPhotos.read(thumbnail).getHeight()))
                .isEqualTo(320);
        assertThat(stored.length).isLessThan(sent.length);

        // The coordinator's view lists the photo by its staff URL, and that URL serves the same bytes.
        String url = "/api/v1/staff/reports/" + created.reference() + "/photos/1";
        http.get().uri("/api/v1/staff/reports/{ref}", created.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.photos.length()").isEqualTo(1)
                .jsonPath("$.photos[0].url").isEqualTo(url)
                .jsonPath("$.photos[0].contentType").isEqualTo("image/jpeg")
                .jsonPath("$.photos[0].thumbnailUrl").isEqualTo(url + "?size=thumb");
        byte[] served = http.get().uri(url).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value("Cache-Control", v -> assertThat(v).contains("no-store", "private"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(stored);
        assertThat(TestPhotos.carriesExifOrGps(served)).isFalse();
        assertThat(http.get().uri(url + "?size=thumb").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody()).isEqualTo(thumbnail);
        // The WOP sees it (its work orders show residents' photos); nobody else does.
        http.get().uri(url).headers(h -> h.setBasicAuth(WOP, PASSWORD)).exchange().expectStatus().isOk();
        http.get().uri(url).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange().expectStatus().isForbidden();
        http.get().uri(url).headers(h -> h.setBasicAuth(PARTNER, PASSWORD)).exchange().expectStatus().isForbidden();
        http.get().uri(url).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/staff/reports/{ref}/photos/2", created.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isNotFound();
        // Each look at the photo is in the audit trail (issue 15): who, in which role, full or thumbnail; none
        // for a photo that is not there or for a look that was refused.
        assertThat(db.sql("select actor || ' ' || role || ' ' || array_to_string(fields, ',') as look from audit_entry"
                + " where subject_type = 'report' and subject_id = :ref and purpose = 'view' order by id")
                .bind("ref", created.reference()).map(r -> r.get("look", String.class)).all().collectList().block())
                .containsExactly(TestAccounts.COORDINATOR + " COORDINATOR photo.1",
                        TestAccounts.COORDINATOR + " COORDINATOR photo-thumbnail.1", WOP + " WOP photo.1");

        // The resident's status view never mentions photos.
        String status = http.get().uri("/api/v1/reports/{ref}?token={t}", created.reference(), created.trackingToken())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(status).doesNotContain("photo", "/photos/");
    }

    @Test
    void aPngBecomesAJpegAndThreePhotosAreKeptInOrder() {
        Created created = post(report("Zwerfvuil en glas op het pleintje, drie foto's " + UUID.randomUUID(),
                "Jasmijnstraat 5"), List.of(jpeg(TestPhotos.jpeg(800, 600), "a.jpg"),
                        part(TestPhotos.png(600, 800), "b.png", MediaType.IMAGE_PNG),
                        jpeg(TestPhotos.jpegWithGps(640, 480, 1), "c.jpg")))
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        List<Map<String, Object>> rows = db.sql("""
                select p.position, p.content_type, p.width, p.height from report_photo p
                  join report r on r.id = p.report_id where r.reference = :ref order by p.position
                """).bind("ref", created.reference()).fetch().all().collectList().block();
        assertThat(rows).extracting(r -> r.get("content_type")).containsOnly("image/jpeg");
        assertThat(rows).extracting(r -> r.get("width") + "x" + r.get("height"))
                .containsExactly("800x600", "600x800", "640x480");
    }

    @Test
    void aHeicIsKeptAsHeicWithoutItsMetadataAndHasNoThumbnail() throws Exception {
        byte[] heic;
        try (var in = getClass().getResourceAsStream("/photos/libheif-gps-exif-xmp.heic")) {
            heic = in.readAllBytes();
        }
        Created created = post(report("Graffiti op de gevel van het buurthuis, foto van een iPhone " + UUID.randomUUID(),
                "Jasmijnstraat 17"), List.of(part(heic, "IMG_0002.HEIC", MediaType.parseMediaType("image/heic"))))
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        String url = "/api/v1/staff/reports/" + created.reference() + "/photos/1";
        byte[] served = http.get().uri(url).headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectHeader().contentType("image/heic")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).hasSize(heic.length);
        assertThat(TestPhotos.indexOf(served, "TestCam".getBytes())).isNegative();
        assertThat(TestPhotos.indexOf(served, "xmpmeta".getBytes())).isNegative();
        http.get().uri(url + "?size=thumb").headers(TestAccounts::asCoordinator).exchange().expectStatus().isNotFound();
        http.get().uri("/api/v1/staff/reports/{ref}", created.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.photos[0].contentType").isEqualTo("image/heic")
                .jsonPath("$.photos[0].thumbnailUrl").doesNotExist();
    }

    @Test
    void fourPhotosAreRefusedOnPhotoAndNothingIsStored() {
        String description = "Vier foto's van een kapotte bank " + UUID.randomUUID();
        byte[] photo = TestPhotos.jpeg(64, 64);
        post(report(description, "Jasmijnstraat 7"),
                List.of(jpeg(photo, "1.jpg"), jpeg(photo, "2.jpg"), jpeg(photo, "3.jpg"), jpeg(photo, "4.jpg")))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("photo")
                .jsonPath("$.errors[0].message").isEqualTo("U kunt hoogstens 3 foto's meesturen.");
        assertThat(stored(description)).isZero();
    }

    @Test
    void aTextFileNamedJpgIsRefusedByItsBytesNamingWhichPhoto() {
        String description = "Een tekstbestand als foto " + UUID.randomUUID();
        post(report(description, "Jasmijnstraat 9"), List.of(jpeg(TestPhotos.jpeg(64, 64), "goed.jpg"),
                jpeg("dit is geen foto\n".getBytes(), "foto.jpg")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("photo[1]")
                .jsonPath("$.errors[0].message")
                .isEqualTo("Dit bestand is geen foto die we kunnen gebruiken. Stuur een JPEG-, PNG- of HEIC-foto.");
        // A JPEG that breaks off after its header is the right kind but unreadable.
        byte[] broken = java.util.Arrays.copyOf(TestPhotos.jpeg(400, 300), 200);
        http.post().uri("/api/v1/reports").header("Accept-Language", "en")
                .body(BodyInserters.fromMultipartData(body(report(description, "Jasmijnstraat 9"),
                        List.of(jpeg(broken, "kapot.jpg")))))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("photo[0]")
                .jsonPath("$.errors[0].message")
                .isEqualTo("We cannot open this photo. The file may be damaged. Please try another photo.");
        assertThat(stored(description)).isZero();
    }

    @Test
    void aPhotoAboveTenMegabytesIsAClearProblemNeverAServerError() {
        String description = "Een te grote foto " + UUID.randomUUID();
        // Just above the limit: refused by our own check, naming the photo.
        byte[] large = padded(TestPhotos.jpeg(64, 64), 10 * 1024 * 1024 + 1000);
        post(report(description, "Jasmijnstraat 11"), List.of(jpeg(large, "groot.jpg")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("photo[0]")
                .jsonPath("$.errors[0].message").isEqualTo("Deze foto is te groot. Een foto mag hoogstens 10 MB zijn.");
        // Far above it: the part reader stops reading; still a 400 on "photo".
        byte[] huge = padded(TestPhotos.jpeg(64, 64), 24 * 1024 * 1024);
        post(report(description, "Jasmijnstraat 11"), List.of(jpeg(huge, "enorm.jpg")))
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("photo");
        assertThat(stored(description)).isZero();
    }

    @Test
    void theReportPartIsCheckedAsTheJsonBodyIsAndARetryIsAnsweredWithTheFirstReport() {
        // A report the rules refuse: its fields are named as for the JSON POST.
        post(report("", "Jasmijnstraat 13"), List.of(jpeg(TestPhotos.jpeg(64, 64), "a.jpg")))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("description");
        // No report part at all.
        MultipartBodyBuilder only = new MultipartBodyBuilder();
        only.part("photo", resource(TestPhotos.jpeg(64, 64), "a.jpg")).contentType(MediaType.IMAGE_JPEG);
        http.post().uri("/api/v1/reports").body(BodyInserters.fromMultipartData(only.build())).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("report");

        // The same key, report and photo twice: one report, one photo.
        String key = "photo-retry-" + UUID.randomUUID();
        Map<String, Object> body = report("Een fietswrak tegen het hek, met foto " + UUID.randomUUID(),
                "Jasmijnstraat 15");
        byte[] photo = TestPhotos.jpegWithGps(400, 300, 1);
        Created first = http.post().uri("/api/v1/reports").header("Idempotency-Key", key)
                .body(BodyInserters.fromMultipartData(body(body, List.of(jpeg(photo, "a.jpg"))))).exchange()
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        Created again = http.post().uri("/api/v1/reports").header("Idempotency-Key", key)
                .body(BodyInserters.fromMultipartData(body(body, List.of(jpeg(photo, "a.jpg"))))).exchange()
                .expectStatus().isOk().expectBody(Created.class).returnResult().getResponseBody();
        assertThat(again.reference()).isEqualTo(first.reference());
        // The same key with another photo is another request: refused.
        http.post().uri("/api/v1/reports").header("Idempotency-Key", key)
                .body(BodyInserters.fromMultipartData(body(body, List.of(jpeg(TestPhotos.jpeg(400, 301), "b.jpg")))))
                .exchange().expectStatus().isEqualTo(422);
        assertThat(db.sql("select count(*) as n from report_photo p join report r on r.id = p.report_id"
                + " where r.reference = :ref").bind("ref", first.reference()).map(r -> r.get("n", Long.class)).one()
                .block()).isEqualTo(1);
    }

    private static Map<String, Object> report(String description, String address) {
        return Reports.report("litter", description, address);
    }

    private WebTestClient.ResponseSpec post(Map<String, Object> report, List<Photo> photos) {
        return http.post().uri("/api/v1/reports").body(BodyInserters.fromMultipartData(body(report, photos)))
                .exchange();
    }

    record Photo(byte[] bytes, String name, MediaType type) {
    }

    private static Photo jpeg(byte[] bytes, String name) {
        return new Photo(bytes, name, MediaType.IMAGE_JPEG);
    }

    private static Photo part(byte[] bytes, String name, MediaType type) {
        return new Photo(bytes, name, type);
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> body(
            Map<String, Object> report, List<Photo> photos) {
        MultipartBodyBuilder builder = new MultipartBodyBuilder();
        builder.part("report", report, MediaType.APPLICATION_JSON);
        for (Photo p : photos) {
            builder.part("photo", resource(p.bytes(), p.name())).contentType(p.type());
        }
        return builder.build();
    }

    private static ByteArrayResource resource(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    /** A valid JPEG followed by junk up to {@code size} bytes (decoders stop at the end marker). */
    private static byte[] padded(byte[] jpeg, int size) {
        return java.util.Arrays.copyOf(jpeg, size);
    }

    private long stored(String description) {
        return db.sql("select count(*) as n from report where description = :d").bind("d", description)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    private static byte[] bytes(Object column) {
        if (column instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) column).duplicate();
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return b;
    }
}
