package nl.hartslag.map;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The map's background ({@code hartslag.map.*}).
 *
 * @param tileUrl an XYZ tile URL template with {z}, {x} and {y} (default: PDOK's BRT achtergrondkaart,
 *            free and without a key); empty for no tiles at all (offline, tests): the pages then draw
 *            the gazetteer's outline only. Its scheme and host are the one image source the
 *            Content-Security-Policy allows besides the application itself.
 * @param attribution shown on the map, as the tile provider asks
 */
@Validated
@ConfigurationProperties("hartslag.map")
public record MapSettings(
        @DefaultValue("https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png")
        @NotNull @Size(max = 500)
        @Pattern(regexp = "^$|^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[^\\s'\";]*\\{z\\}[^\\s'\";]*$",
                message = "must be empty or an http(s) URL template with {z}, {x} and {y}, without quotes or spaces")
        String tileUrl,
        @DefaultValue("Kaartgegevens © Kadaster") @NotNull @Size(max = 300) String attribution) {

    /** Whether tiles are configured. */
    public boolean tiles() {
        return !tileUrl.isBlank();
    }

    /** The tile server's origin ({@code https://service.pdok.nl}), for the Content-Security-Policy. */
    public Optional<String> tileOrigin() {
        if (!tiles()) {
            return Optional.empty();
        }
        URI uri = URI.create(tileUrl.replace("{", "%7B").replace("}", "%7D"));
        return Optional.of(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }
}
