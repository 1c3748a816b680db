package nl.hartslag.map.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.map.MapSettings;
import nl.hartslag.place.Outline;
import nl.hartslag.place.Places;
import nl.hartslag.place.ServiceArea;
import reactor.core.publisher.Mono;

/**
 * What a page needs to draw the map: where the tiles come from (or none), the area, and the
 * gazetteer's outline to draw with or without tiles. Public: the residents' form uses it too, and
 * nothing in it is personal (street and place names, the gazetteer's fixed points).
 */
@RestController
@RequestMapping("/api/v1/map")
class MapController {

    /** GeoJSON's media type (RFC 7946). */
    static final MediaType GEO_JSON = MediaType.parseMediaType("application/geo+json");

    record LatLon(double lat, double lon) {
    }

    /** {@code tileUrl} null: no tiles, draw the outline. {@code bounds}: [[south, west], [north, east]]. */
    record MapConfig(String tileUrl, String attribution, LatLon center, double[][] bounds) {
    }

    private final MapSettings settings;
    private final Places places;

    MapController(MapSettings settings, Places places) {
        this.settings = settings;
        this.places = places;
    }

    @Operation(summary = "The map's tile source, attribution, centre and bounds (the service area)")
    @GetMapping("/config")
    MapConfig config() {
        ServiceArea area = places.area();
        return new MapConfig(settings.tiles() ? settings.tileUrl() : null, settings.attribution(),
                new LatLon(round((area.minLat() + area.maxLat()) / 2), round((area.minLon() + area.maxLon()) / 2)),
                new double[][] { { area.minLat(), area.minLon() }, { area.maxLat(), area.maxLon() } });
    }

    @Operation(summary = "The gazetteer as GeoJSON: streets as lines, named places as points (no personal data)")
    @GetMapping(path = "/outline", produces = { "application/geo+json", MediaType.APPLICATION_JSON_VALUE })
    Mono<ResponseEntity<Map<String, Object>>> outline() {
        return places.rows().map(Outline::of).map(outline -> ResponseEntity.ok()
                // Changes only when a coordinator adds a landmark: a few minutes of caching are harmless.
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(geoJson(outline)));
    }

    /** Six decimals (~10 cm): no floating-point noise in the answer. */
    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static Map<String, Object> geoJson(Outline outline) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (Outline.Street street : outline.streets()) {
            List<double[]> points = street.points();
            Map<String, Object> geometry = points.size() == 1
                    ? Map.of("type", "Point", "coordinates", lonLat(points.get(0)))
                    : Map.of("type", "LineString", "coordinates", points.stream().map(MapController::lonLat).toList());
            features.add(feature(geometry, street.name(), "street", street.neighbourhood()));
        }
        for (Outline.NamedPoint place : outline.places()) {
            features.add(feature(Map.of("type", "Point", "coordinates", List.of(place.lon(), place.lat())),
                    place.name(), "place", place.neighbourhood()));
        }
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("type", "FeatureCollection");
        collection.put("features", features);
        return collection;
    }

    private static Map<String, Object> feature(Map<String, Object> geometry, String name, String kind,
            String neighbourhood) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", name);
        properties.put("kind", kind);
        properties.put("neighbourhood", neighbourhood);
        Map<String, Object> feature = new LinkedHashMap<>();
        feature.put("type", "Feature");
        feature.put("geometry", geometry);
        feature.put("properties", properties);
        return feature;
    }

    /** GeoJSON order: longitude first. */
    private static List<Double> lonLat(double[] latLon) {
        return List.of(latLon[1], latLon[0]);
    }
}
