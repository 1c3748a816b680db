package nl.hartslag.outreach;

import static nl.hartslag.support.TwilioWebhooks.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.FakeTwilio;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.TestAccounts;
import nl.hartslag.support.TwilioWebhooks;

/**
 * Issue 16's check that the outreach worker's note never leaves the coordinators: an outreach report
 * with a distinctive note flows like any report (matched into a problem, a work order for the WOP, the
 * resident's status page and personal-data answer, texts and the SMS status reply, a partner's meeting
 * agenda) and no resident-, WOP- or partner-facing answer holds a word of the note, while the
 * coordinator's report view shows it.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachNoteVisibilityIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };
    private static final String PASSWORD = "notitie-blijft-binnen-Pa55";
    private static final String WORKER = "outreach.zichtbaarheid";
    private static final String WOP = "wop.zichtbaarheid";
    private static final String POLICE = "wijkagent.zichtbaarheid";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    StaffAccounts accounts;

    @BeforeAll
    void accounts() {
        // Five builds share two cores at times: a slow answer is not a wrong one.
        http = http.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
        accounts.create(WORKER, "Otto Uitreik", PASSWORD, EnumSet.of(Role.OUTREACH)).block();
        accounts.create(WOP, "Willem Werkploeg", PASSWORD, EnumSet.of(Role.WOP)).block();
        accounts.create(POLICE, "Wijkagent Zuid", PASSWORD, EnumSet.of(Role.PARTNER), "POLICE").block();
    }

    @Test
    void theNoteReachesTheCoordinatorButNeverTheResidentOrTheWop() {
        String phone = FakeTwilio.newPhone();
        String note = "Zilvermeeuw-notitie: oudere dame, de reservesleutel ligt onder de bloempot bij de achterdeur";
        Map<String, Object> body = new HashMap<>(Map.of("address", "Kastanjestraat 8", "category", "vandalism",
                "description", "De bewoner zag jongeren het bushokje op de hoek met stenen ingooien, glas op de stoep",
                "note", note, "statusLink", true));
        body.put("contact", Map.of("via", "SMS", "phone", phone));
        Map<String, Object> created = file(body);
        String reference = (String) created.get("reference");
        String token = (String) created.get("trackingToken");

        // It flows like any report: matched into a problem, and routed to the WOP as a work order.
        await(() -> db.sql("select cluster_id is not null as matched from report where reference = :r")
                .bind("r", reference).map(r -> r.get("matched", Boolean.class)).one().block(), Boolean.TRUE::equals,
                Duration.ofSeconds(15));
        String caseId = await(() -> db.sql("select c.id::text as id from case_file c join case_report cr"
                + " on cr.case_id = c.id join report r on r.id = cr.report_id where r.reference = :r"
                + " and c.type = 'WORK_ORDER'").bind("r", reference).map(r -> r.get("id", String.class)).all()
                .collectList().block(), ids -> !ids.isEmpty(), Duration.ofSeconds(15)).get(0);
        List<Map<String, String>> texts = await(() -> FakeTwilio.textsTo(phone), t -> !t.isEmpty(),
                Duration.ofSeconds(10));

        List<String> seen = new ArrayList<>();
        // The resident: status page API, personal-data answer, the texts we sent, the SMS status reply.
        seen.add(get("/api/v1/reports/" + reference + "?token=" + token, null));
        seen.add(get("/api/v1/reports/" + reference + "/personal-data?token=" + token, null));
        texts.forEach(t -> seen.add(t.get("Body")));
        seen.add(TwilioWebhooks.text(http, phone, "STATUS " + reference));
        seen.add(TwilioWebhooks.text(http, phone, "STATUS"));
        // The WOP: its list, the work order, its texts.
        String list = get("/api/v1/staff/work-orders", WOP);
        assertThat(list).as("the work order is on the WOP's list").contains(caseId);
        seen.add(list);
        seen.add(get("/api/v1/staff/work-orders/" + caseId, WOP));
        FakeTwilio.textsTo(FakeTwilio.WOP_PHONE).forEach(t -> seen.add(t.get("Body")));
        // The residents' map of known problems near the place.
        seen.add(http.get().uri("/api/v1/reports/similar?category=vandalism&address=Kastanjestraat 8&text=bushokje ingegooid").exchange()
                .expectBody(String.class).returnResult().getResponseBody());

        assertThat(seen).isNotEmpty().allSatisfy(answer -> assertThat(String.valueOf(answer))
                .doesNotContain("Zilvermeeuw").doesNotContain("bloempot").doesNotContain("reservesleutel"));
        // The resident's answers do tell the report (so the check looked at the right thing).
        assertThat(seen.get(0)).contains(reference).contains("bushokje");

        // The coordinator sees it on the report view.
        assertThat(get("/api/v1/staff/reports/" + reference, TestAccounts.COORDINATOR)).contains(note);
    }

    @Test
    void theNoteNeverReachesAPartnersMeetingAgenda() {
        String note = "Ijsvogel-notitie: zoon van de bewoner zit zelf in het wereldje, voorzichtig benaderen";
        List<String> texts = List.of("Elke avond wordt er gedeald bij de garageboxen achter Dennenstraat 15, auto's af en aan",
                "Drugshandel bij de garageboxen achter Dennenstraat 15, de hele avond auto's",
                "Weer dealers bij de garageboxen Dennenstraat 15 met auto's af en aan",
                "Auto's en handel bij de garageboxen Dennenstraat 15, elke avond tot laat");
        // Two households by web; the outreach report at its address is the third (a verified household).
        List<String> phones = List.of(FakeTwilio.newPhone(), FakeTwilio.newPhone());
        List<String> references = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            references.add(Reports.file(http, "drugs", texts.get(i), "Dennenstraat 15",
                    Reports.contact(phones.get(i % 2), null)).reference());
        }
        Map<String, Object> body = new HashMap<>(Map.of("address", "Dennenstraat 15", "category", "drugs",
                "description", "De bewoner ziet elke avond handel bij de garageboxen achter Dennenstraat 15, auto's af"
                        + " en aan",
                "note", note));
        String outreachReference = (String) file(body).get("reference");
        references.add(outreachReference);

        assertThat(await(() -> db.sql("select count(distinct cluster_id) as n, count(*) filter (where cluster_id is"
                + " null) as open from report where reference = any(:r)").bind("r", references.toArray(String[]::new))
                .map(r -> r.get("n", Long.class) == 1 && r.get("open", Long.class) == 0).one().block(),
                Boolean::booleanValue, Duration.ofSeconds(30))).as("one problem").isTrue();
        http.post().uri("/api/v1/staff/escalations/check").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk();
        List<Map<String, Object>> proposals = http.get().uri("/api/v1/staff/escalations")
                .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk().expectBody(LIST).returnResult()
                .getResponseBody();
        Map<String, Object> proposal = proposals.stream()
                .filter(p -> String.valueOf(p.get("summary")).contains("Dennenstraat")).findFirst()
                .orElseThrow(() -> new AssertionError("no proposal for Dennenstraat in " + proposals));
        String meetingId = (String) http.post().uri("/api/v1/staff/meetings").headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("heldOn", java.time.LocalDate.now().plusDays(7).toString(), "title",
                        "Casuistiekoverleg garageboxen", "participants", List.of(POLICE)))
                .exchange().expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("id");
        http.post().uri("/api/v1/staff/meetings/{id}/agenda", meetingId).headers(TestAccounts::asCoordinator)
                .bodyValue(Map.of("proposalId", proposal.get("id"))).exchange().expectStatus().isOk();

        String agenda = get("/api/v1/staff/meetings/" + meetingId, POLICE);
        assertThat(agenda).as("the problem is on the partner's agenda").contains("Dennenstraat");
        Set<String> answers = Set.of(agenda, get("/api/v1/staff/meetings", POLICE));
        assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContain("Ijsvogel").doesNotContain("wereldje")
                .doesNotContain("voorzichtig benaderen"));
        assertThat(get("/api/v1/staff/reports/" + outreachReference, TestAccounts.COORDINATOR)).contains(note);
        assertThat(references.stream().collect(Collectors.toSet())).hasSize(5);
    }

    private Map<String, Object> file(Map<String, Object> body) {
        return http.post().uri("/api/v1/staff/outreach/reports").headers(h -> h.setBasicAuth(WORKER, PASSWORD))
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody(JSON).returnResult()
                .getResponseBody();
    }

    /** The body of a GET (200 asserted) as {@code user} (null: a resident, no login). */
    private String get(String path, String user) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path);
        if (TestAccounts.COORDINATOR.equals(user)) {
            request = request.headers(TestAccounts::asCoordinator);
        } else if (user != null) {
            request = request.headers(h -> h.setBasicAuth(user, PASSWORD));
        }
        return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
