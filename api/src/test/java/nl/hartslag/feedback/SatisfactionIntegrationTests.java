package nl.hartslag.feedback;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Closing the loop end to end: the one "Bent u tevreden?" text when a report is first solved or
 * closed, the answer by text and on the status page, and what a coordinator sees of it.
 */
@IntegrationTest
class SatisfactionIntegrationTests {

    private static final String QUESTION = "Bent u tevreden over hoe uw melding ";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void theStatusPageAnswerIsStoredReopensTheReportAndShowsInTheCoordinatorsView() {
        String phone = FakeTwilio.newPhone();
        // "other" waits for the coordinator's triage: nothing else moves the report while this test does.
        Created report = Reports.file(http, "other", "Er staat al weken een kapotte fiets vastgeketend aan het hek",
                "Terhoevenderweg 67", Reports.contact(phone, null));

        // Before it is solved there is nothing to answer about.
        question(report).jsonPath("$.askable").isEqualTo(false);
        feedback(report, report.trackingToken(), Map.of("satisfied", true)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").value(String.class, t -> assertThat(t).endsWith("feedback-not-yet"));

        resolve(report, "De fiets is weggehaald.");
        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone),
                t -> t.stream().anyMatch(m -> m.get("Body").startsWith(QUESTION))
                        && t.stream().anyMatch(m -> m.get("Body").contains("is opgelost")), Duration.ofSeconds(10));
        assertThat(texts).extracting(m -> m.get("Body")).contains(
                "Uw melding " + report.reference() + " is opgelost. De fiets is weggehaald. Niet opgelost? Stuur NIET"
                        + " OPGELOST " + report.reference(),
                QUESTION + report.reference() + " is opgepakt? Antwoord TEVREDEN of NIET TEVREDEN, met een reden als"
                        + " u wilt.");
        question(report).jsonPath("$.askable").isEqualTo(true).jsonPath("$.feedback").doesNotExist();

        // A wrong token is an unknown report; a reason over 500 characters is refused on its field.
        feedback(report, "wrong-token-0123456789", Map.of("satisfied", false)).expectStatus().isNotFound();
        feedback(report, report.trackingToken(), Map.of("satisfied", false, "reason", "x".repeat(501)))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        feedback(report, report.trackingToken(), Map.of("reason", "geen keuze")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("satisfied");

        feedback(report, report.trackingToken(), Map.of("satisfied", false, "reason", "Er staat nu een tweede fiets"))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.outcome").isEqualTo("REOPENED")
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.feedback.satisfied").isEqualTo(false)
                .jsonPath("$.feedback.reason").isEqualTo("Er staat nu een tweede fiets");
        // One answer per report: the first stays.
        feedback(report, report.trackingToken(), Map.of("satisfied", true)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").value(String.class, t -> assertThat(t).endsWith("feedback-given"));

        http.get().uri("/api/v1/staff/reports/{r}", report.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.feedback.satisfied").isEqualTo(false)
                .jsonPath("$.feedback.reason").isEqualTo("Er staat nu een tweede fiets")
                .jsonPath("$.feedback.channel").isEqualTo("web")
                .jsonPath("$.feedback.answeredAt").exists();
        assertThat(dissatisfied()).contains(report.reference());
        http.get().uri("/api/v1/staff/reports/feedback/counts").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.category == 'other')].dissatisfied").value(List.class,
                        n -> assertThat(((Number) n.get(0)).longValue()).isPositive());
        // Answers are the coordinators' (a resident's words): not for anyone without a login.
        http.get().uri("/api/v1/staff/reports/feedback").exchange().expectStatus().isUnauthorized();

