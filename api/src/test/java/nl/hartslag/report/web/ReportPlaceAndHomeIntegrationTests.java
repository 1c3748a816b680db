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

    /** Reporter data is sealed at rest: rows are found by the keyed hash of the number (issue 15). */
    @Autowired
    nl.hartslag.db.crypto.PersonalData sealed;

    @Test
    void aPinAtALandmarkIsNamedAfterTheLandmarkOnTheStatusPage() {
        // Words that say nothing of where: only the pin, a few metres from the school's point.
        Map<String, Object> body = Map.of("category", "traffic",
                "description", "Ouders zetten hun auto elke ochtend dubbel geparkeerd met draaiende motor neer",
                "location", Map.of("lat", 50.90336, "lon", 5.96436));
        Created created = Reports.file(http, body);

        Map<String, Object> location = location(created, "nl");
        // "street" keeps its meaning of before (the named place, else the street): old pages name it too.
        assertThat(location).containsEntry("name", "Kindcentrum Passart")
                .containsEntry("street", "Kindcentrum Passart").containsEntry("kind", "PLACE");
        assertThat((String) location.get("label")).startsWith("Bij Kindcentrum Passart, ").endsWith("straat");
        // The landmark's point, three decimals: not the pin.
        assertThat(location).containsEntry("lat", 50.903).containsEntry("lon", 5.964);
        assertThat((String) location(created, "en").get("label")).startsWith("At Kindcentrum Passart, ");
    }

    @Test
    void aTypedAddressIsNamedByItsStreetOnlyEvenBesideALandmark() {
        // This part of Passartweg has its point a few metres from the flats: a typed address is often
        // the reporter's home, so it is named by its street, and never with its house number.
        Created created = Reports.file(http, Reports.report("animal",
                "Duiven nestelen onder mijn dakgoot en de stoep ligt vol uitwerpselen", "Passartweg 137"));

        Map<String, Object> location = location(created, "nl");
        assertThat(location).containsEntry("street", "Passartweg").containsEntry("kind", "STREET")
                .containsEntry("label", "In de buurt van Passartweg").doesNotContainKey("name");
        assertThat(location.toString()).doesNotContain("137");
    }

    @Test
    void aHomeIsKeptWithTheContactForCoordinatorsOnly() {
        Map<String, Object> body = Reports.report("animal", "Ratten en muizen onder de vlonder van het achterpad",
                "Klinkertstraat 52", Reports.contact("+31 6 2345 6781", "Ria"));
        body.put("home", "klinkertstr. 21b");
        Created created = Reports.file(http, body);

        Map<String, Object> staff = http.get().uri("/api/v1/staff/reports/{r}", created.reference())
                .headers(TestAccounts::asCoordinator).exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> contact = (Map<String, Object>) staff.get("contact");
        assertThat(contact).containsEntry("home", "Klinkertstraat 21b").containsEntry("name", "Ria");

        String resident = http.get().uri("/api/v1/reports/{r}?token={t}", created.reference(),
                created.trackingToken()).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(resident).doesNotContain("21b").doesNotContain("Klinkertstraat 21");

        // A household is a reporter we can reach (V10), never their home: the key stays the phone number.
        assertThat(householdKey(created)).hasValue("phone:" + sealed.phoneLookup("+31623456781"));
    }

    @Test
    void anAnonymousReporterMayGiveAHomeAndStillCountsAsNoHousehold() {
        Map<String, Object> body = Reports.report("litter", "Lege blikjes en papiertjes langs de hele sloot",
                "Terhoevenderweg 100");
        body.put("home", "Terhoevenderweg 12");
        Created created = Reports.file(http, body);

        assertThat(householdKey(created)).isEmpty();
        assertThat(db.sql("""
                select rc.home_street_sealed, rc.home_house_number_sealed, rc.phone_sealed from report r
                  join reporter_contact rc on rc.id = r.reporter_contact_id where r.reference = :r
                """).bind("r", created.reference())
                .map(row -> sealed.open(row.get("home_street_sealed", String.class)) + " "
                        + sealed.open(row.get("home_house_number_sealed", String.class)) + " "
                        + sealed.open(row.get("phone_sealed", String.class)))
                .one().block()).isEqualTo("Terhoevenderweg 12 null");
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
        Map<String, Object> body = Reports.report("litter", "Overal peuken en plastic langs de sloot",
                "Terhoevenderweg 104");
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
                select household_key(rc.phone_hash, rc.email_hash, r.channel, r.street, r.house_number) as k
                  from report r left join reporter_contact rc on rc.id = r.reporter_contact_id
                 where r.reference = :r
                """).bind("r", created.reference())
                .map(row -> Optional.ofNullable(row.get("k", String.class))).one().block();
    }
}
