package nl.hartslag.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** The tile URL setting: what the Content-Security-Policy allows from it, and what is refused. */
class MapSettingsTests {

    private static final String PDOK =
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png";

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void theTileOriginIsSchemeHostAndPortOnly() {
        assertThat(new MapSettings(PDOK, "Kadaster").tileOrigin()).hasValue("https://service.pdok.nl");
        assertThat(new MapSettings("http://localhost:18731/tiles/{z}/{x}/{y}.png", "test").tileOrigin())
                .hasValue("http://localhost:18731");
    }

    @Test
    void anEmptyTileUrlMeansOfflineAndNoOrigin() {
        MapSettings offline = new MapSettings("", "Kadaster");
        assertThat(offline.tiles()).isFalse();
        assertThat(offline.tileOrigin()).isEqualTo(Optional.empty());
        assertThat(validator.validate(offline)).isEmpty();
    }

    @Test
    void aTileUrlThatCouldWidenThePolicyIsRefused() {
        for (String bad : new String[] { "*", "https://*.example.org/{z}/{x}/{y}.png",
                "https://tiles.example.org/{z}/{x}/{y}.png; script-src *", "ftp://tiles.example.org/{z}/{x}/{y}",
                "https://tiles.example.org/static.png", "https://tiles.example.org/'{z}" }) {
            assertThat(validator.validate(new MapSettings(bad, "x"))).as(bad).isNotEmpty();
        }
        assertThat(validator.validate(new MapSettings(PDOK, "Kadaster"))).isEmpty();
    }
}
