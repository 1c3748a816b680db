package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The place rules of issue 11, one nested class a rule, against the real seed gazetteer and
 * landmarks (places.csv with aliases and streets). Texts are invented.
 */
class PlaceRulesTests {

    private static final PlaceFinder finder = new PlaceFinder(SeedGazetteer.STREETS, SeedGazetteer.PLACES,
            new NuisanceAnalysis());
    private static final Instant NOW = Instant.parse("2026-06-10T21:00:00Z");

    /** In Hoensbroek, some 2.5 km from every Passart landmark. */
    private static final double HOENSBROEK_LAT = 50.9255;
    private static final double HOENSBROEK_LON = 5.9214;

    @Nested
    class Landmarks {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "graffiti op de deur van het wijkcentrum", "het buurthuis is beklad",
                "someone broke the window of the community centre", "bij t buurtcentrum liggen scherven" })
        void anAliasNamesTheLandmark(String text) {
            assertThat(named(places(text))).containsExactly("Buurthuis Palmstraat");
        }

        @Test
        void aGenericKindNearThePinIsTheNearestLandmarkOfThatKind() {
            // Pinned some 25 m from the flat on the Passartweg.
            assertThat(named(places(report("ratten bij de containers achter de flats", 50.9067, 5.9711, null))))
                    .containsExactly("Flat Passartweg");
        }

        @Test
        void aGenericKindFarFromEveryLandmarkOfItsKindIsNone() {
            assertThat(named(places(report("ratten bij de containers achter de flats", HOENSBROEK_LAT,
                    HOENSBROEK_LON, null)))).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = ';', value = {
                "de lamp bij de school aan de Hazelaarstraat is stuk; Kindcentrum Passart",
                "jongeren op het schoolplein bij de laurier straat; Kindcentrum Passart",
                "glas in het park bij de terweijerweg; Ter Weijerpark",
                "de halte aan de akerstraat noord is weer beklad; Bushalte Passart" })
        void aKindNearANamedStreetIsThatLandmarkNotTheStreet(String text, String landmark) {
            List<Place> places = places(text);

            assertThat(places.get(0).source()).isEqualTo(Place.Source.NAMED_PLACE);
            assertThat(places.get(0).namedPlace()).isEqualTo(landmark);
        }

        @Test
        void aKindNearAStreetWithNoSuchLandmarkNearbyIsOnlyTheStreet() {
            // There is no known church near the Kerkstraat: the street stays, nothing is invented.
            assertThat(places("jongeren op de trappen van de kerk in de kerkstraat"))
                    .extracting(Place::source, Place::street).containsExactly(tuple(Place.Source.TEXT_STREET, "Kerkstraat"));
        }

        @Test
        void anAddressInALandmarksRangeIsThatLandmark() {
            assertThat(named(places("portiekdeur van Passartweg 124 staat weer open"))).containsExactly("Flat Passartweg");
            assertThat(named(places("portiekdeur van Passartweg 12 staat weer open"))).isEmpty();
        }

        @Test
        void aNeighbourhoodNamedInTheTextRulesOutLandmarksElsewhere() {
            assertThat(named(places("schoolplein in hoensbroek ligt vol glas"))).isEmpty();
            assertThat(named(places("schoolplein in passart ligt vol glas"))).containsExactly("Kindcentrum Passart");
        }

        @Test
        void deSuperIsTheSupermarketButSuperIsVery() {
            assertThat(named(places("auto's scheuren over de parkeerplaats van de super"))).containsExactly(
                    "Winkelstrip Akerstraat-Noord");
            assertThat(places("super irritant die herrie elke nacht")).isEmpty();
        }

        @Test
        void aDiminutiveIsTheSameKind() {
            assertThat(named(places("rommel bij het winkelstripje"))).containsExactly("Winkelstrip Akerstraat-Noord");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "te hard rijden op de passartweg", "ze staan bij de passart weer te schreeuwen",
                "scooters op de stoep van de palmstraat" })
        void aLandmarkNamedAfterItsStreetIsNotFoundThroughTheStreet(String text) {
            assertThat(named(places(text))).isEmpty();
        }

        @Test
        void theNameOfALandmarkStillFindsIt() {
            assertThat(named(places("trappenhuis flat passartweg stinkt"))).containsExactly("Flat Passartweg");
        }
    }

    @Nested
    class SpokenStreets {

        @ParameterizedTest(name = "\"{0}\" is {1}")
        @CsvSource(delimiter = ';', value = {
                "ze racen weer over de wassartweg; Passartweg",
                "ik bel over de nazelaar straat daar is het weer raak; Hazelaarstraat",
                "de lantaarn in de pinde straat is kapot; Lindestraat" })
        void aMisheardFirstLetterIsForgivenInALongName(String text, String street) {
            assertThat(places(text)).extracting(Place::street).containsExactly(street);
        }

        @Test
        void aMisheardFirstLetterThatFitsTwoStreetsIsNeither() {
            // "merkstraat": Berkstraat or Kerkstraat?
            assertThat(places("herrie in de merkstraat")).isEmpty();
        }

        @Test
        void aShortNameMustKeepItsFirstLetter() {
            assertThat(places("herrie in de molmstr")).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "herrie opdebeukstraat 12", "herrie inde beukstraat 12", "herrie beukstraat12" })
        void aGluedArticleOrNumberIsSplitOff(String text) {
            assertThat(places(text)).extracting(Place::street, Place::houseNumber).containsExactly(tuple("Beukstraat", 12));
        }

        @Test
        void deMijnStraatIsMijnstraat() {
            assertThat(places("ik bel uit de mijn straat in hoensbroek over karaoke")).extracting(Place::street)
                    .containsExactly("Mijnstraat");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "in mijn straat staat een wrak", "ze racen door mijn straat" })
        void mijnStraatWithoutAnArticleIsTheWritersOwnStreet(String text) {
            assertThat(places(text)).isEmpty();
        }
    }

    @Nested
    class Corners {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "hoek berk/esdoorn ligt grofvuil", "op de hoek van de berk straat en de esdoorn straat",
                "grofvuil hoek Berkstraat Esdoornstraat", "the corner of Berkstraat and Esdoornstraat" })
        void aCornerIsThePointWhereTheStreetsMeet(String text) {
            List<Place> places = places(text);

            assertThat(places).extracting(Place::street).contains("Berkstraat", "Esdoornstraat");
            Place corner = places.stream().filter(p -> p.source() == Place.Source.CORNER).findFirst().orElseThrow();
            // Berkstraat runs east-west (two segments at one latitude); Esdoornstraat crosses it at its longitude.
            assertThat(corner.lat()).isCloseTo(50.9052, within(1e-4));
            assertThat(corner.lon()).isCloseTo(5.9605, within(1e-4));
            assertThat(corner.precise()).isTrue();
        }

        @Test
        void aShortStemIsAStreetOnlyInACorner() {
            assertThat(places("de berk in de tuin is omgewaaid")).isEmpty();
            assertThat(places("hoek olm/esdoorn ligt grofvuil")).extracting(Place::street)
                    .contains("Olmstraat", "Esdoornstraat");
        }

        @Test
        void theCornerWithTheTypedStreet() {
            List<Place> places = places(report("grofvuil op de hoek met de Populierstraat", null, null, "Lindestraat 16"));

            assertThat(places).extracting(Place::source).contains(Place.Source.CORNER);
        }

        @Test
        void twoParallelStreetsHaveNoCorner() {
            assertThat(places("hoek olmstraat lindestraat")).extracting(Place::source)
                    .doesNotContain(Place.Source.CORNER);
        }
    }

    @Nested
    class BareNumbers {

        @Test
        void aBareNumberIsTheHouseOnTheStreetInPlayWhereALiveProblemHasIt() {
            PlaceFinder.HouseNumbers live = n -> n == 14 ? Set.of("Taxusstraat") : Set.of();

            assertThat(finder.find(report("wr feest op nummer 14. pls stuur iemand", null, null, null), Set.of(),
                    new HashSet<>(), live)).extracting(Place::source, Place::street, Place::houseNumber)
                    .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Taxusstraat", 14));
        }

        @Test
        void thePinChoosesBetweenStreetsWithThatNumber() {
            PlaceFinder.HouseNumbers live = n -> Set.of("Taxusstraat", "Kouvenderstraat");

            // Pinned in Hoensbroek, next to the Kouvenderstraat.
            assertThat(finder.find(report("weer feest bij nr 14", 50.9252, 5.9215, null), Set.of(), new HashSet<>(), live))
                    .extracting(Place::street).containsExactly("Kouvenderstraat", null);
            // No pin: two streets qualify, so neither.
            assertThat(finder.find(report("weer feest bij nr 14", null, null, null), Set.of(), new HashSet<>(), live))
                    .isEmpty();
        }

        @Test
        void withoutALiveProblemAtThatNumberItIsNoPlace() {
            assertThat(finder.find(report("weer feest op nummer 14", null, null, null), Set.of(), new HashSet<>(),
                    n -> Set.of())).isEmpty();
        }

        @Test
        void theEngineKnowsTheLiveClustersHouseNumbers() {
            Engine engine = Engine.inMemory(SeedGazetteer.STREETS, SeedGazetteer.PLACES);
            engine.assign(new IncomingReport("a", NOW, "web", "Harde muziek en een dj in de tuin van Taxusstraat 14",
                    null, null, null, "noise"), "c1");

            List<Place> later = engine.places(new IncomingReport("b", NOW.plus(Duration.ofDays(3)), "sms",
                    "wr feest met harde muziek op nummer 14", null, null, null, null));
            List<Place> muchLater = engine.places(new IncomingReport("c", NOW.plus(Duration.ofDays(40)), "sms",
                    "wr feest met harde muziek op nummer 14", null, null, null, null));

            assertThat(later).extracting(Place::source, Place::street, Place::houseNumber)
                    .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Taxusstraat", 14));
            // Forty days on, that problem is no longer live: "nummer 14" says nothing.
            assertThat(muchLater).isEmpty();
        }
    }

    @Nested
    class TypedAddresses {

        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = ';', value = {
                "Kastanjest. 5; Kastanjestraat; 5", "Hoofdstraat82; Hoofdstraat; 82", "Beukstraat 23a, Heerlen; Beukstraat; 23",
                "wilgstraat nr 30; Wilgstraat; 30", "Wilgstraat nr.30; Wilgstraat; 30", "Lindestr 12; Lindestraat; 12",
                "berkstraat 4 6413 BE Heerlen; Berkstraat; 4" })
        void aTypedAddressIsReadAsResidentsTypeIt(String typed, String street, int number) {
            assertThat(places(report("herrie", null, null, typed))).extracting(Place::source, Place::street, Place::houseNumber)
                    .containsExactly(tuple(Place.Source.TYPED_ADDRESS, street, number));
        }
    }

    private static List<Place> places(String smsText) {
        return places(report(smsText, null, null, null));
    }

    private static List<Place> places(IncomingReport report) {
        return finder.find(report, Set.of());
    }

    private static List<String> named(List<Place> places) {
        return places.stream().filter(p -> p.namedPlace() != null).map(Place::namedPlace).toList();
    }

    private static IncomingReport report(String text, Double lat, Double lon, String address) {
        return new IncomingReport("r-1", NOW, address == null && lat == null ? "sms" : "web", text, lat, lon, address,
                null);
    }
}
