package nl.hartslag.staff.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import nl.hartslag.map.MapSettings;

/** Images may come from the application, data: URLs and the configured tile server: nothing else. */
class ContentSecurityPolicyTests {

    @Test
    void imagesComeFromUsAndTheTileServer() {
        assertThat(SecurityConfiguration.imageSources(new MapSettings(
                "https://tiles.example.org:8443/osm/{z}/{x}/{y}.png", "x")))
                .isEqualTo("'self' data: https://tiles.example.org:8443");
    }

    @Test
    void withoutTilesOnlyUsAndDataUrls() {
        assertThat(SecurityConfiguration.imageSources(new MapSettings("", "x"))).isEqualTo("'self' data:");
    }
}
