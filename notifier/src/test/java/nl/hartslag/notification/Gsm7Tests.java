package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Gsm7Tests {

    @Test
    void basicCharactersCountOneSeptetEach() {
        assertThat(Gsm7.septets("")).isZero();
        assertThat(Gsm7.septets("Hallo")).isEqualTo(5);
        assertThat(Gsm7.septets("é@£$ÄÖÑÜ§¿")).isEqualTo(10);
        assertThat(Gsm7.septets("a\nb")).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = { "€", "[", "]", "{", "}", "~", "^", "|", "\\" })
    void extensionCharactersCountTwoSeptets(String c) {
        assertThat(Gsm7.encodable(c)).isTrue();
        assertThat(Gsm7.septets(c)).isEqualTo(2);
    }

    @Test
    void mixedTextCountsExtensionCharactersDouble() {
        // 11 basic characters plus €, [ and ] at two septets each
        assertThat(Gsm7.septets("Prijs: €5 [ok]")).isEqualTo(11 + 3 * 2);
        assertThat(Gsm7.septets("a€[b")).isEqualTo(6);
        assertThat(Gsm7.septets("€".repeat(80))).isEqualTo(Gsm7.SEGMENT);
    }

    @Test
    void encodableAcceptsTheGsmAlphabet() {
        assertThat(Gsm7.encodable("")).isTrue();
        assertThat(Gsm7.encodable("Uw melding HS-7KQ2-M9 is opgelost. Bel 112!")).isTrue();
        assertThat(Gsm7.encodable("é è ù ì ò Ä Ö Ñ Ü ä ö ñ ü à ß Æ æ Ø ø Å å")).isTrue();
        assertThat(Gsm7.encodable("€ [ ] { } ~ ^ | \\")).isTrue();
        assertThat(Gsm7.encodable("regel 1\nregel 2\r\n")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "ë", "ï", "‘", "’", "“", "”", "–", "—", "…", "😀", "Zoë", "\t", "\u00a0", "中" })
    void encodableRejectsCharactersOutsideTheAlphabet(String text) {
        assertThat(Gsm7.encodable(text)).isFalse();
    }

    @Test
    void foldsTypographicQuotesDashesAndEllipsis() {
        assertThat(Gsm7.fold("‘ja’")).isEqualTo("'ja'");
        assertThat(Gsm7.fold("“nee”")).isEqualTo("\"nee\"");
        assertThat(Gsm7.fold("9–17 uur")).isEqualTo("9-17 uur");
        assertThat(Gsm7.fold("wacht…")).isEqualTo("wacht...");
    }

    @Test
    void foldsAccentsOutsideTheAlphabetToTheBareLetter() {
        assertThat(Gsm7.fold("ë")).isEqualTo("e");
        assertThat(Gsm7.fold("ï")).isEqualTo("i");
        assertThat(Gsm7.fold("Zoë en Anaïs")).isEqualTo("Zoe en Anais");
    }

    @Test
    void keepsAccentsThatAreInTheAlphabet() {
        assertThat(Gsm7.fold("café, Müller, señor, à")).isEqualTo("café, Müller, señor, à");
    }

    @Test
    void dropsEmoji() {
        assertThat(Gsm7.fold("Klaar 😀!")).isEqualTo("Klaar !");
        assertThat(Gsm7.fold("👍")).isEmpty();
    }

    @Test
    void replacesUnknownLettersWithAQuestionMark() {
        assertThat(Gsm7.fold("中")).isEqualTo("?");
    }

    @Test
    void leavesGsmTextAlone() {
        String text = "Uw melding HS-7KQ2-M9 is opgelost. Kosten: €0 [gratis]";
        assertThat(Gsm7.fold(text)).isEqualTo(text);
    }

    @Test
    void foldedTextIsAlwaysEncodable() {
        String folded = Gsm7.fold("‘Hoi’ “Zoë” – de lamp… is gemaakt 😀 🎉 ï\u00a0x\ty•z");
        assertThat(folded).isEqualTo("'Hoi' \"Zoe\" - de lamp... is gemaakt   i x y-z");
        assertThat(Gsm7.encodable(folded)).isTrue();
    }
}
