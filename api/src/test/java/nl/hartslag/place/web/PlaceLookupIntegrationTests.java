package nl.hartslag.place.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;

/** The form's place lookups over real HTTP: typo-tolerant search with landmarks, and a dropped pin named. */
@IntegrationTest
class PlaceLookupIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Test
    void aTypoAndAHouseNumberStillFindTheStreet() {
        List<Map<String, Object>> found = http.get().uri("/api/v1/places?q={q}", "Pasartweg 14").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(found).isNotEmpty();
        assertThat(found.get(0)).containsEntry("name", "Passartweg").containsEntry("kind", "STREET");
        assertThat(found.get(0).get("lat")).isInstanceOf(Number.class);
    }

    @Test
    void aWordInsideALandmarkOrItsOtherNamesFindsIt() {
        List<Map<String, Object>> found = http.get().uri("/api/v1/places?q={q}", "wijkcentrum").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(found).extracting(s -> s.get("name")).contains("Buurthuis Palmstraat");
        assertThat(found).filteredOn(s -> "Buurthuis Palmstraat".equals(s.get("name"))).singleElement()
                .satisfies(s -> assertThat(s).containsEntry("kind", "PLACE").containsEntry("street", "Palmstraat"));

        List<Map<String, Object>> inside = http.get().uri("/api/v1/places?q={q}", "jasmijnhof").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(inside).extracting(s -> s.get("name")).contains("Speeltuin Jasmijnhof");
    }

    @Test
    void aPinAtThePlaygroundIsNamedAfterItInTheReadersLanguage() {
        Map<String, Object> nl = http.get().uri("/api/v1/places/at?lat=50.90852&lon=5.96672")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(nl).containsEntry("label", "Bij Speeltuin Jasmijnhof, Jasmijnstraat")
                .containsEntry("name", "Speeltuin Jasmijnhof").containsEntry("street", "Jasmijnstraat")
                .containsEntry("kind", "PLACE");

        Map<String, Object> en = http.get().uri("/api/v1/places/at?lat=50.90852&lon=5.96672")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(en).containsEntry("label", "At Speeltuin Jasmijnhof, Jasmijnstraat");

        Map<String, Object> lang = http.get().uri("/api/v1/places/at?lat=50.90852&lon=5.96672&lang=en")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(lang.get("label")).asString().startsWith("At ");
    }

    @Test
    void aPinAwayFromLandmarksIsNearTheStreetNeverAHouseNumber() {
        Map<String, Object> spot = http.get().uri("/api/v1/places/at?lat=50.90935&lon=5.96825")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(spot).containsEntry("kind", "STREET").containsEntry("street", "Eikstraat")
                .containsEntry("label", "In de buurt van Eikstraat");
        assertThat(spot.get("label").toString()).doesNotContainPattern("\\d");
    }

    @Test
    void aPinOutsideTheServiceAreaIsRefusedOnLat() {
        http.get().uri("/api/v1/places/at?lat=52.3702&lon=4.8952").header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("lat")
                .jsonPath("$.errors[0].message").isEqualTo("This place is outside our area (Passart and surroundings).");
    }

    @Test
    void numbersThatAreNoCoordinatesAreRefusedFieldByField() {
        http.get().uri("/api/v1/places/at?lat=abc&lon=5.96").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
        http.get().uri("/api/v1/places/at?lat=50.9&lon=999").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lon");
        http.get().uri("/api/v1/places/at?lat=NaN&lon=Infinity").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        http.get().uri("/api/v1/places/at").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
    }

    @Test
    void theLookupsNeedNoLogin() {
        http.get().uri("/api/v1/places?q=eik").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/places/at?lat=50.905&lon=5.965").exchange().expectStatus().isOk();
    }
}
