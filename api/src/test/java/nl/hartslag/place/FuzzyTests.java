package nl.hartslag.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
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

    @Test
    void theLetterPairFilterNeverDropsAMatch() {
        // Random names and random typos (fixed seed): whenever the edit distance finds the query, the
        // cheap filter run before it must have let it through.
        Random random = new Random(14);
        int checked = 0;
        for (int n = 0; n < 5000; n++) {
            String name = word(random, 6 + random.nextInt(14));
            int from = random.nextInt(name.length() - 4);
            String query = name.substring(from, from + 5 + random.nextInt(name.length() - from - 4));
            int typos = query.length() < 9 ? 1 : 2;
            query = typo(random, query, 1 + random.nextInt(typos));
            if (Fuzzy.inside(query, name, typos) <= typos) {
                checked++;
                assertThat(Fuzzy.mayMatch(query, Fuzzy.bigrams(name, List.of()), typos)).as(query + " in " + name)
                        .isTrue();
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }

    private static String word(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    private static String typo(Random random, String text, int typos) {
        StringBuilder out = new StringBuilder(text);
        for (int t = 0; t < typos && out.length() > 2; t++) {
            int i = random.nextInt(out.length() - 1);
            switch (random.nextInt(4)) {
                case 0 -> out.deleteCharAt(i);
                case 1 -> out.insert(i, (char) ('a' + random.nextInt(26)));
                case 2 -> out.setCharAt(i, (char) ('a' + random.nextInt(26)));
                default -> {
                    char c = out.charAt(i);
                    out.setCharAt(i, out.charAt(i + 1));
                    out.setCharAt(i + 1, c);
                }
            }
        }
        return out.toString();
    }
}
