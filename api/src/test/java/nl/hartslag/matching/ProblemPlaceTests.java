package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Where a report's problem is, read apart from where its reporter lives: the words first, then a
 * pin or map link, the typed address (street level only) when nothing else says where. Against the
 * real seed gazetteer; invented texts.
 */
class ProblemPlaceTests {

    private static final MatchingEngine engine = SeedGazetteer.inMemoryEngine();
    private static final Instant NOW = Instant.parse("2026-06-10T19:00:00Z");

    @AfterAll
    static void close() throws Exception {
        engine.close();
    }

    @Test
    void aPlaygroundNamedInTheWordsIsTheProblemPlaceNotTheTypedHome() {
        ReportReading reading = read("web", "Elke avond hangen er jongeren bij de speeltuin, ze schreeuwen tot laat",
                null, null, "Jasmijnstraat 20");

        assertThat(reading.problemPlace().source()).isEqualTo("named_place");
        assertThat(reading.problemPlace().namedPlace()).isEqualTo("Speeltuin Jasmijnhof");
        assertThat(reading.problemPlace().houseNumber()).isNull();
        assertThat(reading.placeInWords()).isTrue();
        assertThat(reading.typedAddress()).isTrue();
        assertThat(reading.typedAddressParsed()).isTrue();
    }

    @Test
    void anAddressInTheWordsBeatsTheTypedOne() {
        ProblemPlace place = read("web", "Er staat al dagen een matras en een bank op de stoep bij Beukstraat 12",
                null, null, "Palmstraat 3").problemPlace();

        assertThat(place.source()).isEqualTo("text_address");
        assertThat(place.street()).isEqualTo("Beukstraat");
        assertThat(place.houseNumber()).isEqualTo(12);
    }

    @Test
    void aTypedAddressAloneGivesTheStreetButNeverTheReportersHouseNumber() {
        ReportReading reading = read("web", "Harde bonkende muziek tot diep in de nacht", null, null,
                "Jasmijnstraat 20");

        assertThat(reading.problemPlace().source()).isEqualTo(ProblemPlace.TYPED_ADDRESS);
        assertThat(reading.problemPlace().street()).isEqualTo("Jasmijnstraat");
        assertThat(reading.problemPlace().houseNumber()).isNull();
        assertThat(reading.problemPlace().lat()).isNotNull();
        assertThat(reading.placeInWords()).isFalse();
        assertThat(reading.kindWord()).isTrue();
    }

    @Test
    void aPinBeatsTheTypedAddressButNotTheWords() {
        ProblemPlace pinned = read("web", "De lantaarnpaal is al een week kapot", 50.9050, 5.9600, "Jasmijnstraat 20")
                .problemPlace();
        assertThat(pinned.source()).isEqualTo("pin");
        assertThat(pinned.lat()).isEqualTo(50.9050);
        assertThat(pinned.street()).isNull();

        ProblemPlace said = read("web", "De lantaarnpaal voor Beukstraat 30 is al een week kapot", 50.9050, 5.9600,
                null).problemPlace();
        assertThat(said.source()).isEqualTo("text_address");
        assertThat(said.houseNumber()).isEqualTo(30);
    }

    @Test
    void aTextThatNeverSaysWhereHasNoPlaceAndAFollowUpHasNoKindWord() {
        ReportReading nowhere = read("sms", "Overlast van hangjongeren met harde muziek", null, null, null);
        assertThat(nowhere.problemPlace().known()).isFalse();
        assertThat(nowhere.problemPlace().source()).isEqualTo(ProblemPlace.NONE);
        assertThat(nowhere.placeInWords()).isFalse();
        assertThat(nowhere.kindWord()).isTrue();

        ReportReading followUp = read("sms", "Weer!!", null, null, null);
        assertThat(followUp.kindWord()).isFalse();
    }

    @Test
    void aTypedAddressTheEngineCannotReadIsFlagged() {
        ReportReading reading = read("phone", "Grofvuil gedumpt naast de container", null, null, "Xyzzylaan 999");

        assertThat(reading.typedAddress()).isTrue();
        assertThat(reading.typedAddressParsed()).isFalse();
    }

    @Test
    void readingRecordsNothing() {
        read("web", "Zwerfafval langs het fietspad", 50.9030, 5.9620, null);
        assertThat(engine.isEmpty()).isTrue();
    }

    private static ReportReading read(String channel, String text, Double lat, Double lon, String address) {
        return engine.read(new IncomingReport("t-" + System.nanoTime(), NOW, channel, text, lat, lon, address, null));
    }
}
