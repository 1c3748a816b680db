package nl.hartslag.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/** The area served widens for a neighbourhood with streets outside the configured rectangle, and only then. */
class ServiceAreaTests {

    private final ServiceArea configured = new ServiceArea(50.895, 50.935, 5.915, 5.985, 300);

    @Test
    void neighbourhoodsInsideChangeNothing() {
        assertThat(configured.including(List.of(new StreetSegment("Klaproosstraat", 1, 9, "6433 AB", 50.92, 5.93,
                "Zilverschoon")))).isSameAs(configured);
    }

    @Test
    void aNeighbourhoodOutsideWidensTheAreaToItsStreetsPlusTheMargin() {
        ServiceArea wider = configured.including(List.of(
                new StreetSegment("Boterbloemweg", 1, 9, "6440 AA", 50.95, 5.99, "Boterbloem"),
                new StreetSegment("Ratelaarpad", 1, 9, "6440 AB", 50.96, 6.00, "Boterbloem"),
                new StreetSegment("Klaproosstraat", 1, 9, "6433 AB", 50.92, 5.93, "Zilverschoon")));
        assertThat(wider.minLat()).isEqualTo(50.895);
        assertThat(wider.minLon()).isEqualTo(5.915);
        // 300 m is ~0.0027° of latitude and ~0.0043° of longitude here.
        assertThat(wider.maxLat()).isBetween(50.9625, 50.9630);
        assertThat(wider.maxLon()).isBetween(6.0040, 6.0046);
        assertThat(wider.contains(50.961, 6.003)).isTrue();
        assertThat(configured.contains(50.961, 6.003)).isFalse();
        assertThat(wider.contains(51.2, 6.0)).isFalse();
    }
}
