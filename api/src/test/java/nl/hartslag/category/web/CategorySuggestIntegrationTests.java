package nl.hartslag.category.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import nl.hartslag.support.IntegrationTest;

/** Category suggestions while a resident types, over real HTTP, without a login. */
@IntegrationTest
class CategorySuggestIntegrationTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Test
    void loudMusicUntilFourRanksNoiseFirst() {
        // The acceptance check of issue 14: on the wire ?text=harde%20muziek%20tot%20vier%20uur.
        List<Map<String, Object>> ranked = http.get()
                .uri("/api/v1/categories/suggest?text={t}", "harde muziek tot vier uur")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(ranked).isNotEmpty();
        assertThat(ranked.get(0)).containsEntry("code", "noise").containsEntry("label", "Geluidsoverlast");
        assertThat(((Number) ranked.get(0).get("score")).doubleValue()).isBetween(0.0, 1.0);
    }

    @Test
    void labelsFollowTheReadersLanguageAndOnlyEvidencedCategoriesAreListed() {
        List<Map<String, Object>> ranked = http.get().uri("/api/v1/categories/suggest?text={t}",
                "bags of rubbish dumped next to the bins").header(HttpHeaders.ACCEPT_LANGUAGE, "en").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(ranked).extracting(c -> c.get("code")).first().isEqualTo("dumping");
        assertThat(ranked).extracting(c -> c.get("code")).doesNotContain("noise", "other", "domestic");
        assertThat(ranked.get(0).get("label")).asString().isNotBlank().doesNotContain("Afval");
    }

    @Test
    void aWorryAboutAHouseholdSuggestsDomesticFirst() {
        List<Map<String, Object>> ranked = http.get().uri("/api/v1/categories/suggest?text={t}",
                "Ik hoor de buurman zijn vriendin slaan, ze schreeuwt om hulp").exchange()
                .expectStatus().isOk().expectBody(LIST).returnResult().getResponseBody();
        assertThat(ranked.get(0)).containsEntry("code", "domestic");
    }

    @Test
    void noTextOrNoEvidenceIsAnEmptyList() {
        http.get().uri("/api/v1/categories/suggest?text=").exchange()
                .expectStatus().isOk().expectBody().json("[]");
        http.get().uri("/api/v1/categories/suggest").exchange()
                .expectStatus().isOk().expectBody().json("[]");
        http.get().uri("/api/v1/categories/suggest?text={t}", "goedemiddag, ik heb een vraag").exchange()
                .expectStatus().isOk().expectBody().json("[]");
    }

    @Test
    void aTextLongerThanADescriptionIsRefusedOnText() {
        http.get().uri("/api/v1/categories/suggest?text={t}", "a".repeat(4001))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "nl").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.errors[0].message").isEqualTo("Dit is te lang (hoogstens 4.000 tekens).");
        http.get().uri("/api/v1/categories/suggest?text={t}", "herrie ".repeat(571)).exchange()
                .expectStatus().isOk();
    }
}
