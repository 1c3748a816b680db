package nl.hartslag.report;

import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;

/**
 * Contact details ({@code hartslag.contact.*}).
 *
 * @param phoneCountries the countries (ISO 3166 codes, e.g. NL, BE, DE) whose mobile and fixed-line
 *            numbers we accept as a reporter's phone and so may text; the first also reads numbers
 *            typed without a country code (06 12345678)
 */
@Validated
@ConfigurationProperties("hartslag.contact")
public record ContactSettings(@DefaultValue("NL") @NotEmpty List<String> phoneCountries) {

    public ContactSettings {
        phoneCountries = phoneCountries == null ? List.of()
                : phoneCountries.stream().map(c -> c.strip().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                        .distinct().toList();
    }

    @AssertTrue(message = "hartslag.contact.phone-countries must be ISO 3166 country codes with phone numbers (e.g. NL)")
    public boolean isKnownCountries() {
        return phoneCountries.stream().allMatch(ContactDetails.knownCountries()::contains);
    }
}

/**
 * Applies {@link ContactSettings} to the one phone rule at start-up, before the server takes
 * requests. The rule is static because every intake path already asks {@link ContactDetails}.
 */
@Component
class PhoneCountries {

    PhoneCountries(ContactSettings settings) {
        ContactDetails.allowCountries(settings.phoneCountries());
    }
}
