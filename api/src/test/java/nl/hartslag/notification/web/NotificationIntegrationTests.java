package nl.hartslag.notification.web;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TwilioWebhooks;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Reports notify their reporter through the outbox and the real dispatcher, with WireMock as
 * Twilio: the confirmation of a web report, status changes with the coordinator's note, Twilio's
 * delivery receipts on {@code /twilio/status}, and the coordinators' view of failed notifications.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationIntegrationTests {

    private static final String VOLUNTEER = "vrijwilliger.notif";
    private static final String VOLUNTEER_PASSWORD = "vrijwilliger-Pa55word";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void volunteer() {
        accounts.create(VOLUNTEER, "Vera Notificatie", VOLUNTEER_PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
    }

    @Test
    void aWebReportWithAPhoneNumberIsConfirmedByOneTextWithItsReferenceWithinFiveSeconds() {
        String phone = FakeTwilio.newPhone();
        Created created = file(phone, null, "nl");

        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone), t -> !t.isEmpty(),
                Duration.ofSeconds(5));
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0).get("Body")).contains(created.reference()).contains("Bel 112");
        assertThat(texts.get(0)).containsEntry("From", FakeTwilio.SENDER)
                .containsEntry("StatusCallback", FakeTwilio.PUBLIC_BASE_URL + "/twilio/status");
        awaitStatus(created.reference(), "SENT");
        // Retrying the same submission (same Idempotency-Key) sends nothing more.
        assertThat(FakeTwilio.textsTo(phone)).hasSize(1);
    }

    @Test
    void anEnglishReportIsConfirmedInEnglish() {
        String phone = FakeTwilio.newPhone();
        Created created = file(phone, null, "en");
        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone), t -> !t.isEmpty(),
                Duration.ofSeconds(5));
        assertThat(texts.get(0).get("Body")).startsWith("Thank you.").contains(created.reference());
    }

    @Test
    void aStatusChangeTextsTheReporterWithTheCoordinatorsNoteAndNobodyElse() {
        String phone = FakeTwilio.newPhone();
        Created created = file(phone, null, "nl");
        await(() -> FakeTwilio.textsTo(phone), t -> t.size() == 1, Duration.ofSeconds(5));

        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD))
                .bodyValue(Map.of("status", "RESOLVED", "publicNote", "De lamp is vervangen."))
                .exchange().expectStatus().isOk();

        // "Opgelost" (with how to object) and, once, "Bent u tevreden?" (issue 14); in either order.
        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone), t -> t.size() == 3,
                Duration.ofSeconds(5));
        assertThat(texts).extracting(t -> t.get("Body")).contains("Uw melding " + created.reference()
                + " is opgelost. De lamp is vervangen. Niet opgelost? Stuur NIET OPGELOST " + created.reference());
        assertThat(texts).extracting(t -> t.get("Body")).anyMatch(b -> b.startsWith("Bent u tevreden"));
        assertThat(notificationCount(created.reference())).isEqualTo(3);

        // A refused transition writes no notification.
        http.post().uri("/api/v1/staff/reports/{r}/status", created.reference())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD))
                .bodyValue(Map.of("status", "RECEIVED")).exchange().expectStatus().is4xxClientError();
        assertThat(notificationCount(created.reference())).isEqualTo(3);
    }

    @Test
    void aReportWithAnEmailAddressIsConfirmedByEmailWithItsStatusLink() {
        String email = "melder-" + UUID.randomUUID() + "@example.nl";
        Created created = file(null, email, "nl");
        awaitStatus(created.reference(), "SENT");
        Map<String, Object> row = db.sql("select channel, parameters_sealed from notification"
                + " where reference = :r").bind("r", created.reference()).fetch().one().block();
        assertThat(row).containsEntry("channel", "EMAIL");
        // Sealed (the link carries the resident's token); opened it holds the status link.
        assertThat((String) row.get("parameters_sealed")).doesNotContain(created.trackingToken());
        assertThat(personalData.open((String) row.get("parameters_sealed"))).contains(FakeTwilio.PUBLIC_BASE_URL + "/m/" + created.reference()
                + "?t=" + created.trackingToken());
    }

    @Test
    void anAnonymousReportNotifiesNobody() {
        Map<String, Object> body = new HashMap<>(Map.of("category", "public_lighting",
                "description", "Lantaarnpaal knippert de hele nacht", "address", "Passartweg 40"));
        Created created = http.post().uri("/api/v1/reports").bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody(Created.class).returnResult().getResponseBody();
        assertThat(notificationCount(created.reference())).isZero();
    }

    @Test
    void twilioReceiptsNeedAValidSignatureAndMoveTheTextToDelivered() {
        String phone = FakeTwilio.newPhone();
        Created created = file(phone, null, "nl");
        String sid = awaitStatus(created.reference(), "SENT");

        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("MessageSid", sid);
        form.add("MessageStatus", "delivered");
        form.add("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.add("ApiVersion", "2010-04-01");

        http.post().uri("/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl")
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isForbidden();
        assertThat(status(created.reference())).isEqualTo("SENT");
        assertThat(db.sql("select count(*) as n from delivery_receipt where provider_id = :p").bind("p", sid)
                .map((r, m) -> r.get("n", Long.class)).one().block()).isZero();

        http.post().uri("/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign("/twilio/status", form))
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isNoContent();
        assertThat(status(created.reference())).isEqualTo("DELIVERED");
    }

    @Test
    void anUndeliveredReceiptKeepsTwiliosErrorCodeForTheCoordinator() {
        String phone = FakeTwilio.newPhone();
        Created created = file(phone, null, "nl");
        String sid = awaitStatus(created.reference(), "SENT");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("MessageSid", sid);
        form.add("MessageStatus", "undelivered");
        form.add("ErrorCode", "30003");
        http.post().uri("/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", sign("/twilio/status", form))
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isNoContent();

        http.get().uri("/api/v1/staff/notifications?status=UNDELIVERED&reference={r}", created.reference())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].errorCode").isEqualTo("30003")
                .jsonPath("$[0].recipient").value(r -> assertThat((String) r).doesNotContain(phone.substring(4, 9)));
    }

    @Test
    void aSignedReceiptWithMissingFieldsIsAProblemNamingThem() {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("MessageSid", "not-a-sid");
        form.add("ErrorCode", "abc");
        http.post().uri("/twilio/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("Accept-Language", "en")
                .header("X-Twilio-Signature", sign("/twilio/status", form))
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'MessageSid')]").exists()
                .jsonPath("$.errors[?(@.field == 'MessageStatus')]").exists()
                .jsonPath("$.errors[?(@.field == 'ErrorCode')].message").isEqualTo("ErrorCode must be a number.");
    }

    @Test
    void coordinatorsSeeFailedTextsMaskedAndCanSendThemAgain() {
        String phone = FakeTwilio.newPhone();
        StubMapping refusal = FakeTwilio.failFor(phone, 400, 21211, "The 'To' number is not a valid phone number.");
        Created created = file(phone, null, "nl");
        awaitStatus(created.reference(), "FAILED");

        Map<String, Object> failed = http.get()
                .uri("/api/v1/staff/notifications?status=FAILED&reference={r}", created.reference())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBodyList(Map.class).hasSize(1).returnResult().getResponseBody().get(0);
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("errorCode", "21211")
                .containsEntry("template", "REPORT_RECEIVED").containsEntry("reference", created.reference());
        assertThat((String) failed.get("recipient")).startsWith("+31").endsWith(phone.substring(phone.length() - 2))
                .doesNotContain(phone.substring(4, 10));
        String id = (String) failed.get("id");

        http.get().uri("/api/v1/staff/notifications/{id}", id)
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.attempts[0].outcome").isEqualTo("FAILED")
                .jsonPath("$.attempts[0].httpStatus").isEqualTo(400);

        // The number is fixed (here: Twilio stops refusing it) and the coordinator retries.
        FakeTwilio.server().removeStub(refusal);
        http.post().uri("/api/v1/staff/notifications/{id}/retry", id)
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("PENDING");
        awaitStatus(created.reference(), "SENT");

        http.post().uri("/api/v1/staff/notifications/{id}/retry", id)
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("SENT"));
    }

    /**
     * Issue 10 item 6: Twilio's refusal echoes the full number; the coordinators' list and detail
     * show it masked like the recipient (country code and last two digits).
     */
    @Test
    void aRefusedNumberIsMaskedInTheErrorsCoordinatorsSee() {
        String phone = FakeTwilio.newPhone();
        FakeTwilio.failFor(phone, 400, 21211, "Invalid 'To' Phone Number: " + phone);
        Created created = file(phone, null, "nl");
        awaitStatus(created.reference(), "FAILED");
        String whole = phone.substring(3, phone.length() - 2);

        String list = http.get().uri("/api/v1/staff/notifications?status=FAILED&reference={r}", created.reference())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains("Invalid 'To' Phone Number: +31").doesNotContain(whole);
        String id = db.sql("select id from notification where reference = :r and template = 'REPORT_RECEIVED'")
                .bind("r", created.reference()).map((r, m) -> r.get("id", UUID.class)).one().block().toString();
        String detail = http.get().uri("/api/v1/staff/notifications/{id}", id)
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(detail).contains("21211").doesNotContain(whole);
    }

    @Test
    void theNotificationsEndpointIsForCoordinatorsAndValidatesItsInput() {
        http.get().uri("/api/v1/staff/notifications").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/v1/staff/notifications")
                .headers(h -> h.setBasicAuth(VOLUNTEER, VOLUNTEER_PASSWORD)).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/api/v1/staff/notifications?status=LOST&limit=0")
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'status')]").exists()
                .jsonPath("$.errors[?(@.field == 'limit')]").exists();
        http.get().uri("/api/v1/staff/notifications/not-a-uuid")
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isBadRequest();
        http.get().uri("/api/v1/staff/notifications/{id}", UUID.randomUUID())
                .headers(h -> h.setBasicAuth(TestAccounts.COORDINATOR, TestAccounts.PASSWORD)).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.title").isEqualTo("Bericht niet gevonden");
    }

    @Test
    void theHealthEndpointSaysHowTextsAreDelivered() {
        // The components are for a logged-in coordinator only (issue 10 item 18).
        http.get().uri("/actuator/health").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.notifier.status").isEqualTo("UP")
                .jsonPath("$.components.notifier.details.smsMode").isEqualTo("REAL")
                .jsonPath("$.components.notifier.details.emailMode").isEqualTo("LOG_ONLY");
    }

    // --- helpers

    private Created file(String phone, String email, String language) {
        Map<String, Object> contact = new HashMap<>();
        if (phone != null) {
            contact.put("phone", phone);
        }
        if (email != null) {
            contact.put("email", email);
        }
        // "other" waits for the coordinator's triage: no routing message comes between these texts.
        Map<String, Object> body = new HashMap<>(Map.of("category", "other",
                "description", "Lantaarnpaal bij het speelveld is kapot", "address", "Passartweg 30",
                "contact", contact, "language", language));
        String key = "notify-" + UUID.randomUUID();
        Created created = http.post().uri("/api/v1/reports").header("Idempotency-Key", key)
                .header("Accept-Language", language).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        // The same submission again (a retry) is answered with the same report and no new text.
        http.post().uri("/api/v1/reports").header("Idempotency-Key", key).header("Accept-Language", language)
                .bodyValue(body).exchange().expectStatus().isOk();
        return created;
    }

    private long notificationCount(String reference) {
        return db.sql("select count(*) as n from notification where reference = :r").bind("r", reference)
                .map((r, m) -> r.get("n", Long.class)).one().block();
    }

    private String status(String reference) {
        return db.sql("select status from notification where reference = :r and template = 'REPORT_RECEIVED'")
                .bind("r", reference).map((r, m) -> r.get("status", String.class)).one().block();
    }

    /** Waits for the confirmation of the report to reach {@code status}; returns its provider id. */
    private String awaitStatus(String reference, String status) {
        await(() -> status(reference), status::equals, Duration.ofSeconds(10));
        return db.sql("select provider_id from notification where reference = :r and template = 'REPORT_RECEIVED'")
                .bind("r", reference).map((r, m) -> Optional.ofNullable(r.get("provider_id", String.class))).one()
                .block().orElse(null);
    }

    static String sign(String path, MultiValueMap<String, String> form) {
        return TwilioWebhooks.sign(path, form.toSingleValueMap());
    }

}
