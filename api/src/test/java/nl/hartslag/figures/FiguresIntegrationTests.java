package nl.hartslag.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/**
 * Issue 16's acceptance check for the figures: a known quarter (Q2 2019, in neighbourhoods of the test's
 * own, so the shared database's other reports never count) and every figure against a hand count written
 * out below; the CSV of every table equals its JSON. Rows are inserted with SQL because the API cannot
 * file in the past; they follow the schema's own rules (report_event history, sealed contact details).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiguresIntegrationTests {

    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    private static final String WIJK = "Figurenwijk";
    private static final String HOF = "Figurenhof";
    private static final String VELD = "Figurenveld";
    private static final String STAD = "Figurenstad";
    private static final String SCOPED = "figures.scoped";
    private static final String PARTNER = "figures.partner";
    private static final String VOLUNTEER = "figures.volunteer";
    private static final String PASSWORD = "figures-Test-zin-2026";
    private static final String Q2 = "/api/v1/staff/figures?from=2019-04-01&to=2019-06-30&groupBy=quarter&neighbourhood="
            + WIJK;
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    WebTestClient http;
    @Autowired
    DatabaseClient db;
    @Autowired
    PersonalData personalData;
    @Autowired
    StaffAccounts accounts;

    private final Map<String, UUID> ids = new HashMap<>();
    private final Map<String, String> references = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Autowired
    void http(WebTestClient client) {
        this.http = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    @BeforeAll
    void seed() {
        accounts.create(SCOPED, "Sanne Scoped", PASSWORD, EnumSet.of(Role.COORDINATOR)).block();
        accounts.create(PARTNER, "Paul Partner", PASSWORD, EnumSet.of(Role.PARTNER)).block();
        accounts.create(VOLUNTEER, "Vera Vrijwilliger", PASSWORD, EnumSet.of(Role.VOLUNTEER)).block();
        sql("insert into neighbourhood (name, municipality, residents, households) values ('" + WIJK + "', '" + STAD
                + "', 2000, 900), ('" + HOF + "', '" + STAD + "', 1000, 450), ('" + VELD + "', '" + STAD + "', 0, 0)");
        sql("insert into staff_neighbourhood (staff_account_id, neighbourhood) select id, '" + HOF
                + "' from staff_account where username = '" + SCOPED + "'");

        String hA = personalData.phoneLookup("+31612345001");
        String hB = personalData.phoneLookup("+31612345002");
        String eC = personalData.emailLookup("figuren@example.org");
        // Q2 2019 in Figurenwijk. name, category, channel, received (local), first response, resolved, household
        report("N1", "noise", "web", "2019-04-18T10:00", "2019-04-24T09:00", "2019-05-02T12:00", "phone", hA, true, "street");
        report("N2", "noise", "web", "2019-05-27T09:00", "2019-06-03T10:00", null, "phone", hB, false, "none");
        report("N3", "noise", "phone", "2019-06-04T14:00", "2019-06-04T16:00", "2019-06-05T10:00", null, null, true, "street");
        report("N4", "noise", "sms", "2019-06-24T10:00", null, null, null, null, true, "street");
        report("L1", "litter", "web", "2019-04-01T09:00", "2019-04-02T09:00", "2019-04-05T11:00", "phone", hA, true, "none");
        report("L2", "litter", "web", "2019-04-08T09:00", "2019-04-08T15:00", null, "email", eC, true, "street");
        report("L3", "litter", "outreach", "2019-04-15T10:00", null, null, "address", "1", true, "street");
        report("L4", "litter", "outreach", "2019-05-06T10:00", null, null, "address", "1", true, "street");
        report("L5", "litter", "web", "2019-05-20T10:00", null, null, null, null, null, null);
        report("L6", "litter", "sms", "2019-06-20T10:00", null, null, null, null, true, "street");
        report("D1", "domestic", "web", "2019-04-27T11:00", "2019-04-28T09:00", "2019-05-03T10:00", null, null, true, "street");
        report("D2", "domestic", "phone", "2019-06-01T10:00", null, null, null, null, true, "street");
        report("DU1", "dumping", "phone", "2019-05-14T10:00", null, null, null, null, true, "street");
        // The period before (91 days before 1 April: 31 December 2018 .. 31 March 2019), for the trend.
        report("P0", "litter", "web", "2018-12-30T23:00", "2018-12-30T23:30", "2018-12-30T23:40", null, null, true, "street");
        report("P1", "litter", "web", "2018-12-31T00:30", "2018-12-31T09:00", "2018-12-31T10:00", null, null, true, "street");
        report("P2", "litter", "web", "2019-02-11T10:00", "2019-02-11T11:00", "2019-02-11T12:00", null, null, true, "street");
        report("P3", "litter", "web", "2019-03-31T23:30", "2019-03-31T23:40", "2019-03-31T23:50", null, null, true, "street");
        // The rest of the municipality: Figurenhof counts (1,000 residents), Figurenveld (residents unknown) does not.
        reportIn(HOF, "H1", "vandalism", "2019-05-01T10:00");
        reportIn(HOF, "H2", "vandalism", "2019-06-01T10:00");
        for (int i = 1; i <= 4; i++) {
            reportIn(VELD, "V" + i, "vandalism", "2019-05-0" + i + "T10:00");
        }

        // Mediation: M1 open at TALK_A, M2 closed before any talk, M3 opened in March and closed in May, M4 offered.
        caseFile("M1", "MEDIATION", "neighbour_dispute", "OPEN", "TALK_A", null, "2019-04-10T10:00", null);
        caseFile("M2", "MEDIATION", "neighbour_dispute", "CLOSED", "CLOSED", "PARTY_DECLINED", "2019-04-15T10:00",
                "2019-06-01T10:00");
        caseFile("M3", "MEDIATION", "neighbour_dispute", "CLOSED", "CLOSED", "NO_AGREEMENT", "2019-03-20T10:00",
                "2019-05-10T10:00");
        caseFile("M4", "MEDIATION", "neighbour_dispute", "OPEN", "OFFERED", null, "2019-05-05T10:00", null);
        // Work orders: W1 done in 2.0 days, W2 in 0.5, W3 (opened in March, across the change to summer time)
        // in 10 days 23 hours, W4 not done.
        caseFile("W1", "WORK_ORDER", "litter", "DONE", null, null, "2019-04-02T10:00", null);
        caseFile("W2", "WORK_ORDER", "litter", "DONE", null, null, "2019-04-20T12:00", null);
        caseFile("W3", "WORK_ORDER", "litter", "DONE", null, null, "2019-03-25T08:00", null);
        caseFile("W4", "WORK_ORDER", "litter", "OPEN", null, null, "2019-06-20T10:00", null);
        done("W1", "2019-04-04T10:00");
        done("W2", "2019-04-21T00:00");
        done("W3", "2019-04-05T08:00");
        // Escalations: E1 proposed in April and put on the agenda in May; E2 proposed in June; E3 proposed in March
        // and dismissed in April (neither counts). Their neighbourhood is that of their cluster's first report.
        caseFile("X1", "ESCALATION", "noise", "OPEN", null, null, "2019-05-02T10:00", null);
        proposal("E1", "N1", "2019-04-20T10:00", "ON_AGENDA", "2019-05-02T10:00", "X1");
        proposal("E2", "L5", "2019-06-10T10:00", "PROPOSED", null, null);
        proposal("E3", "L1", "2019-03-01T10:00", "DISMISSED", "2019-04-03T10:00", null);
        UUID meeting = UUID.randomUUID();
        db.sql("insert into meeting (id, held_on, title, created_by) values (:id, '2019-05-02', 'Figurenoverleg', 'test')")
                .bind("id", meeting).then().block();
        db.sql("insert into meeting_case (meeting_id, case_id) values (:m, :c)").bind("m", meeting).bind("c", ids.get("X1"))
                .then().block();
        action(meeting, "2019-05-10", "2019-05-10T15:00");
        action(meeting, "2019-05-15", "2019-05-20T10:00");
        action(meeting, "2019-06-15", null);
        action(meeting, "2019-07-05", null);
        // Outreach: four visits in Q2 at two households (one visit without a known household), two with a report.
        visit("2019-04-03", "hh-figuren-1", "L3");
        visit("2019-04-03", "hh-figuren-2", null);
        visit("2019-05-06", "hh-figuren-1", "L4");
        visit("2019-06-30", null, null);
        visit("2019-07-01", "hh-figuren-3", null);
        // Notifications about the neighbourhood's reports.
        notification("N1", "SMS", "DELIVERED", "2019-04-18T10:01");
        notification("N2", "SMS", "FAILED", "2019-05-27T09:01");
        notification("L2", "EMAIL", "SENT", "2019-04-08T09:01");
        notification("N1", "SMS", "DEAD", "2019-04-24T09:01");
        notification("L2", "EMAIL", "DELIVERED", "2019-07-02T09:01");
        // Satisfaction.
        feedback("N1", true, "2019-05-03T10:00");
        feedback("L1", true, "2019-04-06T10:00");
        feedback("N3", false, "2019-06-06T10:00");
        feedback("L2", true, "2019-07-03T10:00");
    }

    @Test
    void everyFigureOfTheQuarterMatchesTheHandCount() {
        Map<String, Object> json = json(Q2, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        assertThat(json.get("periods")).isEqualTo(List.of("2019-Q2"));
        assertThat(json.get("from")).isEqualTo("2019-04-01");

        // 13 reports: noise 4, litter 6, domestic 2 (sensitive, < 5: "<5"), dumping 1 (the smallest other
        // category, hidden so the domestic count cannot be worked out from the total: "x").
        assertThat(rows(json, "reports_by_category")).containsExactlyInAnyOrder(
                List.of("2019-Q2", "domestic", "<5"), List.of("2019-Q2", "dumping", "x"),
                List.of("2019-Q2", "litter", 6), List.of("2019-Q2", "noise", 4));
        // By channel: web N1 N2 L1 L2 L5 D1, phone N3 D2 DU1, sms N4 L6, outreach L3 L4.
        assertThat(rows(json, "reports_by_channel")).containsExactlyInAnyOrder(
                List.of("2019-Q2", "outreach", 2), List.of("2019-Q2", "phone", 3), List.of("2019-Q2", "sms", 2),
                List.of("2019-Q2", "web", 6));
        // Households: phone A (N1, L1), phone B (N2), e-mail C (L2), the outreach address (L3, L4) = 4.
        assertThat(rows(json, "households")).containsExactly(List.of("2019-Q2", 4, 13));
        // 13 / 2,000 × 1,000 = 6.5; before: P1, P2, P3 = 3 → 1.5; +333.3 %; municipality: (13 + 2) / 3,000 × 1,000 = 5.0
        // (Figurenveld's 4 reports do not count: its residents are unknown).
        assertThat(rows(json, "reports_per_1000")).containsExactly(
                List.of("2019-Q2", WIJK, 2000, 13, 6.5, 3, 1.5, 333.3, STAD, 5.0));

        // Mediation: opened M1 M2 M4, closed M2 M3; steps reached by the cases opened; outcomes of those closed.
        assertThat(rows(json, "mediation")).containsExactly(List.of("2019-Q2", 3, 2));
        assertThat(rows(json, "mediation_steps")).containsExactly(List.of("2019-Q2", "INTAKE", 1),
                List.of("2019-Q2", "OFFERED", 1), List.of("2019-Q2", "TALK_A", 1));
        assertThat(rows(json, "mediation_outcomes")).containsExactlyInAnyOrder(List.of("2019-Q2", "NO_AGREEMENT", 1),
                List.of("2019-Q2", "PARTY_DECLINED", 1));
        // Work orders: opened W1 W2 W4; done W1 (2.0) W2 (0.5) W3 (10.96): median 2.0 days.
        assertThat(rows(json, "work_orders")).containsExactly(List.of("2019-Q2", 3, 3, 2.0));
        // Escalations: proposed E1 E2, on the agenda E1; actions due 10 May (done that day), 15 May (done the 20th),
        // 15 June (open); the one due in July is not in the quarter.
        assertThat(rows(json, "escalations")).containsExactly(List.of("2019-Q2", 2, 1, 3, 1, 1, 1));
        // Outreach: 4 visits, 2 households, 2 with a report; 2 reports by the outreach channel.
        assertThat(rows(json, "outreach")).containsExactly(List.of("2019-Q2", 4, 2, 2, 2));
        // Notifications: e-mail sent 1; SMS delivered 1, failed + dead 2; July's e-mail is outside.
        assertThat(rows(json, "notifications")).containsExactly(List.of("2019-Q2", "EMAIL", 1, 0),
                List.of("2019-Q2", "SMS", 1, 2));

        // Response times against the norms (handling_norm: noise 3 / 15 working days, litter 3 / 10 working days).
        // noise: N1 received Thursday 18 April, answered Wednesday 24 April = 3 working days (Good Friday counts,
        // Easter Monday does not): within the norm; N2 27 May → 3 June = 4 (Ascension Day skipped): late; N3 the
        // same day = 0. Median 3.0, 2 of 3 within. Resolved: N1 9 working days (King's Day was a Saturday), N3 1:
        // median 5.0, both within 15.
        // litter: L1 1 day, L2 0 days: median 0.5, both within; resolved L1 in 4: median 4.0, within.
        // domestic: 2 reports, 1 answered, 1 resolved: every count "<5", no median or share shown.
        // dumping: hidden alongside domestic ("x"), so its figures are not shown either.
        assertThat(rows(json, "response_times")).containsExactlyInAnyOrder(
                Arrays.asList("2019-Q2", "domestic", "<5", "<5", null, null, "<5", null, null, "CALENDAR", 1, 10),
                Arrays.asList("2019-Q2", "dumping", "x", 0, null, null, 0, null, null, "WORKING", 2, 5),
                Arrays.asList("2019-Q2", "litter", 6, 2, 0.5, 1.0, 1, 4.0, 1.0, "WORKING", 3, 10),
                Arrays.asList("2019-Q2", "noise", 4, 3, 3.0, 0.667, 2, 5.0, 1.0, "WORKING", 3, 15));
        // Late at the end of the quarter (1 July 00:00): noise N4 (no answer, due 28 June) late to respond, N2
        // (due 20 June) late to resolve; litter L3 L4 L5 L6 late to respond, L2 L3 L4 L5 late to resolve (L6 is due
        // in July); domestic D2 both ("<5"); dumping DU1 both, hidden with domestic.
        assertThat(rows(json, "late_work")).containsExactlyInAnyOrder(
                List.of("2019-Q2", "domestic", "<5", "<5"), List.of("2019-Q2", "dumping", "x", "x"),
                List.of("2019-Q2", "litter", 4, 4), List.of("2019-Q2", "noise", 1, 1));
        assertThat(rows(json, "satisfaction")).containsExactly(List.of("2019-Q2", 2, 1));
        // Coverage as CoverageController counts it: web 6 reports, 5 read (L5 not), N2 without a kind word, N2
        // and L1 without a place.
        assertThat(rows(json, "coverage")).containsExactlyInAnyOrder(List.of("2019-Q2", "outreach", 2, 2, 0, 0),
                List.of("2019-Q2", "phone", 3, 3, 0, 0), List.of("2019-Q2", "sms", 2, 2, 0, 0),
                List.of("2019-Q2", "web", 6, 5, 1, 2));
    }

    @Test
    void perMonthTheHiddenCellFollowsTheSensitiveOneAndAPeriodWithOnlyASensitiveReportHidesItsTotals() {
        Map<String, Object> json = json("/api/v1/staff/figures?from=2019-04-01&to=2019-06-30&groupBy=month&neighbourhood="
                + WIJK, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        assertThat(json.get("periods")).isEqualTo(List.of("2019-04", "2019-05", "2019-06"));
        // April: D1 alone ("<5"), noise N1 (1) the smallest other; May: nothing sensitive; June: D2 ("<5"), litter
        // L6 (1) smaller than noise N3 N4 (2).
        assertThat(rows(json, "reports_by_category")).containsExactlyInAnyOrder(
                List.of("2019-04", "domestic", "<5"), List.of("2019-04", "litter", 3), List.of("2019-04", "noise", "x"),
                List.of("2019-05", "dumping", 1), List.of("2019-05", "litter", 2), List.of("2019-05", "noise", 1),
                List.of("2019-06", "domestic", "<5"), List.of("2019-06", "litter", "x"), List.of("2019-06", "noise", 2));
        // Per 1,000 per month, each against the 30 or 31 days before it: April 5 → 2.5 (2 March .. 1 April: P3 → 0.5,
        // +400 %); May 4 → 2.0 (31 March .. 30 April: P3 + April's 5 = 6 → 3.0, -33.3 %); June 4 → 2.0 (2 .. 31 May:
        // 4 → 2.0, 0 %). The municipality: April 5 / 3,000, May (4 + H1) / 3,000, June (4 + H2) / 3,000 = 1.67.
        assertThat(rows(json, "reports_per_1000")).containsExactly(
                List.of("2019-04", WIJK, 2000, 5, 2.5, 1, 0.5, 400.0, STAD, 1.67),
                List.of("2019-05", WIJK, 2000, 4, 2.0, 6, 3.0, -33.3, STAD, 1.67),
                List.of("2019-06", WIJK, 2000, 4, 2.0, 4, 2.0, 0.0, STAD, 1.67));

        // The week of King's Day 2019 (22-28 April) had only D1: by category "<5", and every total of that week
        // that would give it away is hidden.
        Map<String, Object> week = json("/api/v1/staff/figures?from=2019-04-22&to=2019-04-28&groupBy=week&neighbourhood="
                + WIJK, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        assertThat(week.get("periods")).isEqualTo(List.of("2019-W17"));
        assertThat(rows(week, "reports_by_category")).containsExactly(List.of("2019-W17", "domestic", "<5"));
        assertThat(rows(week, "reports_by_channel")).containsExactly(List.of("2019-W17", "web", "x"));
        assertThat(rows(week, "households")).containsExactly(List.of("2019-W17", 0, "x"));
        assertThat(rows(week, "reports_per_1000").get(0)).containsExactly("2019-W17", WIJK, 2000, "x", null, "x", null,
                null, STAD, null);
    }

    @Test
    void theCsvOfEveryTableIsItsJson() {
        Map<String, Object> json = json(Q2, TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        List<Map<String, Object>> tables = tables(json);
        assertThat(tables).extracting(t -> t.get("name")).contains("reports_by_category", "reports_by_channel",
                "households", "reports_per_1000", "mediation", "mediation_steps", "mediation_outcomes", "work_orders",
                "escalations", "outreach", "notifications", "response_times", "late_work", "satisfaction", "coverage");
        StringBuilder all = new StringBuilder();
        List<String> allColumns = new ArrayList<>();
        for (Map<String, Object> table : tables) {
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) table.get("columns");
            columns.stream().filter(c -> !allColumns.contains(c)).forEach(allColumns::add);
            String csv = http.get().uri(Q2 + "&table=" + table.get("name")).header("Accept", "text/csv")
                    .headers(TestAccounts::asCoordinator).exchange().expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith("text/csv")
                    .expectBody(String.class).returnResult().getResponseBody();
            StringBuilder expected = new StringBuilder(String.join(",", columns)).append("\r\n");
            for (List<Object> row : rows(json, (String) table.get("name"))) {
                expected.append(String.join(",", row.stream().map(FiguresIntegrationTests::cell).toList())).append("\r\n");
            }
            assertThat(csv).as("CSV of %s", table.get("name")).isEqualTo(expected.toString());
        }
        // All tables in one file, with a leading "table" column.
        all.append("table,").append(String.join(",", allColumns)).append("\r\n");
        for (Map<String, Object> table : tables) {
            @SuppressWarnings("unchecked")
            List<String> columns = (List<String>) table.get("columns");
            for (List<Object> row : rows(json, (String) table.get("name"))) {
                List<String> cells = new ArrayList<>();
                cells.add((String) table.get("name"));
                for (String c : allColumns) {
                    int i = columns.indexOf(c);
                    cells.add(i < 0 ? "" : cell(row.get(i)));
                }
                all.append(String.join(",", cells)).append("\r\n");
            }
        }
        byte[] file = http.get().uri(Q2 + "&format=csv").headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"figures-2019-04-01-2019-06-30.csv\"")
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo(all.toString());
    }

    @Test
    void aCoordinatorLimitedToNeighbourhoodsSeesOnlyThoseAndPartnersReadToo() {
        // Limited to Figurenhof: without neighbourhood= the figures are Figurenhof's (2 reports in Q2).
        Map<String, Object> mine = json("/api/v1/staff/figures?from=2019-04-01&to=2019-06-30&groupBy=quarter", SCOPED,
                PASSWORD);
        assertThat(names(mine)).containsExactly(HOF);
        assertThat(rows(mine, "reports_by_category")).containsExactly(List.of("2019-Q2", "vandalism", 2));
        assertThat(rows(mine, "reports_per_1000")).containsExactly(
                Arrays.asList("2019-Q2", HOF, 1000, 2, 2.0, 0, 0.0, null, STAD, 5.0));
        // Another neighbourhood: 403, in the asker's language.
        http.get().uri(Q2).headers(h -> h.setBasicAuth(SCOPED, PASSWORD)).header("Accept-Language", "en").exchange()
                .expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/neighbourhood-not-yours")
                .jsonPath("$.title").isEqualTo("Not your neighbourhood");
        // Partners may read the (suppressed) figures; volunteers may not; nobody without a login.
        assertThat(rows(json(Q2, PARTNER, PASSWORD), "reports_by_category")).contains(List.of("2019-Q2", "domestic", "<5"));
        http.get().uri(Q2).headers(h -> h.setBasicAuth(VOLUNTEER, PASSWORD)).exchange().expectStatus().isForbidden();
        http.get().uri(Q2).exchange().expectStatus().isUnauthorized();
        // The coverage endpoint beside it stays for coordinators.
        http.get().uri("/api/v1/staff/figures/coverage").headers(h -> h.setBasicAuth(PARTNER, PASSWORD)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void badParametersAre400ProblemsNamingTheFieldInTheRequestsLanguage() {
        bad("from=2019-06-30&to=2019-04-01", "nl", "to", "De einddatum ligt voor de begindatum.");
        bad("from=2019-04-01&to=2019-06-30&groupBy=decade", "en", "groupBy", "Choose week, month, quarter or year.");
        bad("from=2010-01-01&to=2019-06-30", "en", "to", "Choose a period of at most 1096 days.");
        bad("from=2019-04-01&to=2019-06-30&neighbourhood=Nergenshuizen", "nl", "neighbourhood",
                "Deze wijk kennen we niet.");
        bad("from=1-april&to=2019-06-30", "en", "from", "Give a date like 2026-04-01 (year-month-day).");
        bad("from=2019-04-01&to=2019-06-30&table=nope&format=csv", "en", "table", null);
        bad("from=2019-04-01&to=2019-06-30&format=xls", "nl", "format", "Kies csv of json.");
    }

    @Test
    void withoutAPeriodTheLastFullQuarterByMonth() {
        Map<String, Object> json = json("/api/v1/staff/figures", TestAccounts.COORDINATOR, TestAccounts.PASSWORD);
        LocalDate today = LocalDate.now(LOCAL);
        LocalDate quarterStart = LocalDate.of(today.getYear(), (today.getMonthValue() - 1) / 3 * 3 + 1, 1);
        assertThat(json.get("from")).isEqualTo(quarterStart.minusMonths(3).toString());
        assertThat(json.get("to")).isEqualTo(quarterStart.minusDays(1).toString());
        assertThat(json.get("groupBy")).isEqualTo("month");
        assertThat((List<?>) json.get("periods")).hasSize(3);
        assertThat(names(json)).contains(WIJK, HOF, "Passart");
    }

    private void bad(String query, String language, String field, String message) {
        var body = http.get().uri("/api/v1/staff/figures?" + query).headers(TestAccounts::asCoordinator)
                .header("Accept-Language", language).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/problem+json").expectBody()
                .jsonPath("$.type").isEqualTo("https://hartslag.nl/problems/invalid-request")
                .jsonPath("$.errors[0].field").isEqualTo(field);
        if (message != null) {
            body.jsonPath("$.errors[0].message").isEqualTo(message);
        }
    }

    private Map<String, Object> json(String uri, String user, String password) {
        return http.get().uri(uri).headers(h -> h.setBasicAuth(user, password)).exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> tables(Map<String, Object> json) {
        return (List<Map<String, Object>>) json.get("tables");
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> rows(Map<String, Object> json, String name) {
        return tables(json).stream().filter(t -> name.equals(t.get("name"))).findFirst()
                .map(t -> (List<List<Object>>) t.get("rows")).orElseThrow(() -> new AssertionError("no table " + name));
    }

    private static List<Object> names(Map<String, Object> json) {
        return ((List<?>) json.get("neighbourhoods")).stream().map(n -> ((Map<?, ?>) n).get("name")).map(Object.class::cast)
                .toList();
    }

    private static String cell(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    // ---- seeding ----

    private static OffsetDateTime at(String local) {
        return local == null ? null : LocalDateTime.parse(local).atZone(LOCAL).toOffsetDateTime();
    }

    private String reference() {
        StringBuilder ref = new StringBuilder("HS-");
        for (int i = 0; i < 6; i++) {
            if (i == 4) {
                ref.append('-');
            }
            ref.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return ref.toString();
    }

    private void reportIn(String neighbourhood, String name, String category, String received) {
        insertReport(neighbourhood, name, category, "web", received, null, null, true, "street");
        event(name, "RESOLVED", received.substring(0, 11) + "23:00");
    }

    /** A report with its history; {@code kind} phone/email/address gives it a household ({@code key}). */
    private void report(String name, String category, String channel, String received, String firstResponse,
            String resolved, String kind, String key, Boolean kindWord, String placeSource) {
        UUID contact = null;
        if ("phone".equals(kind) || "email".equals(kind)) {
            contact = UUID.randomUUID();
            db.sql("insert into reporter_contact (id, name_sealed, phone_sealed, phone_hash, email_sealed, email_hash)"
                    + " values (:id, :name, :phone, :phoneHash, :email, :emailHash)")
                    .bind("id", contact).bind("name", personalData.seal("Figuren " + name))
                    .bind("phone", "phone".equals(kind) ? personalData.seal("+3161234500x") : personalData.seal("-"))
                    .bind("phoneHash", "phone".equals(kind) ? key : personalData.phoneLookup("+31699999" + (100 + ids.size())))
                    .bind("email", personalData.seal("figuren@example.org")).bind("emailHash",
                            "email".equals(kind) ? key : personalData.emailLookup(name.toLowerCase() + "@example.org"))
                    .then().block();
            if ("email".equals(kind)) {
                db.sql("update reporter_contact set phone_sealed = null, phone_hash = null where id = :id")
                        .bind("id", contact).then().block();
            }
        }
        insertReport(WIJK, name, category, channel, received, contact, "address".equals(kind) ? key : null, kindWord,
                placeSource);
        if (firstResponse != null) {
            event(name, firstResponse.equals(resolved) ? "RESOLVED" : "IN_PROGRESS", firstResponse);
        }
        if (resolved != null && !resolved.equals(firstResponse)) {
            event(name, "RESOLVED", resolved);
        }
    }

    private void insertReport(String neighbourhood, String name, String category, String channel, String received,
            UUID contact, String houseNumber, Boolean kindWord, String placeSource) {
        UUID id = UUID.randomUUID();
        String reference = reference();
        ids.put(name, id);
        references.put(name, reference);
        byte[] token = new byte[32];
        random.nextBytes(token);
        // Each in a (closed) cluster of its own: the matcher's sweep reads unmatched reports again, which would
        // overwrite the coverage flags set here.
        UUID cluster = UUID.randomUUID();
        db.sql("insert into cluster (id, status, category_code, first_report_at, last_report_at, report_count)"
                + " values (:id, 'CLOSED', :category, :at, :at, 1)").bind("id", cluster).bind("category", category)
                .bind("at", at(received)).then().block();
        var spec = db.sql("""
                insert into report (id, reference, tracking_token_hash, category_code, description, lat, lon, street,
                                    house_number, received_at, channel, status, language, reporter_contact_id,
                                    neighbourhood, read_at, read_kind_word, problem_source, updated_at, cluster_id)
                values (:id, :reference, :token, :category, :description, 50.9, 5.98, 'Figurenstraat', :house, :received,
                        :channel, 'RECEIVED', 'nl', :contact, :neighbourhood, :readAt, :kindWord, :source, :received,
                        :cluster)
                """)
                .bind("id", id).bind("cluster", cluster).bind("reference", reference).bind("token", token).bind("category", category)
                .bind("description", "Figuren testmelding " + name).bind("received", at(received))
                .bind("channel", channel).bind("neighbourhood", neighbourhood);
        spec = houseNumber == null ? spec.bindNull("house", String.class) : spec.bind("house", houseNumber);
        spec = contact == null ? spec.bindNull("contact", UUID.class) : spec.bind("contact", contact);
        spec = kindWord == null ? spec.bindNull("readAt", OffsetDateTime.class).bindNull("kindWord", Boolean.class)
                : spec.bind("readAt", at(received)).bind("kindWord", kindWord);
        spec = placeSource == null ? spec.bindNull("source", String.class) : spec.bind("source", placeSource);
        spec.then().block();
        db.sql("insert into report_event (report_id, occurred_at, status, message_code, actor)"
                + " values (:id, :at, 'RECEIVED', 'received', 'test')").bind("id", id).bind("at", at(received)).then()
                .block();
    }

    private void event(String report, String status, String when) {
        db.sql("insert into report_event (report_id, occurred_at, status, message_code, actor)"
                + " values (:id, :at, :status, 'figures-test', 'test')")
                .bind("id", ids.get(report)).bind("at", at(when)).bind("status", status).then().block();
        db.sql("update report set status = :status where id = :id").bind("status", status).bind("id", ids.get(report))
                .then().block();
    }

    private void caseFile(String name, String type, String category, String status, String step, String outcome,
            String created, String closed) {
        UUID id = UUID.randomUUID();
        ids.put(name, id);
        var spec = db.sql("""
                insert into case_file (id, type, status, step, category_code, outcome, created_at, updated_at, closed_at,
                                       neighbourhood)
                values (:id, :type, :status, :step, :category, :outcome, :created, :created, :closed, :neighbourhood)
                """)
                .bind("id", id).bind("type", type).bind("status", status).bind("category", category)
                .bind("created", at(created)).bind("neighbourhood", WIJK);
        spec = step == null ? spec.bindNull("step", String.class) : spec.bind("step", step);
        spec = outcome == null ? spec.bindNull("outcome", String.class) : spec.bind("outcome", outcome);
        spec = closed == null ? spec.bindNull("closed", OffsetDateTime.class) : spec.bind("closed", at(closed));
        spec.then().block();
    }

    private void done(String workOrder, String when) {
        db.sql("insert into work_order_event (case_id, from_status, to_status, actor, occurred_at)"
                + " values (:id, 'OPEN', 'DONE', 'test', :at)").bind("id", ids.get(workOrder)).bind("at", at(when))
                .then().block();
    }

    private void proposal(String name, String firstReport, String proposed, String status, String decided,
            String caseName) {
        UUID cluster = UUID.randomUUID();
        db.sql("insert into cluster (id, status, category_code, first_report_at, last_report_at, report_count)"
                + " values (:id, 'OPEN', 'noise', :at, :at, 1)").bind("id", cluster).bind("at", at(proposed)).then()
                .block();
        db.sql("update report set cluster_id = :c where id = :r").bind("c", cluster).bind("r", ids.get(firstReport))
                .then().block();
        var spec = db.sql("""
                insert into escalation_proposal (id, cluster_id, rule, reason, status, case_id, proposed_at, decided_by,
                                                 decided_at)
                values (:id, :cluster, 'REPEATED_REPORTS', 'Figuren test', :status, :case, :proposed, :by, :decided)
                """).bind("id", UUID.randomUUID()).bind("cluster", cluster).bind("status", status)
                .bind("proposed", at(proposed));
        spec = caseName == null ? spec.bindNull("case", UUID.class) : spec.bind("case", ids.get(caseName));
        spec = decided == null ? spec.bindNull("decided", OffsetDateTime.class).bindNull("by", String.class)
                : spec.bind("decided", at(decided)).bind("by", "test");
        spec.then().block();
        ids.put(name, cluster);
    }

    private void action(UUID meeting, String due, String done) {
        var spec = db.sql("""
                insert into agreed_action (id, case_id, meeting_id, partner, description, owner, due_on, done_at, status,
                                           created_by)
                values (:id, :case, :meeting, 'HOUSING', 'Figuren actie', 'Woonbedrijf', :due, :done, :status, 'test')
                """).bind("id", UUID.randomUUID()).bind("case", ids.get("X1")).bind("meeting", meeting)
                .bind("due", LocalDate.parse(due)).bind("status", done == null ? "OPEN" : "DONE");
        spec = done == null ? spec.bindNull("done", OffsetDateTime.class) : spec.bind("done", at(done));
        spec.then().block();
    }

    private void visit(String day, String household, String report) {
        var spec = db.sql("""
                insert into outreach_visit (id, visited_on, street, household_hash, neighbourhood, follow_up, report_id,
                                            worker)
                values (:id, :day, 'Figurenstraat', :household, :neighbourhood, false, :report, 'test')
                """).bind("id", UUID.randomUUID()).bind("day", LocalDate.parse(day)).bind("neighbourhood", WIJK);
        spec = household == null ? spec.bindNull("household", String.class) : spec.bind("household", household);
        spec = report == null ? spec.bindNull("report", UUID.class) : spec.bind("report", ids.get(report));
        spec.then().block();
    }

    private void notification(String report, String channel, String status, String created) {
        db.sql("""
                insert into notification (id, idempotency_key, channel, audience, template, parameters_sealed, language,
                                          urgency, reference, status, due_at, attempt_limit, created_at, updated_at)
                values (:id, :key, :channel, 'RESIDENT', 'FIGURES_TEST', :parameters, 'nl', 'NORMAL', :reference, :status,
                        :at, 3, :at, :at)
                """).bind("parameters", personalData.seal("{}")).bind("id", UUID.randomUUID()).bind("key", "figures-test-" + UUID.randomUUID())
                .bind("channel", channel).bind("reference", references.get(report)).bind("status", status)
                .bind("at", at(created)).then().block();
    }

    private void feedback(String report, boolean satisfied, String answered) {
        db.sql("insert into report_feedback (report_id, satisfied, channel, answered_at) values (:r, :s, 'web', :at)")
                .bind("r", ids.get(report)).bind("s", satisfied).bind("at", at(answered)).then().block();
    }

    private void sql(String statement) {
        db.sql(statement).then().block();
    }
}
