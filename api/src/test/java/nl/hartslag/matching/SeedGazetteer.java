package nl.hartslag.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import nl.hartslag.db.seed.GazetteerCsv;
import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/** The real seed gazetteer of the service area (db module: nl/hartslag/db/seed/*.csv), read once per JVM. */
final class SeedGazetteer {

    static final List<StreetSegment> STREETS;
    static final List<NamedPlace> PLACES;

    static {
        try (Reader streets = resource("nl/hartslag/db/seed/gazetteer.csv");
                Reader places = resource("nl/hartslag/db/seed/places.csv")) {
            STREETS = List.copyOf(GazetteerCsv.readStreets(streets));
            PLACES = List.copyOf(GazetteerCsv.readPlaces(places));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SeedGazetteer() {
    }

    static FeatureExtractor extractor() {
        return new FeatureExtractor(STREETS, PLACES);
    }

    static MatchingEngine inMemoryEngine() {
        return MatchingEngine.inMemory(STREETS, PLACES);
    }

    private static Reader resource(String name) {
        InputStream in = SeedGazetteer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the test classpath");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
