package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTests {

    @Test
    void phoneKeepsCountryCodeAndLastTwoDigits() {
        assertThat(Masking.mask("+31612345678")).isEqualTo("+31*******78");
    }

    @Test
    void maskedPhoneKeepsItsLength() {
        assertThat(Masking.mask("+3197010000001")).isEqualTo("+31*********01").hasSize("+3197010000001".length());
        assertThat(Masking.mask("+441632960961")).isEqualTo("+44********61");
    }

    @Test
    void maskedPhoneHidesTheMiddleDigits() {
        assertThat(Masking.mask("+31612345678")).doesNotContain("612345").doesNotContain("123456");
    }

    @Test
    void veryShortValuesAreHiddenCompletely() {
        assertThat(Masking.mask("12345")).isEqualTo("*****");
        assertThat(Masking.mask("112")).isEqualTo("***");
        assertThat(Masking.mask("")).isEmpty();
    }

    @Test
    void sixCharactersShowFirstThreeAndLastTwo() {
        assertThat(Masking.mask("123456")).isEqualTo("123*56");
    }

    @Test
    void emailKeepsFirstLetterAndDomain() {
        assertThat(Masking.mask("jan@example.nl")).isEqualTo("j***@example.nl");
    }

    @Test
    void emailLocalPartLengthIsNotRevealed() {
        assertThat(Masking.mask("j@example.nl")).isEqualTo("j***@example.nl");
        assertThat(Masking.mask("jan.de.vries@example.nl")).isEqualTo("j***@example.nl");
    }

    @Test
    void nullStaysNull() {
        assertThat(Masking.mask(null)).isNull();
    }
}
