package nl.hartslag.mediation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Need-to-know settings for volunteers ({@code hartslag.privacy.*}, issue 15).
 *
 * @param volunteerGrace how long after a mediation closed its mediators still see the parties (to
 *            finish their notes, answer a follow-up call); after it, the case answers 403. Zero or more.
 */
@Validated
@ConfigurationProperties("hartslag.privacy")
public record VolunteerPrivacySettings(@DefaultValue("P14D") @NotNull Duration volunteerGrace) {

    public VolunteerPrivacySettings {
        if (volunteerGrace != null && volunteerGrace.isNegative()) {
            throw new IllegalArgumentException("hartslag.privacy.volunteer-grace must not be negative");
        }
    }
}
