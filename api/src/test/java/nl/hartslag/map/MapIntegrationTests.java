package nl.hartslag.map;

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

/**
 * The map as every page gets it, without a login: tile source and area, the gazetteer's outline as
 * GeoJSON, Leaflet and Chart.js from the application itself, and a Content-Security-Policy that
 * lets the browser load tiles from the configured tile server and from nowhere else.
 */
@IntegrationTest
class MapIntegrationTests {

    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    @Autowired
    WebTestClient http;

    @Test
    void theConfigNamesTheTilesTheAttributionAndTheArea() {
        Map<String, Object> config = http.get().uri("/api/v1/map/config").exchange()
                .expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(config).containsEntry("tileUrl",
                "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png")
                .containsEntry("attribution", "Kaartgegevens © Kadaster");
        @SuppressWarnings("unchecked")
        Map<String, Number> center = (Map<String, Number>) config.get("center");
        @SuppressWarnings("unchecked")
        List<List<Number>> bounds = (List<List<Number>>) config.get("bounds");
        assertThat(bounds).hasSize(2);
        double south = bounds.get(0).get(0).doubleValue();
        double west = bounds.get(0).get(1).doubleValue();
        double north = bounds.get(1).get(0).doubleValue();
        double east = bounds.get(1).get(1).doubleValue();
        assertThat(south).isLessThan(north);
        assertThat(west).isLessThan(east);
        assertThat(center.get("lat").doubleValue()).isBetween(south, north);
        assertThat(center.get("lon").doubleValue()).isBetween(west, east);
    }

    @Test
    void theOutlineIsTheGazetteerAsGeoJsonWithNothingPersonal() {
        String secret = "Geheim-" + System.nanoTime();
        http.post().uri("/api/v1/reports").bodyValue(Map.of("category", "litter",
                "description", "Zwerfvuil overal en een " + secret + " op de stoep", "address", "Vlierstraat 12",
                "contact", Map.of("name", "Piet Privé", "phone", "06 13572468")))
                .exchange().expectStatus().isCreated();

        byte[] raw = http.get().uri("/api/v1/map/outline").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.parseMediaType("application/geo+json"))
                .expectBody().returnResult().getResponseBody();
        String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(secret, "Piet", "613572468", "Vlierstraat 12");

        Map<String, Object> outline = http.get().uri("/api/v1/map/outline").accept(MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk().expectBody(OBJECT).returnResult().getResponseBody();
        assertThat(outline).containsEntry("type", "FeatureCollection");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> features = (List<Map<String, Object>>) outline.get("features");
        List<Map<String, Object>> lines = features.stream().filter(f -> "LineString".equals(geometry(f).get("type")))
                .toList();
        List<Map<String, Object>> places = features.stream().filter(f -> "place".equals(properties(f).get("kind")))
                .toList();
        assertThat(lines).isNotEmpty().allSatisfy(f -> {
            assertThat(properties(f)).containsEntry("kind", "street").containsKeys("name", "neighbourhood");
            @SuppressWarnings("unchecked")
            List<List<Number>> coordinates = (List<List<Number>>) geometry(f).get("coordinates");
            assertThat(coordinates).hasSizeGreaterThanOrEqualTo(2).allSatisfy(lonLat -> {
                // GeoJSON order: longitude (about 5.9 here) before latitude (about 50.9).
                assertThat(lonLat.get(0).doubleValue()).isBetween(-180.0, 180.0).isLessThan(lonLat.get(1).doubleValue());
            });
        });
        assertThat(places).isNotEmpty().allSatisfy(f -> assertThat(geometry(f)).containsEntry("type", "Point"));
        // Every street of the gazetteer is drawn, one feature per street (and neighbourhood).
        assertThat(features.stream().filter(f -> "street".equals(properties(f).get("kind")))
                .map(f -> properties(f).get("name"))).contains("Passartweg", "Vlierstraat");
    }

    @Test
    void theContentSecurityPolicyAllowsImagesFromTheTileServerOnly() {
        String policy = http.get().uri("/").exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("img-src 'self' data: https://service.pdok.nl;")
                .contains("script-src 'self';").contains("default-src 'self';")
                .doesNotContain("img-src *").doesNotContain("http:");
    }

    @Test
    void leafletAndChartJsAreServedByTheApplicationToEveryone() {
        WebTestClient http = this.http.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(1 << 20)).build();
        for (String path : List.of("/webjars/leaflet/1.9.4/dist/leaflet.js", "/webjars/leaflet/1.9.4/dist/leaflet.css",
                "/webjars/leaflet/1.9.4/dist/images/marker-icon.png", "/webjars/chart.js/4.4.1/dist/chart.umd.js")) {
            byte[] body = http.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()
                    .getResponseBody();
            assertThat(body).as(path).hasSizeGreaterThan(500);
        }
        http.get().uri("/webjars/leaflet/1.9.4/dist/leaflet.js").exchange().expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).contains("javascript"))
                .expectBody(String.class).value(js -> assertThat(js).contains("Leaflet"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> geometry(Map<String, Object> feature) {
        return (Map<String, Object>) feature.get("geometry");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> feature) {
        return (Map<String, Object>) feature.get("properties");
    }
}
