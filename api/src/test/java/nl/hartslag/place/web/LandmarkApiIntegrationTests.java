package nl.hartslag.place.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;
import nl.hartslag.support.TestAccounts;

/** Coordinators list and add landmarks over HTTP; bad input is answered with every field that is wrong. */
@IntegrationTest
class LandmarkApiIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Test
    void aCoordinatorAddsALandmarkWithAliasesAndSeesItListed() {
        Map<String, Object> created = http.post().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Moestuin Olmhof", "lat", 50.9027, "lon", 5.9650,
                        "aliases", List.of("buurtmoestuin", "de moestuin", "Moestuin Olmhof"), "street", "olmstraat 20-24"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();

        assertThat(created).containsEntry("name", "Moestuin Olmhof").containsEntry("street", "Olmstraat 20-24")
                .containsEntry("neighbourhood", "Passart").containsEntry("addedBy", TestAccounts.COORDINATOR);
        // The name itself is no alias.
        assertThat(created.get("aliases")).isEqualTo(List.of("buurtmoestuin", "de moestuin"));

        List<Map<String, Object>> all = http.get().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .exchange().expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(all).extracting(p -> (Object) p.get("name")).contains("Moestuin Olmhof", "Buurthuis Palmstraat");
        assertThat(all).filteredOn(p -> p.get("name").equals("Buurthuis Palmstraat")).singleElement()
                .satisfies(p -> {
                    assertThat(p.get("aliases")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                            .contains("wijkcentrum", "community centre");
                    assertThat(p.get("street")).isEqualTo("Palmstraat 2");
                    assertThat(p.get("addedBy")).isNull();
                });
    }

    @Test
    void badInputNamesEveryWrongField() {
        http.post().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "x", "lat", 52.37, "lon", 4.89, "aliases", List.of("ok alias", "a|b"),
                        "street", "Nergensstraat 4"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat(fields).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                        .containsExactlyInAnyOrder("name", "lat", "aliases[1]", "street"));
    }

    @Test
    void aMissingPointIsBadInput() {
        http.post().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Hondenuitlaatplek Lariks"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("lat");
    }

    @Test
    void aNameThatIsTakenWhateverTheCaseIsAConflict() {
        http.post().uri("/api/v1/staff/places").headers(TestAccounts::asCoordinator)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "buurthuis palmstraat", "lat", 50.904, "lon", 5.9688))
                .exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void onlyStaffMayListOrAdd() {
        http.get().uri("/api/v1/staff/places").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/staff/places").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Trapveld Wilg", "lat", 50.9106, "lon", 5.9650))
                // Refused before the handler: without a session there is no CSRF token either (403), or no login (401).
                .exchange().expectStatus().value(status -> assertThat(status).isIn(401, 403));
    }
}
