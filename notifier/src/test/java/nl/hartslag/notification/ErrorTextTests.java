package nl.hartslag.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the masker hides in error texts from Twilio, SMTP and our own code, and what it leaves readable. */
class ErrorTextTests {

    @Test
    void twiliosInvalidNumberMessageKeepsOnlyCountryCodeAndLastDigits() {
        assertThat(ErrorText.redact("Twilio 400 (21211): Invalid 'To' Phone Number: +31612345678"))
                .isEqualTo("Twilio 400 (21211): Invalid 'To' Phone Number: +31*******78");
    }

    @Test
    void numbersInOtherNotationsAreMaskedToo() {
        assertThat(ErrorText.redact("The 'To' number 0612345678 is not valid")).isEqualTo(
                "The 'To' number ********78 is not valid");
        assertThat(ErrorText.redact("to +31 6 1234 5678.")).isEqualTo("to +31*******78.");
        assertThat(ErrorText.redact("to 0031612345678")).isEqualTo("to +31*******78");
        assertThat(ErrorText.redact("(06-12345678)")).isEqualTo("(********78)");
        assertThat(ErrorText.redact("To=%2B31612345678")).doesNotContain("612345");
    }

    @Test
    void theKnownRecipientIsMaskedWhereverItOccurs() {
        assertThat(ErrorText.redact("rejected x+31612345678y", "+31612345678")).isEqualTo("rejected x+31*******78y");
        assertThat(ErrorText.redact("550 5.1.1 <jan.de.vries@example.nl>: Recipient address rejected",
                "jan.de.vries@example.nl")).isEqualTo("550 5.1.1 <j***@example.nl>: Recipient address rejected");
    }

    @Test
    void emailAddressesKeepTheirFirstLetterAndDomain() {
        assertThat(ErrorText.redact("SMTP 550: <melder-12345678@example.nl> unknown"))
                .isEqualTo("SMTP 550: <m***@example.nl> unknown");
    }

    @Test
    void houseNumbersAndPostcodesAreHiddenStreetsStay() {
        assertThat(ErrorText.redact("bad parameter place=Passartweg 14a, 6411 AB Heerlen"))
                .isEqualTo("bad parameter place=Passartweg **, **** ** Heerlen");
        assertThat(ErrorText.redact("Kerkstraat 12-2, Main Street 7")).isEqualTo("Kerkstraat **, Main Street **");
    }

    @Test
    void codesIdsDatesAndTimesStayReadable() {
        String text = "Twilio 503 (20503): Service unavailable at 2026-12-03 06:22:28 for notification"
                + " 550e8400-e29b-41d4-a716-446655440000, SID SM0123456789abcdef0123456789abcdef, timeout PT10S,"
                + " host 127.0.0.1:8080";
        assertThat(ErrorText.redact(text)).isEqualTo(text);
    }

    @Test
    void maskingTwiceChangesNothing() {
        String once = ErrorText.redact("+31612345678 and jan@example.nl at Passartweg 14", "+31612345678");
        assertThat(ErrorText.redact(once, "+31612345678")).isEqualTo(once);
    }

    @Test
    void nullAndEmptyStayAsTheyAre() {
        assertThat(ErrorText.redact(null)).isNull();
        assertThat(ErrorText.redact("", "+31612345678")).isEmpty();
    }
}
