package nl.hartslag.intake;

import static nl.hartslag.support.TwilioWebhooks.await;
import static nl.hartslag.support.TwilioWebhooks.messageSid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Texts to our number through the signed {@code /twilio/sms} webhook, over real HTTP, on embedded
 * PostgreSQL, with WireMock as Twilio's REST API for what goes out through the outbox.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SmsIntakeIntegrationTests {

    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Autowired
    nl.hartslag.db.crypto.PersonalData personalData;

    @Autowired
    ConversationSweeper sweeper;

    @Test
    void aSignedTextNamingAStreetAndNumberBecomesAnSmsReportAndTheReplyGivesItsReference(CapturedOutput output) {
        String phone = FakeTwilio.newPhone();
        String sid = messageSid();
        String body = "Er ligt een berg grofvuil en vuilniszakken bij Passartweg 14";

        TwiML reply = text(phone, sid, body);

        String reference = reference(reply.message());
        assertThat(reply.message()).isEqualTo("Bedankt. Uw melding is " + reference
                + ". U krijgt een sms als er iets verandert. Spoed? Bel 112.");
        Map<String, Object> stored = report(reference);
        assertThat(stored).containsEntry("channel", "sms").containsEntry("category_code", "dumping")
                .containsEntry("street", "Passartweg").containsEntry("house_number", "14")
                .containsEntry("description", body).containsEntry("place_known", true)
                .containsEntry("language", "nl").containsEntry("idempotency_key", "sms:" + sid);
        assertThat(contactPhone(reference)).contains(phone);
        // Matched like a web report.
        assertThat(await(() -> clusterOf(reference), Optional::isPresent, Duration.ofSeconds(10))).isPresent();
        // The reply carries the reference: no confirmation text through the outbox (routing's "in behandeling" may follow).
        assertThat(count("select count(*) as n from notification where reference = :v and template = 'REPORT_RECEIVED'",
                reference)).isZero();
        // The reporter's number and words stay out of the logs.
        assertThat(output.getAll()).doesNotContain(phone).doesNotContain(phone.substring(1))
                .doesNotContain("grofvuil en vuilniszakken");
    }

    @Test
    void anUnsignedOrWronglySignedTextIsRefusedWith403AndNothingIsStored() {
        String phone = FakeTwilio.newPhone();
        String sid = messageSid();
        Map<String, String> form = form(phone, sid, "Herrie bij Passartweg 14");

        TwilioWebhooks.postUnsigned(http, "/twilio/sms", form, null).expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        TwilioWebhooks.postUnsigned(http, "/twilio/sms", form, TwilioWebhooks.sign("/twilio/sms?x=1", form))
                .expectStatus().isForbidden();
        Map<String, String> tampered = new LinkedHashMap<>(form);
        tampered.put("Body", "Herrie bij Passartweg 28");
        TwilioWebhooks.postUnsigned(http, "/twilio/sms", tampered, TwilioWebhooks.sign("/twilio/sms", form))
                .expectStatus().isForbidden();

        assertThat(count("select count(*) as n from report where idempotency_key = :v", "sms:" + sid)).isZero();
        assertThat(count("select count(*) as n from sms_conversation where phone_hash = :v", sealed.phoneLookup(phone))).isZero();
    }

    @Test
    void aTextWithoutAPlaceIsAskedWhereOnceAndTheNextTextCompletesTheReport() {
        String phone = FakeTwilio.newPhone();
        String first = messageSid();

        TwiML question = text(phone, first, "De lantaarnpaal is al een week kapot, het is heel donker");
        assertThat(question.message()).isEqualTo("Waar is het? Stuur de straat en het huisnummer.");
        assertThat(count("select count(*) as n from report where idempotency_key = :v", "sms:" + first)).isZero();
        assertThat(count("select count(*) as n from sms_conversation where phone_hash = :v", sealed.phoneLookup(phone))).isOne();
        // Twilio repeating the first message gets the same question, not a second one stored.
        assertThat(text(phone, first, "De lantaarnpaal is al een week kapot, het is heel donker").message())
                .isEqualTo("Waar is het? Stuur de straat en het huisnummer.");

        TwiML answer = text(phone, messageSid(), "passartweg 28");

        String reference = reference(answer.message());
        assertThat(answer.message()).startsWith("Bedankt. Uw melding is " + reference);
        Map<String, Object> stored = report(reference);
        assertThat(stored).containsEntry("category_code", "public_lighting").containsEntry("street", "Passartweg")
                .containsEntry("house_number", "28").containsEntry("place_known", true)
                .containsEntry("description", "De lantaarnpaal is al een week kapot, het is heel donker\npassartweg 28");
        assertThat(count("select count(*) as n from sms_conversation where phone_hash = :v", sealed.phoneLookup(phone))).isZero();
    }

    @Test
    void anAnswerThatStillNamesNoPlaceIsStoredAnywayWithAnUnknownPlace() {
        String phone = FakeTwilio.newPhone();
        text(phone, messageSid(), "Al weken last van blaffende honden");

        TwiML answer = text(phone, messageSid(), "weet ik niet precies");

        String reference = reference(answer.message());
        assertThat(answer.message()).contains("We weten nog niet precies waar het is");
        assertThat(report(reference)).containsEntry("place_known", false).containsEntry("category_code", "animal");
        // The engine is not told the area's middle is the place: the report stays matchable by its words only.
        assertThat(await(() -> clusterOf(reference), Optional::isPresent, Duration.ofSeconds(10))).isPresent();
    }

    /** A corner or "the garages behind X-straat" says where: the resident is not asked for a house number. */
    @Test
    void aTextNamingACornerOrAKindOfLandmarkAtAStreetIsStoredAtOnce() {
        String corner = "Er staat een bankstel en een matras op de hoek Lindestraat/Populierstraat";
        TwiML first = text(FakeTwilio.newPhone(), messageSid(), corner);
        Map<String, Object> atCorner = report(reference(first.message()));
        assertThat(first.message()).startsWith("Bedankt. Uw melding is ");
        assertThat(atCorner).containsEntry("place_known", true).containsEntry("category_code", "dumping");
        assertThat(List.of("Lindestraat", "Populierstraat")).contains((String) atCorner.get("street"));

        String garages = "Elke avond wordt er gedeald bij de garages achter de Lindestraat";
        TwiML second = text(FakeTwilio.newPhone(), messageSid(), garages);
        assertThat(second.message()).startsWith("Bedankt. Uw melding is ");
        assertThat(report(reference(second.message()))).containsEntry("place_known", true)
                .containsEntry("street", "Lindestraat").containsEntry("address_text", "garages bij de Lindestraat");
    }

    @Test
    void aTextNobodyAnsweredBecomesAReportAfterTheWindowAndItsReferenceGoesOutByText() {
        String phone = FakeTwilio.newPhone();
        String sid = messageSid();
        text(phone, sid, "Er wordt elke avond gedeald in het portiek");
        db.sql("update sms_conversation set asked_at = now() - interval '31 minutes' where phone_hash = :p")
                .bind("p", sealed.phoneLookup(phone)).then().block();

        sweeper.sweep().block();

        Map<String, Object> stored = db.sql("select reference, category_code, place_known from report"
                + " where idempotency_key = :k").bind("k", "sms:" + sid).fetch().one().block();
        assertThat(stored).containsEntry("category_code", "drugs").containsEntry("place_known", false);
        String reference = (String) stored.get("reference");
        // The confirmation, once (routing may add "in behandeling" after it).
        List<String> confirmations = await(() -> FakeTwilio.textsTo(phone).stream().map(t -> t.get("Body"))
                .filter(body -> body.startsWith("Bedankt.")).toList(), t -> !t.isEmpty(), Duration.ofSeconds(10));
        assertThat(confirmations).singleElement().satisfies(body -> assertThat(body).contains(reference)
                .contains("Bel 112"));
        assertThat(count("select count(*) as n from sms_conversation where phone_hash = :v", sealed.phoneLookup(phone))).isZero();
        // A second sweep finds nothing more to do.
        assertThat(count("select count(*) as n from report where idempotency_key = :v", "sms:" + sid)).isOne();
    }

    @Test
    void twilioRepeatingAWebhookGetsTheSameReferenceAndOneReport() {
        String phone = FakeTwilio.newPhone();
        String sid = messageSid();
        String first = reference(text(phone, sid, "Harde muziek bij Passartweg 30").message());
        String again = reference(text(phone, sid, "Harde muziek bij Passartweg 30").message());
        assertThat(again).isEqualTo(first);
        assertThat(count("select count(*) as n from report where idempotency_key = :v", "sms:" + sid)).isOne();
    }

    @Test
    void anEnglishTextGetsAnEnglishReply() {
        String phone = FakeTwilio.newPhone();
        TwiML reply = text(phone, messageSid(), "There is a lot of rubbish dumped on the street at Passartweg 40");
        String reference = reference(reply.message());
        assertThat(reply.message()).isEqualTo("Thank you. Your report is " + reference
                + ". We will text you when something changes. Emergency? Call 112.");
        assertThat(report(reference)).containsEntry("language", "en").containsEntry("category_code", "dumping");

        assertThat(text(phone, messageSid(), "Where is the help").message()).isEqualTo(
                "Where is it? Send the street and house number.");
    }

    @Test
    void photosSentWithATextAreKeptWithTheReportByUrl() {
        String phone = FakeTwilio.newPhone();
        Map<String, String> form = form(phone, messageSid(), "Bank kapotgemaakt bij Passartweg 14");
        form.put("NumMedia", "2");
        form.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
        form.put("MediaContentType0", "image/jpeg");
        form.put("MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2");
        form.put("MediaContentType1", "image/png");

        String reference = reference(twiml(TwilioWebhooks.post(http, "/twilio/sms", form)).message());

        List<Map<String, Object>> photos = db.sql("select p.position, p.url, p.content_type from report_photo p"
                + " join report r on r.id = p.report_id where r.reference = :r order by p.position")
                .bind("r", reference).fetch().all().collectList().block();
        assertThat(photos).extracting(p -> p.get("url")).containsExactly(form.get("MediaUrl0"), form.get("MediaUrl1"));
        assertThat(photos).extracting(p -> p.get("content_type")).containsExactly("image/jpeg", "image/png");
        assertThat(report(reference)).containsEntry("category_code", "vandalism");
    }

    @Test
    void stopAndItsSynonymsOptOutAndStartOptsBackIn() {
        String phone = FakeTwilio.newPhone();
        assertThat(text(phone, messageSid(), "STOP").message())
                .isEqualTo("U krijgt geen sms meer van Hartslag. Wilt u weer sms krijgen? Stuur START.");
        assertThat(optedOut(phone)).isTrue();
        assertThat(text(phone, messageSid(), "start").message())
                .isEqualTo("U krijgt weer sms van Hartslag over uw meldingen. Stoppen? Stuur STOP.");
        assertThat(optedOut(phone)).isFalse();

        for (String keyword : List.of("afmelden", "Stop.", "STOPALL", "unsubscribe", "Cancel", "END", "quit")) {
            String other = FakeTwilio.newPhone();
            TwiML reply = text(other, messageSid(), keyword);
            assertThat(reply.message()).as(keyword).containsAnyOf("geen sms meer", "no more texts");
            assertThat(optedOut(other)).as(keyword).isTrue();
            assertThat(text(other, messageSid(), "AANMELDEN").message()).contains("weer sms");
            assertThat(optedOut(other)).as(keyword).isFalse();
        }
        // "stop" inside a sentence is a report, not an opt-out.
        String reporter = FakeTwilio.newPhone();
        assertThat(text(reporter, messageSid(), "stop met die herrie bij Passartweg 14").message()).startsWith("Bedankt.");
        assertThat(optedOut(reporter)).isFalse();
    }

    @Test
    void aStoppedNumberGetsNoStatusTextsUntilItSendsStart() {
        String phone = FakeTwilio.newPhone();
        text(phone, messageSid(), "STOP");
        // Noise waits for the coordinator (drugs would be routed, and "in behandeling" sent, by the rule).
        String reference = reference(text(phone, messageSid(), "Harde muziek bij Passartweg 14").message());
        http.post().uri("/api/v1/staff/reports/{r}/status", reference)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .bodyValue(Map.of("status", "IN_PROGRESS", "publicNote", "De wijkagent kijkt ernaar."))
                .exchange().expectStatus().isOk();
        String state = await(() -> notificationStatus(reference), s -> s.equals("SUPPRESSED"), Duration.ofSeconds(10));
        assertThat(state).isEqualTo("SUPPRESSED");
        assertThat(FakeTwilio.textsTo(phone)).isEmpty();
    }

    @Test
    void helpAndInfoSayWhatTheNumberIsFor() {
        for (String keyword : List.of("HELP", "info", "Info.")) {
            assertThat(text(FakeTwilio.newPhone(), messageSid(), keyword).message()).as(keyword)
                    .startsWith("Hartslag Passart: meld overlast in uw buurt.").contains("STOP").contains("Bel 112");
        }
        assertThat(text(FakeTwilio.newPhone(), messageSid(), "   ").message()).startsWith("Hartslag Passart");
    }

    @Test
    void statusGivesTheCurrentStatusOnlyToTheNumberThatMadeTheReport() {
        String phone = FakeTwilio.newPhone();
        // Noise waits for the coordinator's triage, so the coordinator moves it on by hand below.
        String reference = reference(text(phone, messageSid(), "Elke avond harde muziek bij Passartweg 28").message());

        assertThat(text(phone, messageSid(), "STATUS " + reference).message())
                .isEqualTo("Melding " + reference + ": ontvangen.");
        assertThat(text(phone, messageSid(), "status " + reference.toLowerCase().replace("-", "")).message())
                .isEqualTo("Melding " + reference + ": ontvangen.");
        http.post().uri("/api/v1/staff/reports/{r}/status", reference)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .bodyValue(Map.of("status", "IN_PROGRESS")).exchange().expectStatus().isOk();
        assertThat(text(phone, messageSid(), "Status: " + reference).message())
                .isEqualTo("Melding " + reference + ": in behandeling.");

        // Somebody else who knows (or guesses) the reference learns nothing.
        assertThat(text(FakeTwilio.newPhone(), messageSid(), "STATUS " + reference).message())
                .isEqualTo("We vinden geen melding " + reference + " van dit telefoonnummer. Klopt het nummer?");
        assertThat(text(phone, messageSid(), "STATUS").message()).startsWith("Stuur STATUS en uw meldingnummer.");
        assertThat(text(phone, messageSid(), "status HS-ZZZZ").message()).contains("We vinden geen melding");
    }

    @Test
    void aVolunteersJaOrNeeIsStoredAndAnsweredByTheCaseWorkflow() {
        String volunteerPhone = FakeTwilio.newPhone();
        UUID volunteer = UUID.randomUUID();
        db.sql("insert into volunteer (id, name_sealed, phone_sealed, phone_hash, street_sealed)"
                + " values (:id, :name, :p, :hash, :street)")
                .bind("id", volunteer).bind("name", personalData.seal("Vera Vrijwilliger"))
                .bind("p", personalData.seal(volunteerPhone)).bind("hash", personalData.phoneLookup(volunteerPhone))
                .bind("street", personalData.seal("Passartweg")).then().block();
        String sid = messageSid();

        // No case 482 was offered to this volunteer: the answer says so (offers are tested in case work).
        assertThat(text(volunteerPhone, sid, "JA 482").message())
                .isEqualTo("Wij kennen geen aanbod voor zaak 482 aan dit nummer. Klopt het nummer?");
        assertThat(text(volunteerPhone, sid, "JA 482").message()).contains("482");
        assertThat(text(volunteerPhone, messageSid(), "nee 17").message())
                .isEqualTo("Wij kennen geen aanbod voor zaak 17 aan dit nummer. Klopt het nummer?");
        List<Map<String, Object>> replies = db.sql("select answer, case_number from case_offer_reply"
                + " where volunteer_id = :v order by id").bind("v", volunteer).fetch().all().collectList().block();
        assertThat(replies).extracting(r -> r.get("answer") + " " + r.get("case_number"))
                .containsExactly("ACCEPT 482", "DECLINE 17");

        // The same words from a number that is not a volunteer's are neither a report nor a reply.
        String resident = FakeTwilio.newPhone();
        assertThat(text(resident, messageSid(), "JA 482").message()).startsWith("Hartslag Passart");
        assertThat(count("select count(*) as n from report r join reporter_contact c on c.id = r.reporter_contact_id"
                + " where c.phone_hash = :v", sealed.phoneLookup(resident))).isZero();
    }

    @Test
    void aNumberOverItsHourlyLimitGetsAPoliteTextAndNoNewReport() {
        String phone = FakeTwilio.newPhone();
        for (int i = 0; i < 10; i++) {
            assertThat(text(phone, messageSid(), "Herrie bij Passartweg 14, melding " + i).message())
                    .startsWith("Bedankt.");
        }
        TwiML refused = text(phone, messageSid(), "Herrie bij Passartweg 14, nog een keer");
        assertThat(refused.message()).isEqualTo(
                "U hebt het afgelopen uur veel meldingen gestuurd. Probeer het over een uur opnieuw. Spoed? Bel 112.");
        assertThat(count("select count(*) as n from report r join reporter_contact c on c.id = r.reporter_contact_id"
                + " where c.phone_hash = :v", sealed.phoneLookup(phone))).isEqualTo(10);
        // Keywords still work over the limit.
        assertThat(text(phone, messageSid(), "HELP").message()).startsWith("Hartslag Passart");
        // Another number is not affected.
        assertThat(text(FakeTwilio.newPhone(), messageSid(), "Herrie bij Passartweg 14").message()).startsWith("Bedankt.");
    }

    @Test
    void aWebhookWithoutMessageSidOrWithABadMediaUrlGetsAProblemNamingTheField() {
        Map<String, String> form = form(FakeTwilio.newPhone(), messageSid(), "Herrie bij Passartweg 14");
        form.remove("MessageSid");
        form.put("NumMedia", "1");
        form.put("MediaUrl0", "http://example.com/x.jpg");
        TwilioWebhooks.post(http, "/twilio/sms", form).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'MessageSid')]").exists()
                .jsonPath("$.errors[?(@.field == 'MediaUrl0')]").exists();
    }

    @Test
    void aCoordinatorSeesTheTextWithNumberAndPhotosAndCorrectsTheGuessedCategory() {
        String phone = FakeTwilio.newPhone();
        Map<String, String> form = form(phone, messageSid(), "Kijk wat hier weer staat bij Passartweg 30");
        form.put("NumMedia", "1");
        form.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME9");
        form.put("MediaContentType0", "image/jpeg");
        String reference = reference(twiml(TwilioWebhooks.post(http, "/twilio/sms", form)).message());
        assertThat(report(reference)).containsEntry("category_code", "other");

        http.get().uri("/api/v1/staff/reports/{r}", reference)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.channel").isEqualTo("SMS")
                .jsonPath("$.contact.phone").isEqualTo(phone)
                .jsonPath("$.placeKnown").isEqualTo(true)
                .jsonPath("$.photos[0].url").isEqualTo(form.get("MediaUrl0"));

        http.post().uri("/api/v1/staff/reports/{r}/category", reference)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .header("Accept-Language", "nl")
                .bodyValue(Map.of("category", "grofvuil")).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("category")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("grofvuil"));
        http.post().uri("/api/v1/staff/reports/{r}/category", reference)
                .headers(nl.hartslag.support.TestAccounts::asCoordinator)
                .bodyValue(Map.of("category", "dumping")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.category").isEqualTo("dumping");

        assertThat(report(reference)).containsEntry("category_code", "dumping");
        assertThat(db.sql("select actor from report_event e join report r on r.id = e.report_id"
                + " where r.reference = :r and e.message_code = 'report.category.changed'").bind("r", reference)
                .map(row -> row.get("actor", String.class)).all().collectList().block())
                .containsExactly("staff:" + nl.hartslag.support.TestAccounts.COORDINATOR);
        // Nothing is texted about it.
        assertThat(notifications(reference)).isZero();
    }

    // --- helpers

    private TwiML text(String phone, String sid, String body) {
        return twiml(TwilioWebhooks.post(http, "/twilio/sms", form(phone, sid, body)));
    }

    private static TwiML twiml(WebTestClient.ResponseSpec response) {
        String xml = response.expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody(String.class).returnResult().getResponseBody();
        return TwiML.parse(xml);
    }

    private static Map<String, String> form(String phone, String sid, String body) {
        return new LinkedHashMap<>(TwilioWebhooks.textForm(phone, sid, body));
    }

    private static String reference(String message) {
        Matcher m = REFERENCE.matcher(message);
        assertThat(m.find()).as("a reference in '%s'", message).isTrue();
        return m.group();
    }

    private Map<String, Object> report(String reference) {
        return db.sql("select * from report where reference = :r").bind("r", reference).fetch().one().block();
    }

    private Optional<String> contactPhone(String reference) {
        return db.sql("select c.phone_sealed from report r join reporter_contact c on c.id = r.reporter_contact_id"
                + " where r.reference = :r").bind("r", reference)
                .map(row -> Optional.ofNullable(sealed.open(row.get("phone_sealed", String.class)))).one().block();
    }

    private Optional<UUID> clusterOf(String reference) {
        return db.sql("select cluster_id from report where reference = :r").bind("r", reference)
                .map(row -> Optional.ofNullable(row.get("cluster_id", UUID.class))).one().block();
    }

    private long notifications(String reference) {
        return count("select count(*) as n from notification where reference = :v", reference);
    }

    private String notificationStatus(String reference) {
        return db.sql("select status from notification where reference = :r and template = 'STATUS_IN_PROGRESS'")
                .bind("r", reference).map(row -> row.get("status", String.class)).one().defaultIfEmpty("").block();
    }

    private boolean optedOut(String phone) {
        // The list holds the number's lookup hash only (issue 15).
        return count("select count(*) as n from sms_opt_out where phone_hash = :v", personalData.phoneLookup(phone)) > 0;
    }

    private long count(String sql, String value) {
        return db.sql(sql).bind("v", value).map(row -> row.get("n", Long.class)).one().block();
    }
}
