package nl.hartslag.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import nl.hartslag.db.seed.GazetteerCsv;
import nl.hartslag.place.Gazetteer.Miss;
import nl.hartslag.place.Gazetteer.Resolution;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Against the real seed data of the service area (db module: nl/hartslag/db/seed/*.csv). */
class GazetteerTests {

    private static Gazetteer gazetteer;

    @BeforeAll
    static void readSeedData() throws IOException {
        try (Reader streets = resource("nl/hartslag/db/seed/gazetteer.csv");
                Reader places = resource("nl/hartslag/db/seed/places.csv")) {
            gazetteer = new Gazetteer(GazetteerCsv.readStreets(streets), GazetteerCsv.readPlaces(places));
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "Passartweg 14", "passartweg 14", "PASSARTWEG 14", "Passartweg14", "  Passartweg   14  ",
            "Passartweg 14, Heerlen", "Passartweg 14,6412 BG Heerlen", "Passartweg nr. 14", "Pasartweg 14",
            "Passartwg 14", "Passartwegg 14" })
    void resolvesPassartweg14AsResidentsTypeIt(String typed) {
        Place place = resolved(typed);

        assertThat(place).isEqualTo(new Place("Passartweg", "14", "6412 BG", 50.906416, 5.95898, "Passart"));
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Passartweg 14a       | 14a
            Passartweg 14 A      | 14a
            Passartweg 14 bis    | 14bis
            Passartweg 14bis     | 14bis
            Passartweg 14 hs     | 14hs
            Passartweg 14-16     | 14
            """)
    void keepsALetterSuffixInTheHouseNumber(String typed, String houseNumber) {
        Place place = resolved(typed);

        assertThat(place.street()).isEqualTo("Passartweg");
        assertThat(place.houseNumber()).isEqualTo(houseNumber);
        assertThat(place.postcode()).isEqualTo("6412 BG");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Passartweg 1          | Passartweg       | 6412 BG
            Passartweg 49         | Passartweg       | 6412 BG
            Passartweg 51         | Passartweg       | 6412 BH
            Passartweg 150        | Passartweg       | 6412 BJ
            Akerstraat-Noord 71   | Akerstraat-Noord | 6412 AL
            akerstraat noord 350  | Akerstraat-Noord | 6431 GB
            Kouvenderstr. 50      | Kouvenderstraat  | 6431 HV
            kouvenderstr 50       | Kouvenderstraat  | 6431 HV
            Kouvenderst. 50       | Kouvenderstraat  | 6431 HV
            Wilhelminastraat 70   | Wilhelminastraat | 6431 KD
            Wilhelminastrat 70    | Wilhelminastraat | 6431 KD
            """)
    void picksTheSegmentWhoseRangeHoldsTheNumber(String typed, String street, String postcode) {
        Place place = resolved(typed);

        assertThat(place.street()).isEqualTo(street);
        assertThat(place.postcode()).isEqualTo(postcode);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "Passartplein", "passartplein", "  PASSARTPLEIN ", "Passartplein, Heerlen" })
    void resolvesANamedPlaceWithoutHouseNumber(String typed) {
        assertThat(resolved(typed))
                .isEqualTo(new Place("Passartplein", null, null, 50.9069, 5.9636, "Passart"));
    }

    @Test
    void resolvesANamedPlaceWithSpacesInItsName() {
        assertThat(resolved("ter weijerpark").street()).isEqualTo("Ter Weijerpark");
        assertThat(resolved("Winkelstrip Akerstraat-Noord").street()).isEqualTo("Winkelstrip Akerstraat-Noord");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Onbekendestraat 5      | UNKNOWN_STREET
            Rue de la Paix 5       | UNKNOWN_STREET
            Olm 5                  | UNKNOWN_STREET
            Olmstraat 5            | RESOLVED
            Olmstrat 5             | RESOLVED
            Beckstraat 5           | UNKNOWN_STREET
            Pssrtweg 14            | UNKNOWN_STREET
            Passartweg             | NO_HOUSE_NUMBER
            passartweg,  Heerlen   | NO_HOUSE_NUMBER
            Hulststr.              | NO_HOUSE_NUMBER
            Passartweg 151         | HOUSE_NUMBER_NOT_ON_STREET
            Passartweg 50          | HOUSE_NUMBER_NOT_ON_STREET
            Passartweg 0           | HOUSE_NUMBER_NOT_ON_STREET
            Akerstraat-Noord 200   | HOUSE_NUMBER_NOT_ON_STREET
            Hulststraat 41         | HOUSE_NUMBER_NOT_ON_STREET
            """)
    void saysWhyAnAddressDidNotResolve(String typed, String expected) {
        Resolution resolution = gazetteer.resolve(typed);

        if (expected.equals("RESOLVED")) {
            assertThat(resolution.place()).isPresent();
            assertThat(resolution.miss()).isNull();
        } else {
            assertThat(resolution.place()).isEmpty();
            assertThat(resolution.miss()).isEqualTo(Miss.valueOf(expected));
        }
    }

    @Test
    void aTypoCloseToTwoStreetsIsNotGuessed() {
        // "Beukstraat" and "Berkstraat" are one letter apart; "Beckstraat" is one letter from both.
        assertThat(resolved("Beukstraat 5").street()).isEqualTo("Beukstraat");
        assertThat(resolved("Berkstraat 5").street()).isEqualTo("Berkstraat");
        assertThat(gazetteer.resolve("Beckstraat 5").miss()).isEqualTo(Miss.UNKNOWN_STREET);
    }

    @Test
    void suggestsStreetsAndPlacesContainingWhatWasTypedPrefixMatchesFirst() {
        List<Suggestion> found = gazetteer.suggest("pass", 10);

        assertThat(found).extracting(Suggestion::name)
                .containsExactly("Passartplein", "Passartweg", "Bushalte Passart", "Flat Passartweg",
                        "Kindcentrum Passart");
        assertThat(found).filteredOn(s -> s.name().equals("Passartweg")).singleElement()
                .isEqualTo(new Suggestion("Passartweg", Suggestion.Kind.STREET, 1, 150, null, "Passart", null,
                        gazetteer.publicPoint("Passartweg").orElseThrow().lat(),
                        gazetteer.publicPoint("Passartweg").orElseThrow().lon()));
        assertThat(found).filteredOn(s -> s.name().equals("Passartplein")).singleElement()
                .isEqualTo(new Suggestion("Passartplein", Suggestion.Kind.PLACE, null, null, null, "Passart", null,
                        50.9069, 5.9636));
    }

    @Test
    void aStreetWithOneSegmentIsSuggestedWithItsPostcode() {
        assertThat(gazetteer.suggest("Hulst", 10))
                .extracting(Suggestion::name, Suggestion::kind, Suggestion::houseFrom, Suggestion::houseTo,
                        Suggestion::postcode, Suggestion::neighbourhood)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Hulststraat", Suggestion.Kind.STREET, 1, 40,
                        "6412 HN", "Passart"));
    }

    @Test
    void suggestIgnoresTheHouseNumberAndCase() {
        assertThat(gazetteer.suggest("PASSARTWEG 14", 10)).extracting(Suggestion::name)
                .containsExactly("Passartweg", "Flat Passartweg");
        assertThat(gazetteer.suggest("Kouvenderstr", 10)).extracting(Suggestion::name).containsExactly("Kouvenderstraat");
    }

    @Test
    void suggestRespectsTheLimit() {
        assertThat(gazetteer.suggest("pass", 2)).extracting(Suggestion::name)
                .containsExactly("Passartplein", "Passartweg");
        assertThat(gazetteer.suggest("straat", 3)).hasSize(3);
        assertThat(gazetteer.suggest("straat", 100)).hasSizeGreaterThan(30);
        assertThat(gazetteer.suggest("pass", 0)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", " ", "a", "P", "1", "14", "-", "a 14" })
    void suggestNeedsAtLeastTwoLetters(String typed) {
        assertThat(gazetteer.suggest(typed, 10)).isEmpty();
    }

    @Test
    void suggestFindsNothingForUnknownText() {
        assertThat(gazetteer.suggest("qqq", 10)).isEmpty();
    }

    @Test
    void nearestStreetIsTheStreetOfTheClosestSegment() {
        // Exactly on the coordinate of Passartweg 51-99, and 20 m north of it.
        assertThat(gazetteer.nearestStreet(50.90645, 5.965188, 50)).contains("Passartweg");
        assertThat(gazetteer.nearestStreet(50.90663, 5.965188, 50)).contains("Passartweg");
        // The coordinate of Mijnstraat in Hoensbroek.
        assertThat(gazetteer.nearestStreet(50.92875, 5.9295, 50)).contains("Mijnstraat");
    }

    @Test
    void nearestStreetIsEmptyBeyondTheDistance() {
        // Amsterdam, and a point ~200 m east of the Mijnstraat coordinate with a 50 m limit.
        assertThat(gazetteer.nearestStreet(52.3731, 4.8922, 1_000)).isEmpty();
        assertThat(gazetteer.nearestStreet(50.92875, 5.9323, 50)).isEmpty();
        assertThat(gazetteer.nearestStreet(50.92875, 5.9323, 500)).isPresent();
    }

    @Test
    void metresIsTheGreatCircleDistance() {
        // One thousandth of a degree of latitude is about 111 m everywhere.
        assertThat(Gazetteer.metres(50.9, 5.96, 50.901, 5.96)).isBetween(110.0, 112.5);
        assertThat(Gazetteer.metres(50.9, 5.96, 50.9, 5.96)).isZero();
    }

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Passartweg            | passartweg
            Akerstraat-Noord      | akerstraatnoord
            Kouvenderstr.         | kouvenderstraat
            Kouvenderstr          | kouvenderstraat
            Kouvenderst.          | kouvenderstraat
            Ter Weijerpark        | terweijerpark
            Cafe Dé Kroôn         | cafedekroon
            """)
    void keyFoldsCaseAccentsPunctuationAndAbbreviations(String name, String key) {
        assertThat(Gazetteer.key(name)).isEqualTo(key);
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Pasartweg 14       | Passartweg
            pasartweg          | Passartweg
            Passartwg          | Passartweg
            Pssartweg 3        | Passartweg
            Kouvendrstraat     | Kouvenderstraat
            Kouvenderstrat 2   | Kouvenderstraat
            Jasmynstraat       | Jasmijnstraat
            Wilhelminstraat    | Wilhelminastraat
            Speeltuin Jasmjnhof | Speeltuin Jasmijnhof
            Buurthuis Plamstraat | Buurthuis Palmstraat
            """)
    void suggestToleratesTyposBestMatchFirst(String typed, String expected) {
        assertThat(gazetteer.suggest(typed, 8)).extracting(Suggestion::name).first().isEqualTo(expected);
    }

    @Test
    void typosAllowedGrowWithTheLengthTyped() {
        // Four letters: none ("Eik" streets only by containing); longer: one, then two.
        assertThat(gazetteer.suggest("Eikx", 8)).isEmpty();
        assertThat(gazetteer.suggest("Eikstrat", 8)).extracting(Suggestion::name).first().isEqualTo("Eikstraat");
        assertThat(gazetteer.suggest("Xyzqstraat", 8)).extracting(Suggestion::name)
                .allMatch(name -> Fuzzy.inside("xyzqstraat", Gazetteer.key(name), 2) <= 2);
        assertThat(gazetteer.suggest("Qwrtplnk", 8)).isEmpty();
    }

    @Test
    void exactBeforeContainedBeforeTypos() {
        List<String> names = gazetteer.suggest("Jasmijn", 8).stream().map(Suggestion::name).toList();
        // The start of a name, then inside a name ("Speeltuin Jasmijnhof").
        assertThat(names).containsSubsequence("Jasmijnstraat", "Speeltuin Jasmijnhof");
        List<String> typo = gazetteer.suggest("Jasmijnstrat", 8).stream().map(Suggestion::name).toList();
        assertThat(typo.get(0)).isEqualTo("Jasmijnstraat");
    }

    @ParameterizedTest(name = "\"{0}\" finds {1}")
    @CsvSource(delimiter = '|', textBlock = """
            wijkcentrum        | Buurthuis Palmstraat
            community centre   | Buurthuis Palmstraat
            speeltuintje       | Speeltuin Jasmijnhof
            playground         | Speeltuin Jasmijnhof
            basisschool        | Kindcentrum Passart
            supermarkt         | Winkelstrip Akerstraat-Noord
            bushokje           | Bushalte Passart
            """)
    void findsLandmarksByTheOtherNamesResidentsUse(String typed, String landmark) {
        assertThat(gazetteer.suggest(typed, 8)).extracting(Suggestion::name).contains(landmark);
    }

    @Test
    void aLandmarkIsSuggestedWithTheStreetItStandsOnButNoNumberAndItsPoint() {
        Suggestion flat = gazetteer.suggest("Flat Passartweg", 8).get(0);
        assertThat(flat.name()).isEqualTo("Flat Passartweg");
        assertThat(flat.kind()).isEqualTo(Suggestion.Kind.PLACE);
        assertThat(flat.street()).isEqualTo("Passartweg");
        assertThat(flat.lat()).isEqualTo(50.9065);
        assertThat(flat.lon()).isEqualTo(5.9713);
    }

    @Test
    void aPinAtALandmarkIsThatLandmarkWithTheStreetNearestIt() {
        Gazetteer.Spot spot = gazetteer.spotAt(50.90855, 5.96675, 75, 250);
        assertThat(spot.kind()).isEqualTo(Gazetteer.Spot.Kind.PLACE);
        assertThat(spot.name()).isEqualTo("Speeltuin Jasmijnhof");
        assertThat(spot.street()).isEqualTo("Jasmijnstraat");
        // The landmark's point, not the pin.
        assertThat(spot.lat()).isEqualTo(50.909);
        assertThat(spot.lon()).isEqualTo(5.967);
    }

    @Test
    void aLandmarkWithARecordedStreetIsNamedWithItWithoutTheNumber() {
        Gazetteer.Spot spot = gazetteer.spotAt(50.90402, 5.96880, 75, 250);
        assertThat(spot.name()).isEqualTo("Buurthuis Palmstraat");
        assertThat(spot.street()).isEqualTo("Palmstraat");
    }

    @Test
    void aPinAwayFromLandmarksIsTheNearestStreetAndFarFromStreetsTheNeighbourhood() {
        Gazetteer.Spot street = gazetteer.spotAt(50.9093, 5.9682, 75, 250);
        assertThat(street.kind()).isEqualTo(Gazetteer.Spot.Kind.STREET);
        assertThat(street.name()).isEqualTo("Eikstraat");
        assertThat(street.street()).isEqualTo("Eikstraat");
        assertThat(gazetteer.publicPoint("Eikstraat")).hasValueSatisfying(p -> {
            assertThat(street.lat()).isEqualTo(p.lat());
            assertThat(street.lon()).isEqualTo(p.lon());
        });

        Gazetteer.Spot area = gazetteer.spotAt(50.9150, 5.9450, 75, 250);
        assertThat(area.kind()).isEqualTo(Gazetteer.Spot.Kind.AREA);
        assertThat(area.name()).isNull();
        assertThat(area.street()).isNull();
        assertThat(area.neighbourhood()).isNotBlank();
    }

    @Test
    void theLandmarkRadiusDecides() {
        // About 60 m from the playground: "bij" it with 75 m, the street with 40 m.
        assertThat(gazetteer.spotAt(50.9090, 5.9670, 75, 250).kind()).isEqualTo(Gazetteer.Spot.Kind.PLACE);
        assertThat(gazetteer.spotAt(50.9090, 5.9670, 40, 250).kind()).isEqualTo(Gazetteer.Spot.Kind.STREET);
    }

    @Test
    void aStoredNameIsALandmarkOnlyWhenTheGazetteerHasIt() {
        assertThat(gazetteer.landmark("speeltuin jasmijnhof")).hasValueSatisfying(s -> {
            assertThat(s.name()).isEqualTo("Speeltuin Jasmijnhof");
            assertThat(s.street()).isEqualTo("Jasmijnstraat");
        });
        assertThat(gazetteer.landmark("Eikstraat")).isEmpty();
        assertThat(gazetteer.landmark(null)).isEmpty();
    }

    private static Place resolved(String typed) {
        Resolution resolution = gazetteer.resolve(typed);
        assertThat(resolution.miss()).as("miss for \"%s\"", typed).isNull();
        return resolution.place().orElseThrow();
    }

    private static Reader resource(String name) {
        InputStream in = GazetteerTests.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the classpath").isNotNull();
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
