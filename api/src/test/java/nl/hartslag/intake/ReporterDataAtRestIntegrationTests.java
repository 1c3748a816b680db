package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.w3c.dom.Element;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 15, the reporter's side of "personal data encrypted at rest": after reports by web (name,
 * number, e-mail, home), by text and by phone, the rows of {@code reporter_contact},
 * {@code sms_conversation} and {@code voice_conversation} as a database dump shows them hold no name,
 * number, e-mail address, home or waiting text in plain; yet the coordinator still sees the contact,
 * STATUS and VERWIJDER by text still find the sender's report, and households still count.
 */
@IntegrationTest
class ReporterDataAtRestIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };
    private static final Pattern REFERENCE = Pattern.compile("HS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}");

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    PersonalData sealed;

    @Test
    void aWebReportsContactIsSealedYetTheCoordinatorSeesItAndHouseholdsStillCount() {
        String phone = FakeTwilio.newPhone();
        String name = "Wendelien Vogelaar";
        String email = "w.vogelaar." + phone.substring(5) + "@example.nl";
        Reports reports = new Reports(http, db);
        Map<String, Object> first = Reports.report("noise",
                "Elke zaterdag om zeven uur 's ochtends een bladblazer die een uur lang loeit", "Laurierstraat 33",
                Map.of("name", name, "phone", phone, "email", email));
        first.put("home", "Ligusterstraat 17");
        Created created = reports.file(first);
        UUID cluster = reports.clusterOf(created.reference());

        // What a dump of the table shows: none of it in plain, and no way to find it but the keyed hash.
        String row = reporterContactRow(created.reference());
        assertThat(row).doesNotContain(name, "Vogelaar", email, "vogelaar", "Ligusterstraat", phone,
                phone.substring(3));
        assertThat(everything("reporter_contact")).doesNotContain(name, email, phone, "Ligusterstraat 17");
        assertThat(row).contains(sealed.phoneLookup(phone), sealed.emailLookup(email.toUpperCase()));

        // The coordinator opens it, whole.
        Map<String, Object> staff = http.get().uri("/api/v1/staff/reports/{r}", created.reference())
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk().expectBody(OBJECT)
                .returnResult().getResponseBody();
        assertThat(staff.get("contact")).isEqualTo(Map.of("name", name, "phone", phone, "email", email,
                "home", "Ligusterstraat 17"));

        // The same number typed as people do is the same household; another number is a second one.
        Map<String, Object> again = Reports.report("noise",
                "Weer die bladblazer om zeven uur op zaterdag, een uur lang herrie", "Laurierstraat 33",
                Map.of("phone", "0" + phone.substring(3, 4) + " " + phone.substring(4)));
        assertThat(reports.fileAndMatch(again)).isEqualTo(cluster);
        Map<String, Object> neighbour = Reports.report("noise",
                "Bladblazer op zaterdagochtend om zeven uur, een uur lang lawaai", "Laurierstraat 35",
                Reports.contact(FakeTwilio.newPhone(), null));
        assertThat(reports.fileAndMatch(neighbour)).isEqualTo(cluster);
        Map<String, Object> counts = TwilioWebhooks.await(() -> clusterCounts(cluster),
                c -> ((Number) c.get("report_count")).intValue() == 3, Duration.ofSeconds(10));
        assertThat(counts).containsEntry("report_count", 3).containsEntry("household_count", 2)
                .containsEntry("anonymous_count", 0);
    }

    @Test
    void aTextReportIsSealedWhileItWaitsAndAfterwardsAndStatusAndVerwijderStillFindIt() {
        String phone = FakeTwilio.newPhone();
        String words = "Meeuwen scheuren elke ochtend de vuilniszakken open, overal ligt afval";

        assertThat(text(phone, words)).isEqualTo("Waar is het? Stuur de straat en het huisnummer.");
        // Waiting for its place: the number and the words only sealed, found by the number's hash.
        String waiting = db.sql("select t::text as t from sms_conversation t where phone_hash = :h")
                .bind("h", sealed.phoneLookup(phone)).map(r -> r.get("t", String.class)).one().block();
        assertThat(waiting).doesNotContain(phone, phone.substring(3), "Meeuwen", "vuilniszakken");
        assertThat(everything("sms_conversation")).doesNotContain(phone, words);

        String reference = reference(text(phone, "Laurierstraat 44"));
        assertThat(reporterContactRow(reference)).doesNotContain(phone, phone.substring(3))
                .contains(sealed.phoneLookup(phone));
        assertThat(count("select count(*) as n from sms_conversation where phone_hash = :h",
                sealed.phoneLookup(phone))).isZero();

        // STATUS and VERWIJDER find the sender's report by the hash of the number.
        assertThat(text(phone, "STATUS " + reference)).contains(reference).doesNotContain("We vinden geen melding");
        assertThat(text(FakeTwilio.newPhone(), "STATUS " + reference)).contains("We vinden geen melding");
        assertThat(text(phone, "VERWIJDER " + reference)).contains(reference)
                .doesNotContain("We vinden geen melding");
        assertThat(count("select count(*) as n from reporter_contact where phone_hash = :h",
                sealed.phoneLookup(phone))).isZero();
        assertThat(text(phone, "STATUS " + reference)).contains("We vinden geen melding " + reference);
    }

    @Test
    void aCallersNumberIsSealedDuringTheCallAndInTheReport() {
        String phone = FakeTwilio.newPhone();
        String sid = TwilioWebhooks.callSid();
        TwiML welcome = call(sid, phone, "/twilio/voice", Map.of());
        TwiML describe = call(sid, phone, welcome.nextStep(), Map.of("Digits", "1"));
        TwiML readBack = call(sid, phone, describe.nextStep(), Map.of("SpeechResult",
                "Meeuwen maken elke ochtend de vuilniszakken kapot bij Laurierstraat 46", "Confidence", "0.9"));

        // Between their words and their "1 = klopt": the number only sealed, found by its hash.
        String during = db.sql("select t::text as t from voice_conversation t where call_sid = :s").bind("s", sid)
                .map(r -> r.get("t", String.class)).one().block();
        assertThat(during).doesNotContain(phone, phone.substring(3)).contains(sealed.phoneLookup(phone));
        assertThat(everything("voice_conversation")).doesNotContain(phone);

        TwiML stored = call(sid, phone, readBack.nextStep(), Map.of("Digits", "1"));
        List<Element> spelled = stored.all("say-as");
        String reference = spelled.subList(0, 3).stream().map(Element::getTextContent)
                .collect(Collectors.joining("-"));
        assertThat(reporterContactRow(reference)).doesNotContain(phone, phone.substring(3))
                .contains(sealed.phoneLookup(phone));
        // The caller can ask its status by text from the same number.
        assertThat(text(phone, "STATUS " + reference)).contains(reference).doesNotContain("We vinden geen melding");
    }

    private String reporterContactRow(String reference) {
        return db.sql("select c::text as c from reporter_contact c join report r on r.reporter_contact_id = c.id"
                + " where r.reference = :r").bind("r", reference).map(r -> r.get("c", String.class)).one().block();
    }

    /** The whole table as a dump would show it. */
    private String everything(String table) {
        return db.sql("select coalesce(string_agg(t::text, E'\\n'), '') as t from " + table + " t")
                .map(r -> r.get("t", String.class)).one().block();
    }

    private Map<String, Object> clusterCounts(UUID cluster) {
        return db.sql("select report_count, household_count, anonymous_count from cluster where id = :c")
                .bind("c", cluster).fetch().one().block();
    }

    private long count(String sql, String value) {
        return db.sql(sql).bind("h", value).map(r -> r.get("n", Long.class)).one().block();
    }

    private String text(String phone, String body) {
        String xml = TwilioWebhooks.post(http, "/twilio/sms", TwilioWebhooks.textForm(phone,
                TwilioWebhooks.messageSid(), body)).expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        return TwiML.parse(xml).message();
    }

    private TwiML call(String sid, String phone, String pathAndQuery, Map<String, String> input) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("CallSid", sid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", phone);
        form.put("To", FakeTwilio.SENDER);
        form.put("CallStatus", "in-progress");
        form.putAll(input);
        return TwiML.parse(TwilioWebhooks.post(http, pathAndQuery, form).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static String reference(String message) {
        Matcher m = REFERENCE.matcher(message);
        assertThat(m.find()).as("a reference in '%s'", message).isTrue();
        return m.group();
    }
}
