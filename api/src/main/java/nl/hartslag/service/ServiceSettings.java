package nl.hartslag.service;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * {@code hartslag.service.*}: the numbers residents may text or call, and the Veilig Thuis advice.
 * The SMS number defaults to the number Twilio sends from ({@code hartslag.twilio.phone-number}):
 * the number a resident texts STATUS to is the number our texts come from. Unset numbers are not
 * shown (pages hide them). A number that is set must be a real phone number, so a typo fails at
 * start-up instead of being printed on every confirmation.
 *
 * @param smsNumber   the number residents text (any format with country code, or Dutch national)
 * @param phoneNumber the number residents call (the phone intake)
 * @param veiligThuis where to turn with a worry about violence in a household
 */
@Validated
@ConfigurationProperties("hartslag.service")
public record ServiceSettings(String smsNumber, String phoneNumber,
        @Valid @DefaultValue VeiligThuis veiligThuis) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public ServiceSettings {
        smsNumber = blankToNull(smsNumber);
        phoneNumber = blankToNull(phoneNumber);
    }

    /** Veilig Thuis, the national advice and report line for domestic violence and child abuse. */
    public record VeiligThuis(@DefaultValue("0800-2000") @NotBlank String phone,
            @DefaultValue("https://veiligthuis.nl") @NotBlank @Pattern(regexp = "https://\\S+") String url) {
    }

    /** A number as configured, in E.164 and as people read it ("+31 6 12345678"). */
    public record Number(String display, String e164) {
    }

    public Optional<Number> sms() {
        return number(smsNumber);
    }

    public Optional<Number> phone() {
        return number(phoneNumber);
    }

    @AssertTrue(message = "hartslag.service.sms-number must be a valid phone number (with country code, or Dutch)")
    boolean isSmsNumberValid() {
        return smsNumber == null || number(smsNumber).isPresent();
    }

    @AssertTrue(message = "hartslag.service.phone-number must be a valid phone number (with country code, or Dutch)")
    boolean isPhoneNumberValid() {
        return phoneNumber == null || number(phoneNumber).isPresent();
    }

    static Optional<Number> number(String configured) {
        if (configured == null) {
            return Optional.empty();
        }
        try {
            PhoneNumber n = PHONES.parse(configured, "NL");
            if (!PHONES.isValidNumber(n)) {
                return Optional.empty();
            }
            return Optional.of(new Number(PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL),
                    PHONES.format(n, PhoneNumberUtil.PhoneNumberFormat.E164)));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
