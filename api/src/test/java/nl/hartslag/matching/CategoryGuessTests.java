package nl.hartslag.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The form's category suggestion, tried as residents write: Dutch and English, short and long, B1
 * and sloppy spelling, one kind of problem per line. All phrasings are invented for this test (none
 * from the labelled sets); the point is breadth, so a new way to say a known kind should pass too.
 */
class CategoryGuessTests {

    private static CategoryGuess guess;

    @BeforeAll
    static void build() {
        guess = CategoryGuess.standard();
    }

    @ParameterizedTest(name = "{0} <- \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            noise | harde muziek tot vier uur
            noise | Elke nacht herrie van de bovenburen, we kunnen niet slapen
            noise | de buren hebben steeds een feestje met keiharde bas
            noise | lawaai van een kompressor of zo, de hele dag gebrom
            noise | Er wordt geschreeuwd en gegild op straat na middernacht
            noise | loud music every night until 3
            noise | the party next door is way too noisy
            noise | harde muzik en gillen tot laat
            noise | veel lawai van de verbouwing, ze boren al om 7 uur
            noise | herie herie herie
            noise | de airco van de snackbar bromt dag en nacht
            dumping | Er ligt een oude bank en een matras naast de container
            dumping | iemand heeft grofvuil gedumpt bij de flat
            dumping | vuilniszakken op de stoep al een week, stinkt
            dumping | someone dumped a sofa and bags of rubbish in the alley
            dumping | afvalbakken puilen uit, overal zakken
            dumping | matrasen en kasten neergegooid bij de glasbak
            traffic | auto's rijden veel te hard door de straat
            traffic | Steeds foutparkeerders op de stoep, ik kan er met de rolstoel niet langs
            traffic | een busje staat al dagen voor mijn oprit geparkeerd
            traffic | cars speeding and racing at night
            traffic | gevaarlijke oversteek bij het zebrapad, bijna aangereden
            traffic | ze parkerren steeds half op de stoep
            traffic | vrachtwagens rijden door onze woonstraat
            drugs | er wordt gedeald bij het bankje, steeds andere auto's
            drugs | ze blowen en verkopen wiet bij de speeltuin
            drugs | naalden gevonden in de bosjes
            drugs | drug dealing near the shops, cars coming and going
            drugs | ik denk dat er een hennepkwekerij zit in dat huis
            youth_nuisance | hangjongeren bij de bushalte, ze intimideren voorbijgangers niet
            youth_nuisance | groepje jongens met lachgas, overal patronen
            youth_nuisance | scooters die rondjes rijden met jongeren erop
            youth_nuisance | youths hanging around the playground all evening
            youth_nuisance | jongeren steken vuurwerk af op het plein
            vandalism | de ruiten van het bushokje zijn ingegooid
            vandalism | graffiti op de gevel van het schoolgebouw
            vandalism | fietsen vernield en banden lek gestoken
            vandalism | someone smashed the bus shelter
            vandalism | bekladt met spuitbus, overal tags
            public_lighting | de lantaarnpaal doet het niet, het is pikkedonker
            public_lighting | straatverlichting kapot in het hele pad
            public_lighting | the street lights are out since last week
            public_lighting | lamp knippert de hele nacht
            public_lighting | straatlamp brand niet meer
            neighbour_dispute | ruzie met de buren over de schutting
            neighbour_dispute | burenruzie, ze schelden ons steeds uit
            neighbour_dispute | de buurman filmt onze tuin met zijn camera
            neighbour_dispute | conflict with my neighbour about the fence
            neighbour_dispute | de buren
            public_lighting | lantarenpaal is stuk
            dumping | vuilnis zakke op straat
            dumping | there is rubish everywere
            drugs | drugsdealrs bij de flat
            traffic | auto parkeerd op de stoep
            youth_nuisance | de hangjongere zijn er weer
            youth_nuisance | kinderen doen belletje trekken en rennen weg
            vandalism | grafiti op de muur
            domestic | de buurman slaat zijn vrouw, ik hoor haar huilen
            domestic | ik hoor elke avond kinderen huilen en iemand die schreeuwt
            domestic | I think the man next door hits his wife
            domestic | harde muziek en daarna geschreeuw, hij bedreigt haar met een mes
            domestic | ik ben ongerust over het gezin hiernaast, huiselijk geweld denk ik
            """)
    void ranksTheCategoryTheWordsPointToFirst(String code, String text) {
        List<CategoryGuess.Scored> ranked = guess.rank(text);
        assertThat(ranked).as(text).isNotEmpty();
        assertThat(ranked.get(0).code()).as(text + " -> " + ranked).isEqualTo(code);
    }

    @Test
    void theAcceptanceCheckRanksNoiseFirst() {
        List<CategoryGuess.Scored> ranked = guess.rank("harde muziek tot vier uur");
        assertThat(ranked).first().satisfies(s -> {
            assertThat(s.code()).isEqualTo("noise");
            assertThat(s.score()).isBetween(0.5, 1.0);
        });
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "", "   ", "hallo", "ik wil iets melden", "Het is hier niet goed", "hello there",
            "boven de winkel", "gemeld bij de gemeente" })
    void wordsWithoutAKindOfProblemSuggestNothing(String text) {
        assertThat(guess.rank(text)).isEmpty();
    }

    @Test
    void scoresAreBetweenZeroAndOneAndMoreMentionsMakeSurer() {
        double once = guess.rank("herrie").get(0).score();
        double thrice = guess.rank("herrie, harde muziek en geschreeuw").get(0).score();
        assertThat(once).isBetween(0.0, 1.0);
        assertThat(thrice).isGreaterThan(once).isLessThanOrEqualTo(1.0);
        for (CategoryGuess.Scored s : guess.rank("rommel en herrie en jongeren met scooters en graffiti")) {
            assertThat(s.score()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void twoKindsNamedAreBothOfferedStrongestFirst() {
        List<CategoryGuess.Scored> ranked = guess.rank("vuilniszakken en rommel op straat, en ook wat herrie");
        assertThat(ranked).extracting(CategoryGuess.Scored::code).containsSubsequence("dumping", "noise");
        assertThat(ranked.get(0).score()).isGreaterThan(ranked.get(1).score());
    }

    @Test
    void neighboursBesideAKindAreOfferedAfterIt() {
        List<CategoryGuess.Scored> ranked = guess.rank("de bovenburen draaien elke nacht harde muziek");
        assertThat(ranked).extracting(CategoryGuess.Scored::code).containsExactly("noise", "neighbour_dispute");
        assertThat(ranked.get(1).score()).isLessThan(ranked.get(0).score());
    }

    @Test
    void violenceGoesFirstWhateverElseIsNamed() {
        List<CategoryGuess.Scored> ranked = guess.rank("feest met harde muziek en toen sloeg hij zijn vriendin");
        assertThat(ranked.get(0)).isEqualTo(new CategoryGuess.Scored("domestic", 1.0));
        assertThat(ranked).extracting(CategoryGuess.Scored::code).contains("noise");
    }

    @Test
    void aTypoNeverMakesViolence() {
        // "geweld" (violence) is one letter from "gemeld" (reported): only exact violence words count.
        assertThat(guess.rank("ik heb het al gemeld, de lamp is kapot")).extracting(CategoryGuess.Scored::code)
                .doesNotContain("domestic");
    }

    @Test
    void aLongTextIsReadWhole() {
        String text = "Goedemiddag. ".repeat(200) + "Er ligt grofvuil naast de container.";
        assertThat(text.length()).isGreaterThan(2000);
        assertThat(guess.rank(text).get(0).code()).isEqualTo("dumping");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = { "harde muziek tot vier uur", "grofvuil bij de flat", "de buurman slaat zijn vrouw",
            "de buren", "hangjongeren met scooters", "lantaarnpaal stuk", "niets bijzonders" })
    void theTextReadersCategoryIsTheFirstSuggestion(String text) {
        // One rule for the form and for texts and calls: TextReading files under the first suggestion.
        NuisanceAnalysis analysis = new NuisanceAnalysis();
        List<CategoryGuess.Scored> ranked = CategoryGuess.rank(analysis.concepts(text),
                ViolenceSignal.in(analysis, text));
        TextReading reading = TextReading.over(List.of(), List.of());
        assertThat(reading.read(text).categoryCode())
                .isEqualTo(ranked.stream().findFirst().map(CategoryGuess.Scored::code));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({ "muzik, muziek, 1", "lawai, lawaai, 1", "parkerren, parkeren, 1", "grafiti, graffiti, 1",
            "ab, ba, 1", "kitten, sitting, 3", "matras, matras, 0" })
    void countsTyposWithSwapsAsOne(String a, String b, int expected) {
        assertThat(CategoryGuess.distance(a, b, 3)).isEqualTo(expected);
    }
}
