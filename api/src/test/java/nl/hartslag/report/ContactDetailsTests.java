package nl.hartslag.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nl.hartslag.web.Violation;

/** The one phone rule: only numbers of the allowed countries that we could text like anyone else. */
class ContactDetailsTests {

    @AfterEach
    void defaults() {
        ContactDetails.allowCountries(List.of("NL"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "06 12345678", "+31612345678", "0031 6 12345678", "045 5712345", "020-1234567" })
    void ordinaryDutchMobileAndFixedLineNumbersAreKept(String typed) {
        assertThat(ContactDetails.e164(typed)).isPresent();
        assertThat(ContactDetails.problem(typed)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "+447911123456", "+32470123456", "+4915112345678", "+12025550123",
            // premium-rate, toll-free, VoIP, pager, UAN: numbers that cost us (or nobody reads)
            "0900 1234567", "0906 1234567", "0909 1234567", "0800 1234567", "085 1234567", "066 1234567",
            "0880 123456" })
    void foreignAndSpecialRateNumbersAreRefused(String typed) {
        assertThat(ContactDetails.e164(typed)).isEmpty();
        assertThat(ContactDetails.problem(typed)).isEqualTo(ContactDetails.PhoneProblem.NOT_ALLOWED);
    }

    @Test
    void aRefusedNumberIsNamedAsContactPhoneWithTheCountryCodeWeAccept() {
        List<Violation> violations = new ArrayList<>();
        ContactDetails.check(null, "+447911123456", null, violations);
        ContactDetails.check(null, "12345", null, violations);
        assertThat(violations).extracting(Violation::field).containsExactly("contact.phone", "contact.phone");
        assertThat(violations.get(0).code()).isEqualTo("validation.contact.phone.not-allowed");
        assertThat(violations.get(0).args()).containsExactly("+31");
        assertThat(violations.get(1).code()).isEqualTo("validation.contact.phone");
    }

    @Test
    void theCountryListIsConfigurable() {
        ContactDetails.allowCountries(List.of("NL", "BE"));
        assertThat(ContactDetails.e164("+32470123456")).contains("+32470123456");
        assertThat(ContactDetails.e164("06 12345678")).contains("+31612345678");
        assertThat(ContactDetails.e164("+4915112345678")).isEmpty();
    }
}
