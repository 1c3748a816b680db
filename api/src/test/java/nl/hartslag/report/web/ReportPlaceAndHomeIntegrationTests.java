package nl.hartslag.report.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.Reports;
import nl.hartslag.support.Reports.Created;
import nl.hartslag.support.TestAccounts;

/**
 * The status page names the problem's place as a resident would (a pin at the playground is "Bij
 * Speeltuin Jasmijnhof"), never a house number; and "Waar woont u?": a home checked against the
 * gazetteer, kept with the contact details, shown to coordinators only, and no household key.
 */
@IntegrationTest
class ReportPlaceAndHomeIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void aPinAtThePlaygroundIsNamedAfterThePlaygroundOnTheStatusPage() {
        Map<String, Object> body = Map.of("category", "vandalism",
                "description", "Iemand heeft hier de boel vernield, wilt u komen kijken?",
                "location", Map.of("lat", 50.90851, "lon", 5.96668));
        Created created = Reports.file(http, body);

        Map<String, Object> location = location(created, "nl");
        assertThat(location).containsEntry("name", "Speeltuin Jasmijnhof").containsEntry("street", "Jasmijnstraat")
                .containsEntry("label", "Bij Speeltuin Jasmijnhof, Jasmijnstraat").containsEntry("kind", "PLACE");
        // The landmark's point, three decimals: not the pin.
        assertThat(location).containsEntry("lat", 50.909).containsEntry("lon", 5.967);
        assertThat(location(created, "en")).containsEntry("label", "At Speeltuin Jasmijnhof, Jasmijnstraat");
    }

    @Test
    void aTypedAddressIsNamedByItsStreetOnlyEvenBesideALandmark() {
        // Palmstraat's point is the community centre's: a typed address is often the reporter's home,
        // so it is named by its street, and never with its house number.
        Created created = Reports.file(http, Reports.report("vandalism",
                "De ruit van mijn schuurtje is ingegooid, derde keer deze maand", "Palmstraat 37"));

        Map<String, Object> location = location(created, "nl");
        assertThat(location).containsEntry("street", "Palmstraat").containsEntry("kind", "STREET")
                .containsEntry("label", "In de buurt van Palmstraat").doesNotContainKey("name");
        assertThat(location.toString()).doesNotContain("37");
    }

    @Test
    void aHomeIsKeptWithTheContactForCoordinatorsOnly() {
        Map<String, Object> body = Reports.report("noise", "Elke nacht gebonk en geschreeuw uit de kelderbox",
                "Dennenstraat 9", Reports.contact("+31 6 2345 6781", "Ria"));
        body.put("home", "dennenstr. 21b");
        Created created = Reports.file(http, body);

        Map<String, Object> staff = http.get().uri("/api/v1/staff/reports/{r}", created.reference())
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = (Map<String, Object>) staff.get("contact");
        assertThat(contact).containsEntry("home", "Dennenstraat 21b").containsEntry("name", "Ria");

        String resident = http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(),
                created.trackingToken()).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(resident).doesNotContain("21b").doesNotContain("Dennenstraat 21");

        // A household is a reporter we can reach (V10), never their home: the key stays the phone number.
        assertThat(householdKey(created)).hasValue("phone:+31623456781");
    }

    @Test
    void anAnonymousReporterMayGiveAHomeAndStillCountsAsNoHousehold() {
        Map<String, Object> body = Reports.report("litter", "Blikjes en chipszakken langs het hele voetpad",
                "Kastanjestraat 30");
        body.put("home", "Kastanjestraat 12");
        Created created = Reports.file(http, body);

        assertThat(householdKey(created)).isEmpty();
        assertThat(db.sql("""
                select rc.home_street, rc.home_house_number, rc.phone_e164 from report r
                  join reporter_contact rc on rc.id = r.reporter_contact_id where r.reference = :r
                """).bind("r", created.reference())
                .map(row -> row.get("home_street", String.class) + " " + row.get("home_house_number", String.class)
                        + " " + row.get("phone_e164", String.class))
                .one().block()).isEqualTo("Kastanjestraat 12 null");
    }

    @Test
    void aHomeThatIsNoAddressOfTheAreaIsRefusedOnHomeInTheReadersLanguage() {
        refused("Nergensstraat 4", "nl", "Deze straat kennen we niet in ons werkgebied. Controleer waar u woont.");
        refused("Eikstraat", "nl", "Vul ook uw huisnummer in, bijvoorbeeld: Passartweg 14.");
        refused("Eikstraat 999", "en", "This house number does not exist in this street. Check your house number.");
        refused("Speeltuin Jasmijnhof", "en",
                "Please give a street and house number, not a place such as a playground or square.");
        refused("x".repeat(201), "nl", "Dit is te lang (hoogstens 200 tekens).");
    }

    @Test
    void aBlankHomeIsNoHome() {
        Map<String, Object> body = Reports.report("litter", "Overal peuken en plastic bij de ingang van het pad",
                "Kastanjestraat 31");
        body.put("home", "   ");
        Created created = Reports.file(http, body);
        assertThat(db.sql("select reporter_contact_id from report where reference = :r").bind("r", created.reference())
                .map(row -> Optional.ofNullable(row.get("reporter_contact_id", java.util.UUID.class))).one().block())
                .isEmpty();
    }

    private void refused(String home, String language, String message) {
        Map<String, Object> body = Reports.report("litter", "Zwerfvuil langs de stoep bij de hoek", "Eikstraat 3");
        body.put("home", home);
        http.post().uri("/api/v1/reports").header(HttpHeaders.ACCEPT_LANGUAGE, language).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("home")
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }

    private Map<String, Object> location(Created created, String language) {
        Map<String, Object> view = http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(),
                created.trackingToken()).header(HttpHeaders.ACCEPT_LANGUAGE, language).exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> location = (Map<String, Object>) view.get("location");
        return location;
    }

    private Optional<String> householdKey(Created created) {
        return db.sql("""
                select household_key(rc.phone_e164, rc.email, r.channel, r.street, r.house_number) as k
                  from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where r.reference = :r
                """).bind("r", created.reference())
                .map(row -> Optional.ofNullable(row.get("k", String.class))).one().block();
    }
}
