package nl.hartslag.workorder;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
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
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TestPhotos;

/**
 * Issue 14: the WOP sees the residents' uploaded photos on its work orders and adds a photo from the
 * camera when it marks one done ({@code multipart/form-data}: part {@code done} + part {@code photo}).
 * That photo is stripped and downscaled like a resident's, stored with the work order in the move's
 * transaction, and shown to the coordinator; a refused photo leaves the work order as it was.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkOrderPhotoIntegrationTests {

    private static final String WOP = "wop.photos";
    private static final String VOLUNTEER = "volunteer.photos";
    private static final String PASSWORD = "wop-Photos-zin-2026";

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
    void team() {
        accounts.create(WOP, "Wim van de WOP", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(VOLUNTEER, "Vera Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void theTeamSeesTheResidentsPhotoAndMarksTheJobDoneWithAPhotoWithoutGps() {
        // A resident's report with a photo: on the work order it is the staff URL, which the WOP may open.
        MultipartBodyBuilder report = new MultipartBodyBuilder();
        report.part("report", Reports.report("dumping", "Een matras en kapotte stoelen gedumpt bij de"
                + " glasbak van de Lindestraat " + UUID.randomUUID(), "Lindestraat 20",
                Map.of("phone", FakeTwilio.newPhone())), MediaType.APPLICATION_JSON);
        report.part("photo", resource(TestPhotos.jpegWithGps(1200, 900, 1), "matras.jpg"))
                .contentType(MediaType.IMAGE_JPEG);
        Created created = http.post().uri("/api/v1/reports").body(BodyInserters.fromMultipartData(report.build()))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        UUID order = workOrderOf(created.reference());
        String residentPhoto = "/api/v1/staff/reports/" + created.reference() + "/photos/1";
        wop(http.get().uri("/api/v1/staff/work-orders/{id}", order)).exchange().expectStatus().isOk().expectBody()
                // By reference: the work order may also hold other reports of the same problem.
                .jsonPath("$.reports[?(@.reference == '" + created.reference() + "')].photos[0]")
                .isEqualTo(java.util.List.of(residentPhoto))
                .jsonPath("$.photos.length()").isEqualTo(0);
        wop(http.get().uri(residentPhoto + "?size=thumb")).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_JPEG);

        // A text file as the photo: refused on photo[0], the work order is untouched.
        wop(http.post().uri("/api/v1/staff/cases/{id}/done", order))
                .body(BodyInserters.fromMultipartData(done("Opgehaald", "geen foto".getBytes(), "x.jpg")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("photo[0]");
        assertThat(status(order)).isEqualTo("OPEN");

        // Done with a photo from the camera (portrait, with GPS): stored without it, upright, at most 1600 px.
        byte[] taken = TestPhotos.jpegWithGps(4000, 3000, 6);
        String url = "/api/v1/staff/work-orders/" + order + "/photos/1";
        wop(http.post().uri("/api/v1/staff/cases/{id}/done", order))
                .body(BodyInserters.fromMultipartData(done("Matras en stoelen opgehaald", taken, "IMG_2001.JPG")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DONE")
                .jsonPath("$.closingNote").isEqualTo("Matras en stoelen opgehaald")
                .jsonPath("$.photos[0]").isEqualTo(url);
        byte[] stored = db.sql("select data from case_photo where case_id = :c").bind("c", order)
                .map(row -> {
                    java.nio.ByteBuffer b = row.get("data", java.nio.ByteBuffer.class);
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    return bytes;
                }).one().block();
        assertThat(TestPhotos.carriesExifOrGps(stored)).isFalse();
        assertThat(TestPhotos.read(stored).getWidth()).isEqualTo(1200);
        assertThat(TestPhotos.read(stored).getHeight()).isEqualTo(1600);

        // The coordinator sees it with the work order; the volunteer and the public do not.
        byte[] served = http.get().uri(url).headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().value("Cache-Control", v -> assertThat(v).contains("no-store"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(stored);
        http.get().uri("/api/v1/staff/work-orders/{id}", order).headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.photos[0]").isEqualTo(url);
        wop(http.get().uri(url + "?size=thumb")).exchange().expectStatus().isOk();
        http.get().uri(url).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange().expectStatus().isForbidden();
        http.get().uri(url).exchange().expectStatus().isUnauthorized();
        wop(http.get().uri("/api/v1/staff/work-orders/{id}/photos/2", order)).exchange().expectStatus().isNotFound();
        // The resident hears "opgelost" with the note and never sees the photo.
        String status = http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(), created.trackingToken())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(status).contains("RESOLVED").doesNotContain("/photos/");
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> done(
            String note, byte[] photo, String name) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("done", Map.of("note", note), MediaType.APPLICATION_JSON);
        body.part("photo", resource(photo, name)).contentType(MediaType.IMAGE_JPEG);
        return body.build();
    }

    private static ByteArrayResource resource(byte[] bytes, String name) {
        return new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private <S extends WebTestClient.RequestHeadersSpec<?>> S wop(S spec) {
        spec.headers(h -> h.setBasicAuth(WOP, PASSWORD));
        return spec;
    }

    private String status(UUID order) {
        return db.sql("select status from case_file where id = :id").bind("id", order)
                .map(row -> row.get("status", String.class)).one().block();
    }

    private UUID workOrderOf(String reference) {
        return await(() -> db.sql("select c.id from case_file c join case_report cr on cr.case_id = c.id"
                + " join report r on r.id = cr.report_id where r.reference = :r and c.type = 'WORK_ORDER'")
                .bind("r", reference).map(row -> row.get("id", UUID.class)).all().collectList().block().stream()
                .findFirst(), Optional::isPresent, Duration.ofSeconds(15)).orElseThrow();
    }

}
