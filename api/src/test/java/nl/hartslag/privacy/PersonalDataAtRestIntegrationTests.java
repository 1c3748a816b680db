package nl.hartslag.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 15's first acceptance check: after a full flow (a web report with name, number, e-mail and
 * home; an SMS report and a half-finished SMS conversation; a phone report; a mediation with two
 * parties, a volunteer and a contact note) a dump of every table in the database holds none of the
 * names, phone numbers (international or national form), e-mail addresses or party addresses that went
 * in, and the search index directory holds no phone number. The services still show them to those
 * who may see them (the coordinator's report view), so the values are sealed, not lost.
 */
@IntegrationTest
class PersonalDataAtRestIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    private static final String PASSWORD = "rust-Pa55word!";

    @Test
    void aDumpOfEveryTableAfterAFullFlowHoldsNoPlainNameNumberOrEmailAddress() throws IOException {
        String webPhone = FakeTwilio.newPhone();
        String suffix = webPhone.substring(webPhone.length() - 6);
        String webName = "Zwaantje Klaverhoning";
        String webEmail = "zwaantje.klaverhoning." + suffix + "@voorbeeld.nl";
        String typed = "Een losse stoeptegel steekt omhoog, iemand is er vanochtend over gestruikeld. Bel me op "
                + national(webPhone) + " of mail " + webEmail;
        Map<String, Object> web = Reports.report("other", typed, "Mijnstraat 9");
        web.put("contact", Map.of("name", webName, "phone", webPhone, "email", webEmail));
        web.put("home", "Mijnstraat 4");
        Created webReport = Reports.file(http, web);

        // An outreach worker's report on a resident's behalf, with the worker's note and the resident's
        // number, and a visit without a report (issue 16): the note and the house number are sealed.
        String outreachPhone = FakeTwilio.newPhone();
        String outreachNote = "Bewoonster Roosje Kraaienest is slecht ter been, dochter komt op dinsdag";
        String outreachLogin = "outreach.rust" + suffix;
        accounts.create(outreachLogin, "Olga Huisbezoek", PASSWORD, EnumSet.of(Role.OUTREACH)).block();
        http.post().uri("/api/v1/staff/outreach/reports").headers(h -> h.setBasicAuth(outreachLogin, PASSWORD))
                .bodyValue(Map.of("address", "Mijnstraat 15", "category", "litter", "description",
                        "Bij de bewoonster waait steeds afval uit de kapotte container in de tuin",
                        "contact", Map.of("via", "PHONE", "phone", outreachPhone), "note", outreachNote))
                .exchange().expectStatus().isCreated();
        Map<String, Object> visit = http.post().uri("/api/v1/staff/outreach/visits")
                .headers(h -> h.setBasicAuth(outreachLogin, PASSWORD))
                .bodyValue(Map.of("address", "Mijnstraat 17", "topics", List.of("general"), "followUp", false))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(visit.get("houseNumber")).isEqualTo("17");
        assertThat(db.sql("select house_number_sealed from outreach_visit where id = :id::uuid")
                .bind("id", visit.get("id")).map(r -> r.get("house_number_sealed", String.class)).one().block())
                .isNotEqualTo("17").doesNotContain("17");

        // An SMS report with a place, and a text still waiting for its place (a conversation).
        String smsPhone = FakeTwilio.newPhone();
        TwilioWebhooks.text(http, smsPhone, "Overal hondenpoep op het grasveld bij de speeltuin, Mijnstraat 12");
        String waitingPhone = FakeTwilio.newPhone();
        TwilioWebhooks.text(http, waitingPhone, "De vuilnisbak bij het bankje puilt al dagen uit");

        // A phone report, confirmed.
        String callerPhone = FakeTwilio.newPhone();
        phoneReport(callerPhone, "Er staat een kapotte fiets al weken tegen de lantaarnpaal in de Mijnstraat 20");

        // A mediation with two parties, a volunteer, a contact note naming a party and a number.
        String partyAPhone = FakeTwilio.newPhone();
        String partyBPhone = FakeTwilio.newPhone();
        String partyAName = "Gerbrand Vossenstaart";
        String partyBName = "Hillegonda Paardenbloem";
        String partyAAddress = "Klinkertstraat 7";
        String partyBAddress = "Klinkertstraat 11";
        Map<String, Object> mediation = http.post().uri("/api/v1/staff/cases/referrals")
                .headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("referredBy", "HOUSING", "description", "Ruzie over een boom die over de erfgrens groeit",
                        "partyA", Map.of("name", partyAName, "phone", partyAPhone, "address", partyAAddress,
                                "street", "Klinkertstraat"),
                        "partyB", Map.of("name", partyBName, "phone", partyBPhone, "address", partyBAddress,
                                "street", "Klinkertstraat")))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        String volunteerPhone = FakeTwilio.newPhone();
        String volunteerName = "Wendelmoet Zilverschoon";
        String volunteerLogin = "vrijwilliger.rust" + suffix;
        accounts.create(volunteerLogin, volunteerName, PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        // Only this volunteer is asked (volunteers of other tests step back, as in CaseWorkIntegrationTests).
        db.sql("update volunteer set active = false").then().block();
        http.post().uri("/api/v1/staff/volunteers").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("name", volunteerName, "phone", volunteerPhone, "street", "Hoofdstraat",
                        "maxOpenCases", 2, "username", volunteerLogin))
                .exchange().expectStatus().isCreated();
        http.post().uri("/api/v1/staff/cases/{id}/offer", mediation.get("id")).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/staff/inbox/offers/{n}/accept", mediation.get("number"))
                .headers(h -> h.setBasicAuth(volunteerLogin, PASSWORD)).exchange().expectStatus().isOk();
        http.post().uri("/api/v1/staff/cases/{id}/contacts", mediation.get("id"))
                .headers(h -> h.setBasicAuth(volunteerLogin, PASSWORD))
                .bodyValue(Map.of("kind", "PARTY_A", "note",
                        "Gebeld met " + partyAName + ", hij is overdag bereikbaar op " + national(partyAPhone)))
                .exchange().expectStatus().isOk();
        // The mediator reads the parties after accepting: sealed, not lost.
        http.get().uri("/api/v1/staff/inbox/cases/{id}", mediation.get("id"))
                .headers(h -> h.setBasicAuth(volunteerLogin, PASSWORD)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.parties[?(@.role == 'A')].phone").isEqualTo(List.of(partyAPhone))
                .jsonPath("$.parties[?(@.role == 'B')].name").isEqualTo(List.of(partyBName));

        // Everyone who was texted has had their text (the outbox rows are written and sent).
        for (String phone : List.of(webPhone, smsPhone, callerPhone, volunteerPhone)) {
            TwilioWebhooks.await(() -> FakeTwilio.textsTo(phone), t -> !t.isEmpty(), Duration.ofSeconds(10));
        }

        // The coordinator still reads them: sealed, not lost.
        http.get().uri("/api/v1/staff/reports/{r}", webReport.reference()).headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.contact.phone").isEqualTo(webPhone)
                .jsonPath("$.contact.email").isEqualTo(webEmail)
                .jsonPath("$.contact.name").isEqualTo(webName)
                // The text as typed, for the coordinator; in the clear it holds placeholders.
                .jsonPath("$.description").isEqualTo(typed);
        assertThat(db.sql("select description from report where reference = :r").bind("r", webReport.reference())
                .map(r -> r.get("description", String.class)).one().block())
                .endsWith("Bel me op [telefoonnummer] of mail [e-mailadres]");

        List<String> secrets = new ArrayList<>();
        for (String phone : List.of(webPhone, smsPhone, waitingPhone, callerPhone, partyAPhone, partyBPhone,
                volunteerPhone, outreachPhone)) {
            secrets.add(phone);
            secrets.add(national(phone));
            // As digits only, the way a number may sit inside a longer text or key.
            secrets.add(phone.substring(1));
        }
        secrets.addAll(List.of(webEmail, webName, partyAName, partyBName, volunteerName, partyAAddress, partyBAddress,
                "Mijnstraat 4", outreachNote, "Kraaienest", "slecht ter been"));

        Map<String, List<String>> found = new LinkedHashMap<>();
        for (String table : tables()) {
            List<String> rows = db.sql("select t::text as row from \"" + table + "\" t")
                    .map(r -> r.get("row", String.class)).all().collectList().block();
            for (String row : rows) {
                for (String secret : secrets) {
                    if (row.toLowerCase().contains(secret.toLowerCase())) {
                        found.computeIfAbsent(table, t -> new ArrayList<>()).add(secret);
                    }
                }
            }
        }
        assertThat(found).as("plain personal data per table").isEmpty();

        Path index = Path.of(System.getProperty("hartslag.data-dir")).resolve("index");
        assertThat(index).isDirectory();
        try (Stream<Path> files = Files.walk(index)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String phone : List.of(webPhone, smsPhone, callerPhone, partyAPhone)) {
                    assertThat(bytes).as(file.toString()).doesNotContain(phone.substring(3))
                            .doesNotContain(national(phone));
                }
            }
        }
    }

    /** {@code +31612345678} as a resident writes it: {@code 0612345678}. */
    private static String national(String e164) {
        return "0" + e164.substring(3);
    }

    private List<String> tables() {
        return db.sql("select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_type = 'BASE TABLE' order by table_name")
                .map(r -> r.get("table_name", String.class)).all().collectList().block();
    }

    private void phoneReport(String from, String said) {
        String sid = TwilioWebhooks.callSid();
        String next = "/twilio/voice";
        List<Map<String, String>> steps = List.of(Map.of(), Map.of("Digits", "1"),
                Map.of("SpeechResult", said, "Confidence", "0.9"), Map.of("Digits", "1"));
        for (Map<String, String> input : steps) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("CallSid", sid);
            form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
            form.put("From", from);
            form.put("To", FakeTwilio.SENDER);
            form.put("CallStatus", "in-progress");
            form.putAll(input);
            String xml = TwilioWebhooks.post(http, next, form).expectStatus().isOk().expectBody(String.class)
                    .returnResult().getResponseBody();
            java.util.regex.Matcher action = java.util.regex.Pattern.compile("action=\"([^\"]+)\"").matcher(xml);
            if (action.find()) {
                next = action.group(1).replace("&amp;", "&").replace(FakeTwilio.PUBLIC_BASE_URL, "");
            }
        }
    }
}
