package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a report is about, found in its words, against the real seed gazetteer. */
class PlaceFinderTests {

    private static final FeatureExtractor extractor = SeedGazetteer.extractor();
    private static final Instant NOW = Instant.parse("2025-11-10T21:00:00Z");

    @Test
    void anAbbreviatedStreetWithANumberIsTheProblemsAddress() {
        List<Place> places = places("herrie op beukstr 23");

        assertThat(places).extracting(Place::source, Place::street, Place::houseNumber)
                .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Beukstraat", 23));
        // The coordinate of the segment that holds number 23 (Beukstraat 1-45).
        assertThat(places.get(0).lat()).isEqualTo(50.9092);
        assertThat(places.get(0).lon()).isEqualTo(5.961579);
    }

    @Test
    void theHouseNumberChoosesTheStreetSegment() {
        assertThat(places("feest beukstraat 60")).extracting(Place::houseNumber, Place::lon)
                .containsExactly(tuple(60, 5.970014));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "beuk straat drieëntwintig harde muziek", "BEUK STRAAT DRIEËNTWINTIG",
            "ik bel over geluidsoverlast in de beuk straat nummer drie en twintig het is weer feest daar",
            "nr 23 beukstraat feest", "kan echt nie meer. beukstraat 23 lawaai tot nu toe" })
    void aSplitStreetAndANumberInWordsAreFoundAsSpeechRecognisersWriteThem(String text) {
        assertThat(places(text)).extracting(Place::source, Place::street, Place::houseNumber)
                .containsExactly(tuple(Place.Source.TEXT_ADDRESS, "Beukstraat", 23));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "pasartweg zijn ze wr aan t racen", "te hard rijden op de pas hardweg",
            "herrie op de Passart weg", "wr zo'n idioot die met 100 over de passartweg scheurt" })
    void aMisspelledOrSplitStreetIsStillPassartweg(String text) {
        assertThat(places(text)).extracting(Place::source, Place::street)
                .containsExactly(tuple(Place.Source.TEXT_STREET, "Passartweg"));
    }

    @Test
    void aNamedPlaceIsFoundByItsName() {
        List<Place> places = places("wr die gasten bij de speeltuin jasmijnhof. auto met duits kenteken lichten uit");

        assertThat(places).extracting(Place::source, Place::namedPlace, Place::lat, Place::lon)
                .containsExactly(tuple(Place.Source.NAMED_PLACE, "Speeltuin Jasmijnhof", 50.9085, 5.9667));
    }

    @Test
    void theNamesWordsAreNotContentWords() {
        Features features = extract(report("jongeren bij de speeltuin jasmijnhof", null, null, null));

        assertThat(features.terms()).containsOnlyKeys("jonger");
    }

    @Test
    void justTheSpeeltuinIsTheAreasOnlyPlayground() {
        assertThat(places("jongeren bij de speeltuin")).extracting(Place::source, Place::namedPlace)
                .containsExactly(tuple(Place.Source.NAMED_PLACE, "Speeltuin Jasmijnhof"));
    }

    @Test
    void justTheSpeeltuinNearAPinIsThatPlayground() {
        List<Place> places = places(report("jongeren bij de speeltuin", 50.9086, 5.9668, null));

        assertThat(places).extracting(Place::source, Place::namedPlace)
                .containsExactly(tuple(Place.Source.NAMED_PLACE, "Speeltuin Jasmijnhof"),
                        tuple(Place.Source.PIN, null));
    }

    @Test
    void justTheSpeeltuinFarFromEverythingElseTheReportSaysIsNotJasmijnhof() {
        // Pinned and typed in Hoensbroek, 2.5 km from Jasmijnhof: some other playground.
        assertThat(places(report("jongeren bij de speeltuin", 50.9255, 5.9214, null)))
                .extracting(Place::source).containsExactly(Place.Source.PIN);
        assertThat(places(report("jongeren bij de speeltuin", null, null, "Kouvenderstraat 12")))
                .extracting(Place::source, Place::street).containsExactly(tuple(Place.Source.TYPED_ADDRESS, "Kouvenderstraat"));
    }

    @Test
    void aMapLinkGivesWhereTheSenderStood() {
        List<Place> places = places(
                "zitte wr 10 man bij de bushalte. scooters op de stoep https://maps.google.com/?q=50.90688,5.95621");

        assertThat(places).first().satisfies(link -> {
            assertThat(link.source()).isEqualTo(Place.Source.MAP_LINK);
            assertThat(link.lat()).isEqualTo(50.90688);
            assertThat(link.lon()).isEqualTo(5.95621);
            assertThat(link.precise()).isTrue();
        });
    }

    @Test
    void aNumberInTheTextWithATypedAddressIsTheProblemOnTheTypedStreet() {
        List<Place> places = places(report("feest bij de buren op nummer 23", null, null, "Beukstraat 25"));

        assertThat(places).extracting(Place::source, Place::street, Place::houseNumber).containsExactly(
                tuple(Place.Source.TYPED_ADDRESS, "Beukstraat", 25), tuple(Place.Source.TEXT_ADDRESS, "Beukstraat", 23));
    }

    @Test
    void theTypedAddressItselfIsNotRepeatedAsTheProblemsAddress() {
        List<Place> places = places(report("Vannacht weer een feest bij de buren op nummer 23", null, null, "Beukstraat 23"));

        assertThat(places).extracting(Place::source, Place::street, Place::houseNumber)
                .containsExactly(tuple(Place.Source.TYPED_ADDRESS, "Beukstraat", 23));
    }

    @Test
    void aNumberWithoutAnyStreetIsNoPlace() {
        assertThat(places("feest op nummer 23")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "mijn buurman maakt herrie", "Mijn buren draaien harde muziek", "mijn auto is bekrast",
            "mijn nummer is 12" })
    void thePronounMijnIsNotMijnstraat(String text) {
        assertThat(places(text)).isEmpty();
    }

    @Test
    void thePronounMijnWithATypedAddressLeavesTheTypedStreet() {
        List<Place> places = places(report("Mijn buren op nummer 12 draaien harde muziek", null, null, "Beukstraat 25"));

        assertThat(places).extracting(Place::street).containsOnly("Beukstraat");
    }

    @Test
    void theRealMijnstraatIsStillFound() {
        assertThat(places("groep jongeren bij de mijnstraat hoensbroek, gooien stenen naar de lantaarnpalen"))
                .extracting(Place::source, Place::street).containsExactly(tuple(Place.Source.TEXT_STREET, "Mijnstraat"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "auto's racen over de Passartweg", "Ouders parkeren dubbel op de Passartweg",
            "te hard rijden op de passartweg bij nummer 40" })
    void passartwegIsAStreetNotKindcentrumPassart(String text) {
        List<Place> places = places(text);

        assertThat(places).extracting(Place::street).containsOnly("Passartweg");
        assertThat(places).extracting(Place::namedPlace).containsOnlyNulls();
    }

    @Test
    void kindcentrumPassartByItsNameIsTheNamedPlace() {
        assertThat(places("ouders parkeren bij kindcentrum passart")).extracting(Place::source, Place::namedPlace)
                .containsExactly(tuple(Place.Source.NAMED_PLACE, "Kindcentrum Passart"));
    }

    @Test
    void theStreetsWordsAreNotContentWords() {
        Features features = extract(report("te hard rijden op de pas hardweg", null, null, null));

        assertThat(features.terms()).doesNotContainKeys("pas", "hardweg");
        assertThat(features.concepts()).containsOnlyKeys("qqspeeding");
    }

    @Test
    void aPinAndATypedAddressAreKeptAsTheirOwnKindOfEvidence() {
        List<Place> places = places(report("Vanavond weer gescheur op de Passartweg.", 50.906539, 5.968086, "Berkstraat 4"));

        assertThat(places).extracting(Place::source).containsExactly(Place.Source.TEXT_STREET, Place.Source.PIN,
                Place.Source.TYPED_ADDRESS);
    }

    @Test
    void placeFinderCanBeUsedDirectly() {
        PlaceFinder finder = new PlaceFinder(SeedGazetteer.STREETS, SeedGazetteer.PLACES, new NuisanceAnalysis());

        assertThat(finder.find(report("herrie op beukstr 23", null, null, null), java.util.Set.of()))
                .extracting(Place::street, Place::houseNumber).containsExactly(tuple("Beukstraat", 23));
    }

    private static List<Place> places(String smsText) {
        return places(report(smsText, null, null, null));
    }

    private static List<Place> places(IncomingReport report) {
        return extract(report).places();
    }

    private static Features extract(IncomingReport report) {
        return extractor.extract(report);
    }

    private static IncomingReport report(String text, Double lat, Double lon, String address) {
        return new IncomingReport("r-1", NOW, address == null && lat == null ? "sms" : "web", text, lat, lon, address,
                null);
    }
}
