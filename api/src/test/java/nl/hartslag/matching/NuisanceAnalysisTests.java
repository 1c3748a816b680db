package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The real analysis chains (Lucene's Dutch stop words and Snowball stemmer, the real nuisance lexicon). */
class NuisanceAnalysisTests {

    private static final NuisanceAnalysis analysis = new NuisanceAnalysis();

    @Test
    void foldsCaseAndAccentsSoASpokenNumberAndAnSmsSpellingMeet() {
        assertThat(analysis.terms("DRIEËNTWINTIG")).isEqualTo(analysis.terms("drieentwintig")).hasSize(1);
        assertThat(analysis.terms("Drieëntwintig")).isEqualTo(analysis.terms("drieentwintig"));
        assertThat(analysis.terms("Café crème")).isEqualTo(analysis.terms("cafe creme"));
    }

    @Test
    void foldsCaseInConceptsToo() {
        assertThat(analysis.concepts("HERRIE")).isEqualTo(analysis.concepts("herrie")).containsOnlyKeys("qqnoise");
    }

    @Test
    void stemsInflectionsToOneTerm() {
        assertThat(analysis.terms("feesten")).isEqualTo(analysis.terms("feest")).containsExactly("feest");
        assertThat(analysis.terms("jongeren")).isEqualTo(analysis.terms("jongere"));
        assertThat(analysis.terms("vernielingen")).isEqualTo(analysis.terms("vernieling"));
    }

    @Test
    void stemmingReachesTheLexiconForInflectionsItDoesNotList() {
        // The lexicon lists "speeltuin" and "jongeren", not "speeltuinen" or "jongere".
        assertThat(analysis.concepts("speeltuinen")).containsOnlyKeys("qqplayground");
        assertThat(analysis.concepts("jongere")).containsOnlyKeys("qqyouth");
        assertThat(analysis.concepts("vernielingen")).containsOnlyKeys("qqvandalism");
    }

    @Test
    void smsSpellingsMeetTheirDutchWordsWhereTheLexiconCoversThem() {
        assertThat(analysis.concepts("jonges")).isEqualTo(analysis.concepts("jongens")).containsOnlyKeys("qqyouth");
        assertThat(analysis.concepts("klikos")).isEqualTo(analysis.concepts("kliko")).containsOnlyKeys("qqcontainer");
        // "wr" (weer), "mn" (mijn) and "gwn" (gewoon) say nothing about the problem, like their full spellings.
        assertThat(analysis.terms("wr herrie")).isEqualTo(analysis.terms("weer herrie")).containsExactly("herrie");
        assertThat(analysis.terms("mn buren gwn")).isEqualTo(analysis.terms("mijn buren gewoon"));
    }

    @ParameterizedTest(name = "\"{0}\" is noise")
    @ValueSource(strings = { "herrie", "lawaai", "geluidsoverlast", "kabaal", "Het is een enorm LAWAAI hier" })
    void wordsForNoiseMapToTheNoiseConcept(String text) {
        assertThat(analysis.concepts(text)).containsOnlyKeys("qqnoise");
    }

    @ParameterizedTest(name = "\"{0}\" is drugs")
    @ValueSource(strings = { "dealen", "handel", "drugs", "Er wordt gedeald", "dealers" })
    void wordsForDrugsMapToTheDrugsConcept(String text) {
        assertThat(analysis.concepts(text)).containsOnlyKeys("qqdrugs");
    }

    @ParameterizedTest(name = "\"{0}\" is dumping")
    @ValueSource(strings = { "grofvuil", "gedumpt", "matras", "matrassen", "bankstel" })
    void wordsForDumpingMapToTheDumpingConcept(String text) {
        assertThat(analysis.concepts(text)).containsOnlyKeys("qqdumping");
    }

    @Test
    void countsEveryMentionOfAConcept() {
        assertThat(analysis.concepts("Herrie! Lawaai & GELUIDSOVERLAST")).isEqualTo(Map.of("qqnoise", 3));
    }

    @Test
    void hardeMuziekIsCoveredThroughMuziek() {
        assertThat(analysis.concepts("harde muziek")).isEqualTo(Map.of("qqmusic", 1));
        assertThat(analysis.concepts("harde muziek")).isEqualTo(analysis.concepts("muziek"));
    }

    @Test
    void verdachteAutosIsAPhraseNotTwoWords() {
        assertThat(analysis.concepts("verdachte auto's")).isEqualTo(Map.of("qqdealcars", 1));
        assertThat(analysis.concepts("verdachte auto")).isEqualTo(Map.of("qqdealcars", 1));
        assertThat(analysis.concepts("verdachte")).isEmpty();
        assertThat(analysis.concepts("auto's")).isEmpty();
        assertThat(analysis.concepts("weer verdachte auto's bij de speeltuin"))
                .isEqualTo(Map.of("qqdealcars", 1, "qqplayground", 1));
    }

    @Test
    void multiWordEntriesMatchAcrossTokens() {
        assertThat(analysis.concepts("'s nachts")).containsOnlyKeys("qqnight");
        assertThat(analysis.concepts("ze rijden veel te hard")).containsOnlyKeys("qqspeeding");
    }

    @ParameterizedTest(name = "\"{0}\" means {1}")
    @CsvSource(delimiter = '|', textBlock = """
            fireworks          | qqfireworks
            vuurwerk           | qqfireworks
            rats               | qqvermin
            ratten             | qqvermin
            noise              | qqnoise
            mattress           | qqdumping
            """)
    void englishWordsMapToTheSameConceptsAsDutch(String word, String concept) {
        assertThat(analysis.concepts(word)).containsOnlyKeys(concept);
    }

    @Test
    void anEnglishReportMeetsTheDutchOne() {
        assertThat(analysis.concepts("the neighbours are playing loud music"))
                .containsOnlyKeys("qqneighbour", "qqnoise", "qqmusic");
        assertThat(analysis.concepts("de buren draaien keihard muziek"))
                .containsOnlyKeys("qqneighbour", "qqnoise", "qqmusic");
    }

    @Test
    void dropsStopWordsAndWordsEveryReportUses() {
        assertThat(analysis.terms("ik bel weer over de herrie bij mijn buren")).containsExactly("herrie", "bur");
        assertThat(analysis.terms("de en het een van")).isEmpty();
        assertThat(analysis.terms("Goedemorgen, ik wil graag even melden")).isEmpty();
    }

    @Test
    void conceptsIgnoreWordsOutsideTheLexicon() {
        assertThat(analysis.concepts("Ik ben het zat, echt waar")).isEmpty();
    }
}
