package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small readers of what Twilio hands us: the sender's number, the language of a text, a spoken or typed reference. */
class TextFormsTests {

    @Test
    void callerNumbersBecomeE164AndWithheldOnesAnonymous() {
        assertThat(CallerNumber.of("+31612345678")).contains("+31612345678");
        assertThat(CallerNumber.of("0612345678")).contains("+31612345678");
        // A number we may not text (abroad by default, premium-rate…) makes an anonymous report, like a withheld one.
        assertThat(CallerNumber.of("+4915112345678")).isEmpty();
        assertThat(CallerNumber.of("+447911123456")).isEmpty();
        for (String withheld : new String[] { "anonymous", "restricted", "unknown", "+266696687", "", null,
                "+1234", "HARTSLAG" }) {
            assertThat(CallerNumber.of(withheld)).as(String.valueOf(withheld)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "There is rubbish dumped on the street", "my neighbours play loud music every night",
            "The light is broken near the park", "Hello, someone has been dealing drugs at the corner" })
    void englishTextsAreEnglish(String text) {
        assertThat(Language.of(text)).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Er ligt afval op straat", "de buren draaien elke nacht harde muziek",
            "Lantaarnpaal kapot bij de speeltuin", "herrie", "Passartweg 14", "grofvuil" })
    void dutchTextsAndTextsWithoutCluesAreDutch(String text) {
        assertThat(Language.of(text)).isEqualTo("nl");
    }

    @Test
    void referencesTypedOnTheKeypadOrSpokenBecomeTheSameDigits() {
        // H S - 7 K Q 2 - M 9: K is on 5, Q on 7, M on 6.
        assertThat(Keypad.digitsOf("HS-7KQ2-M9")).isEqualTo("757269");
        assertThat(Keypad.digitsOfInput("757269", null)).isEqualTo("757269");
        assertThat(Keypad.digitsOfInput("47757269#", null)).isEqualTo("757269");
        assertThat(Keypad.digitsOfInput("", "zeven ka ku twee em negen")).isEqualTo("757269");
        assertThat(Keypad.digitsOfInput(null, "H S 7 K Q 2 M 9.")).isEqualTo("757269");
        assertThat(Keypad.digitsOfInput(null, "ha es seven K Q two M nine")).isEqualTo("757269");
    }
}