        // Solved a second time: the question is not asked again (one per report, through the outbox).
        resolve(report, "Ook de tweede fiets is weg.");
        await(() -> FakeTwilio.textsTo(phone), t -> t.stream().anyMatch(m -> m.get("Body").contains("tweede fiets")),
                Duration.ofSeconds(10));
        assertThat(count("select count(*) as n from notification where reference = :r"
                + " and template = 'SATISFACTION_QUESTION'", report.reference())).isEqualTo(1);
        assertThat(FakeTwilio.textsTo(phone)).filteredOn(m -> m.get("Body").startsWith(QUESTION)).hasSize(1);
        question(report).jsonPath("$.askable").isEqualTo(false).jsonPath("$.feedback.satisfied").isEqualTo(false);
    }

    @Test
    void anAnswerByTextIsStoredForTheLatestReportThatAskedAndConfirmed() {
        String phone = FakeTwilio.newPhone();
        Created report = Reports.file(http, "other", "Het zitje bij de vijver wiebelt en er steken spijkers uit",
                "Terhoevenderweg 69", Reports.contact(phone, null));
        resolve(report, null);
        await(() -> FakeTwilio.textsTo(phone), t -> t.stream().anyMatch(m -> m.get("Body").startsWith(QUESTION)),
                Duration.ofSeconds(10));

        String reply = TwilioWebhooks.text(http, phone, "Tevreden, snel geregeld");
        assertThat(reply).contains("Dank u voor uw antwoord over melding " + report.reference());
        http.get().uri("/api/v1/staff/reports/{r}", report.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.feedback.satisfied").isEqualTo(true)
                .jsonPath("$.feedback.reason").isEqualTo("snel geregeld")
                .jsonPath("$.feedback.channel").isEqualTo("sms");
        // The status page shows the answer and asks no more.
        question(report).jsonPath("$.askable").isEqualTo(false).jsonPath("$.feedback.satisfied").isEqualTo(true);

        assertThat(TwilioWebhooks.text(http, phone, "NIET TEVREDEN")).contains("U hebt al geantwoord over melding "
                + report.reference());
        // Another number cannot answer for this report by naming it.
        assertThat(TwilioWebhooks.text(http, FakeTwilio.newPhone(), "NIET TEVREDEN " + report.reference()))
                .contains("We vinden geen melding " + report.reference());
    }

    @Test
    void notSatisfiedByTextFlagsAClosedReportAndNietOpgelostOnAClosedReportIsKeptAsAnObjection() {
        String phone = FakeTwilio.newPhone();
        Created first = Reports.file(http, "other", "Een omgevallen paaltje ligt al dagen midden op het fietspad",
                "Terhoevenderweg 71", Reports.contact(phone, null));
        close(first, "Dit is doorgegeven aan de gemeente.");
        await(() -> FakeTwilio.textsTo(phone), t -> t.stream().anyMatch(m -> m.get("Body").startsWith(QUESTION)),
                Duration.ofSeconds(10));
        assertThat(FakeTwilio.textsTo(phone)).extracting(m -> m.get("Body")).anyMatch(b -> b.contains("is afgesloten")
                && b.endsWith("Niet opgelost? Stuur NIET OPGELOST " + first.reference()));

        assertThat(TwilioWebhooks.text(http, phone, "niet tevreden " + first.reference() + " niemand heeft gekeken"))
                .contains("Jammer dat u niet tevreden bent over melding " + first.reference());
        assertThat(dissatisfied()).contains(first.reference());

        Created second = Reports.file(http, "other", "Het abri van de bushalte heeft een gebarsten ruit",
                "Terhoevenderweg 73", Reports.contact(phone, null));
        close(second, null);
        assertThat(TwilioWebhooks.text(http, phone, "NIET OPGELOST " + second.reference()))
                .contains("Jammer dat u niet tevreden bent over melding " + second.reference());
        http.get().uri("/api/v1/staff/reports/{r}", second.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLOSED")
                .jsonPath("$.feedback.satisfied").isEqualTo(false)
                .jsonPath("$.feedback.reason").isEqualTo("NIET OPGELOST")
                .jsonPath("$.feedback.channel").isEqualTo("sms");
    }

    @Test
    void notSatisfiedByTextReopensASolvedReportAndAReopenedReportIsNotAnsweredAbout() {
        String phone = FakeTwilio.newPhone();
        Created first = Reports.file(http, "other", "Het hek van het speelveld staat open en de klink is afgebroken",
                "Terhoevenderweg 81", Reports.contact(phone, null));
        resolve(first, null);
        assertThat(TwilioWebhooks.text(http, phone, "NIET TEVREDEN de klink is nog steeds kapot"))
                .contains("Melding " + first.reference() + " is weer in behandeling");
        http.get().uri("/api/v1/staff/reports/{r}", first.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.feedback.reason").isEqualTo("de klink is nog steeds kapot");

        Created second = Reports.file(http, "other", "Bij het trapveldje ligt een kapotte glazen fles in het gras",
                "Terhoevenderweg 83", Reports.contact(phone, null));
        resolve(second, null);
        assertThat(TwilioWebhooks.text(http, phone, "NIET OPGELOST " + second.reference()))
                .contains("weer in behandeling");
        // The latest report that asked is back in progress: a "tevreden" now is no answer, and no new report.
        assertThat(TwilioWebhooks.text(http, phone, "Tevreden"))
                .contains("Melding " + second.reference() + " is nog niet opgelost");
        assertThat(count("select count(*) as n from report r join reporter_contact c on c.id = r.reporter_contact_id"
                + " where c.phone_hash = :r", sealed.phoneLookup(phone))).isEqualTo(2);
    }

    @Test
    void aNumberThatWasNeverAskedSendsAReportThatStartsWithTheWord() {
        String phone = FakeTwilio.newPhone();
        String reply = TwilioWebhooks.text(http, phone,
                "Niet tevreden over de geluidsoverlast van de bouwplaats aan de Terhoevenderweg 75, elke ochtend om zes uur");
        assertThat(reply).contains("HS-");
        assertThat(count("select count(*) as n from report r join reporter_contact c on c.id = r.reporter_contact_id"
                + " where c.phone_hash = :r", sealed.phoneLookup(phone))).isEqualTo(1);
    }

    @Test
    void aWorryAboutAHouseholdIsNeverAskedByTextNorOnItsPage() {
        String phone = FakeTwilio.newPhone();
        Created worry = Reports.file(http, "domestic", "Bij de buren hoor ik 's avonds vaak geschreeuw en huilende kinderen",
                "Terhoevenderweg 77", Reports.contact(phone, null));
        resolve(worry, "Wij hebben contact gehad met de hulpverlening.");
        await(() -> FakeTwilio.textsTo(phone), t -> t.stream().anyMatch(m -> m.get("Body").contains("is opgelost")),
                Duration.ofSeconds(10));
        assertThat(count("select count(*) as n from notification where reference = :r"
                + " and template = 'SATISFACTION_QUESTION'", worry.reference())).isZero();
        question(worry).jsonPath("$.askable").isEqualTo(false);
    }

    @Test
    void aNumberThatOptedOutIsNotAsked() {
        String phone = FakeTwilio.newPhone();
        Created report = Reports.file(http, "other", "Er hangt een losse tak boven het speelveldje na de storm",
                "Terhoevenderweg 79", Reports.contact(phone, null));
        TwilioWebhooks.text(http, phone, "STOP");
        resolve(report, null);
        assertThat(count("select count(*) as n from notification where reference = :r"
                + " and template = 'STATUS_RESOLVED'", report.reference())).isEqualTo(1);
        assertThat(count("select count(*) as n from notification where reference = :r"
                + " and template = 'SATISFACTION_QUESTION'", report.reference())).isZero();
    }

    private void resolve(Created report, String note) {
        move(report, "RESOLVED", note);
    }

    private void close(Created report, String note) {
        move(report, "CLOSED", note);
    }

    private void move(Created report, String status, String note) {
        Map<String, Object> body = note == null ? Map.of("status", status) : Map.of("status", status, "publicNote", note);
        http.post().uri("/api/v1/staff/reports/{r}/status", report.reference()).headers(TestAccounts::asCoordinator)
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec feedback(Created report, String token, Map<String, Object> body) {
        return http.post().uri("/api/v1/reports/{r}/feedback?token={t}", report.reference(), token)
                .header("Accept-Language", "nl").bodyValue(body).exchange();
    }

    private WebTestClient.BodyContentSpec question(Created report) {
        return http.get().uri("/api/v1/reports/{r}/feedback?token={t}", report.reference(), report.trackingToken())
                .exchange().expectStatus().isOk().expectBody();
    }

    private List<String> dissatisfied() {
        return http.get().uri("/api/v1/staff/reports/feedback?satisfied=false&limit=500")
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).returnResult().getResponseBody().stream().map(m -> (String) m.get("reference")).toList();
    }

    private long count(String sql, String parameter) {
        return db.sql(sql).bind("r", parameter).map((row, meta) -> row.get("n", Long.class)).one().block();
    }
}
