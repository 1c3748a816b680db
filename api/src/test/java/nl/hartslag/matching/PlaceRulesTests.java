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
            assertThat(named(places(report("muizen en afval naast de flats", 50.9067, 5.9711, null))))
                    .containsExactly("Flat Passartweg");
        }

        @Test
        void aGenericKindFarFromEveryLandmarkOfItsKindIsNone() {
            assertThat(named(places(report("muizen en afval naast de flats", HOENSBROEK_LAT,
                    HOENSBROEK_LON, null)))).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @CsvSource(delimiter = ';', value = {
                "kapotte fietsen bij de school aan de Hazelaarstraat; Kindcentrum Passart",
                "voetballen tegen het hek van de school aan de laurier straat; Kindcentrum Passart",
                "een kapotte bank in het park langs de terweijerweg; Ter Weijerpark",
                "the bus stop on Akerstraat-Noord is covered in stickers; Bushalte Passart" })
        void aKindNearANamedStreetIsThatLandmarkNotTheStreet(String text, String landmark) {
            List<Place> places = places(text);

            assertThat(places.get(0).source()).isEqualTo(Place.Source.NAMED_PLACE);
            assertThat(places.get(0).namedPlace()).isEqualTo(landmark);
        }

        @Test
        void aKindAtAStreetWithNoSuchLandmarkIsThatKindAtThatStreetNothingInvented() {
            // No church is known near the Hoofdstraat: the place is "a church at the Hoofdstraat", as said.
            List<Place> places = places("drugsafval naast de kerk aan de Hoofdstraat");

            assertThat(places).extracting(Place::source, Place::street, Place::namedPlace).containsExactly(
                    tuple(Place.Source.KIND_AT_STREET, "Hoofdstraat", "church · Hoofdstraat"),
                    tuple(Place.Source.TEXT_STREET, "Hoofdstraat", null));
            assertThat(places.get(0).precise()).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "auto's wachten bij de garageboxen achter de seringstraat", "garages seringstr. weer",
                "er staat een busje voor de garage boxen achter de sering straat" })
        void theSameKindAtTheSameStreetIsOnePlace(String text) {
            assertThat(named(places(text))).containsExactly("garages · Seringstraat");
        }

        @Test
        void aKindAtTheOneStreetTheTextNamesIsThatKindAtThatStreet() {
            assertThat(named(places("Bezoek Olmstraat: de bewoonster vindt elke week afval bij de garageboxen, ze"
                    + " wil een camera."))).containsExactly("garages · Olmstraat");
            // Not where something happens ("naar school"), or two streets named: no place is made up.
            assertThat(named(places("Op de Kouvenderstraat rijden ze te hard, kinderen lopen daar naar school"))).isEmpty();
            assertThat(named(places("Tussen Olmstraat en Vlierstraat wordt gedumpt bij de garageboxen"))).isEmpty();
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
            assertThat(named(places("brommers crossen over het parkeerterrein van de super"))).containsExactly(
                    "Winkelstrip Akerstraat-Noord");
            assertThat(places("super irritant die herrie elke nacht")).isEmpty();
        }

        @Test
        void aDiminutiveIsTheSameKind() {
            assertThat(named(places("rommel bij het winkelstripje"))).containsExactly("Winkelstrip Akerstraat-Noord");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "te hard rijden op de passartweg", "lawaai bij de passart wel elke nacht",
                "hondenpoep voor de deuren in de palmstraat" })
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

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "brommers op het fietspad akerstraat bij de rotonde", "een lekkende container aan de Akerstraat" })
        void theHeadOfAHyphenatedNameIsThatStreet(String text) {
            assertThat(places(text)).extracting(Place::street).containsExactly("Akerstraat-Noord");
        }

        @Test
        void deMijnStraatIsMijnstraat() {
            assertThat(places("er wordt gedeald in de mijn straat, al weken")).extracting(Place::street)
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
            List<Place> places = places(report("een kapotte lantaarn op de hoek met de Iepenstraat", null, null, "Wilgstraat 10"));

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
            PlaceFinder.HouseNumbers live = n -> n == 14 ? Set.of("Vlierstraat") : Set.of();

            assertThat(finder.find(report("de muziek van nummer 14 staat keihard", null, null, null), Set.of(),
                    new HashSet<>(), live)).extracting(Place::source, Place::street, Place::houseNumber)
                    .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Vlierstraat", 14));
        }

        @Test
        void thePinChoosesBetweenStreetsWithThatNumber() {
            PlaceFinder.HouseNumbers live = n -> Set.of("Vlierstraat", "Kouvenderstraat");

            // Pinned in Hoensbroek, next to the Kouvenderstraat.
            assertThat(finder.find(report("weer feest bij nr 14", 50.9252, 5.9215, null), Set.of(), new HashSet<>(), live))
                    .extracting(Place::street).containsExactly("Kouvenderstraat", null);
            // No pin: two streets qualify, so neither.
            assertThat(finder.find(report("weer feest bij nr 14", null, null, null), Set.of(), new HashSet<>(), live))
                    .isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "de hele nacht bonkende muziek op 14, niemand slaapt", "de buren van 14 zijn weer bezig" })
        void aNumberAfterOpOrBijIsAHouseOnlyWhereALiveProblemHasIt(String text) {
            PlaceFinder.HouseNumbers live = n -> n == 14 ? Set.of("Vlierstraat") : Set.of();

            assertThat(finder.find(report(text, null, null, null), Set.of(), new HashSet<>(), live))
                    .extracting(Place::street, Place::houseNumber).containsExactly(tuple("Vlierstraat", 14));
            assertThat(finder.find(report(text, null, null, null), Set.of(), new HashSet<>(), n -> Set.of())).isEmpty();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = { "het is op 14 juni begonnen", "ze staan op 14 meter van ons raam", "bij 14 graden al" })
        void aDateOrADistanceIsNoHouse(String text) {
            PlaceFinder.HouseNumbers live = n -> Set.of("Vlierstraat");

            assertThat(finder.find(report(text, null, null, null), Set.of(), new HashSet<>(), live)).isEmpty();
        }

        @Test
        void withoutALiveProblemAtThatNumberItIsNoPlace() {
            assertThat(finder.find(report("weer feest op nummer 14", null, null, null), Set.of(), new HashSet<>(),
                    n -> Set.of())).isEmpty();
        }

        @Test
        void theEngineKnowsTheLiveClustersHouseNumbers() {
            Engine engine = Engine.inMemory(SeedGazetteer.STREETS, SeedGazetteer.PLACES);
            engine.assign(new IncomingReport("a", NOW, "web", "Harde muziek uit de garage van Vlierstraat 14",
                    null, null, null, "noise"), "c1");

            List<Place> later = engine.places(new IncomingReport("b", NOW.plus(Duration.ofDays(3)), "sms",
                    "weer zo'n herrie van nummer 14", null, null, null, null));
            List<Place> muchLater = engine.places(new IncomingReport("c", NOW.plus(Duration.ofDays(40)), "sms",
                    "weer zo'n herrie van nummer 14", null, null, null, null));

            assertThat(later).extracting(Place::source, Place::street, Place::houseNumber)
                    .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Vlierstraat", 14));
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
