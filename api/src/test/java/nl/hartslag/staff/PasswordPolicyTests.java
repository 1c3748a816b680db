package nl.hartslag.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.hartslag.support.TestAccounts;

/** The bundled lists and the ways people dress up a common password. */
class PasswordPolicyTests {

    private static final PasswordPolicy POLICY = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = { "passwordpassword", "Password1234", "P@ssw0rd2026!", "Wachtwoord2026!",
            "welkom123456", "Welkomwelkom1", "!!Feyenoord1908", "qwertyuiop12", "1q2w3e4r5t6y", "aaaaaaaaaaaa",
            "abcabcabcabc", "123456789012", "0987654321098", "Heerlen2026!!", "iloveyou1234", "Zomer2025!!!" })
    void commonPasswordsAreRefused(String password) {
        assertThat(POLICY.check(password)).contains("validation.password.common");
    }

    @ParameterizedTest
    @ValueSource(strings = { "correct-horse-battery-staple", "Mijn fiets staat bij de molen", "vT9#kq2!Lm0zPw",
            "eerste-Wachtwoord-1", "lang-genoeg-wachtwoord", "vrijwilliger-Pa55word", TestAccounts.PASSWORD })
    void otherPasswordsAreFine(String password) {
        assertThat(POLICY.check(password)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "            ", " \t \n \u00a0\u2003\u200b      " })
    void onlyWhitespaceIsRefused(String password) {
        assertThat(POLICY.check(password)).contains("validation.password.blank");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "kort", "elf-tekens!" })
    void tooShortIsRefused(String password) {
        assertThat(POLICY.check(password)).contains("validation.password");
    }
}
