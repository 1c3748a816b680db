package nl.hartslag.place;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FuzzyTests {

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({ "passartweg, passartweg, 0", "pasartweg, passartweg, 1", "pasartweg, flatpassartweg, 1",
            "jasminhof, speeltuinjasmijnhof, 1", "passartwge, passartweg, 1", "abc, xyz, 3", "weg, passartweg, 0",
            "olmstrat, olmstraat, 1" })
    void countsTheTyposToFindAQueryInsideAName(String query, String text, int expected) {
        assertThat(Fuzzy.inside(query, text, 3)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} at the start of {1}: {2}")
    @CsvSource({ "pasart, passartweg, 1", "passart, passartweg, 0", "pasartweg, flatpassartweg, 5",
            "weg, passartweg, 3", "apssart, passartweg, 1" })
    void countsTheTyposToMakeAQueryTheStartOfAName(String query, String text, int expected) {
        assertThat(Fuzzy.atStart(query, text, 5)).isEqualTo(Math.min(expected, 6));
    }

    @ParameterizedTest(name = "{0} / {1} beyond {2}")
    @CsvSource({ "abcdefgh, zzzzzzzz, 1", "kouvenderstraat, akerstraatnoord, 2" })
    void stopsOnceBeyondTheTyposAllowed(String query, String text, int max) {
        assertThat(Fuzzy.inside(query, text, max)).isEqualTo(max + 1);
    }
}
