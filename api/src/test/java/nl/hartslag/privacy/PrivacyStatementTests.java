package nl.hartslag.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.env.MockEnvironment;

import nl.hartslag.intake.IntakeSettings;
import nl.hartslag.retention.RetentionSettings;

/** The privacy statement states the settings it is given, never periods of its own, in Dutch and English. */
class PrivacyStatementTests {

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static RetentionSettings retention(Period contact, Period parties, Period texts, Period audit) {
        return new RetentionSettings(contact, parties, texts, audit, true, Duration.ofHours(24), 200);
    }

    @Test
    void theDefaultsInB1DutchAndEnglish() {
        PrivacyStatement statement = new PrivacyStatement(messages(), retention(Period.ofMonths(12), Period.ofMonths(12),
                Period.ofMonths(24), Period.ofYears(5)), new IntakeSettings(10, 1000, Duration.ofMinutes(30),
                        Duration.ofHours(1)), new MockEnvironment().withProperty("hartslag.privacy.volunteer-grace", "P14D"));

        PrivacyStatement.Statement nl = statement.in(Locale.forLanguageTag("nl"));
        String text = String.join("\n", nl.sections().stream().flatMap(s -> s.paragraphs().stream()).toList());
        assertThat(nl.sections()).extracting(PrivacyStatement.Section::id)
                .containsExactly("what", "why", "how-long", "who", "erase", "safe");
        assertThat(text).contains("tot 12 maanden nadat uw melding is afgesloten", "24 maanden na het afsluiten",
                "Dat bewaren we 5 jaar.", "hoogstens 30 minuten", "hoogstens 1 uur", "en daarna nog 14 dagen",
                "VERWIJDER HS-", "Nooit wie het meldde", "foto's");
        assertThat(text).doesNotContain("{").doesNotContain("''");
        assertThat(nl.periods()).containsEntry("reporterContact", "P12M").containsEntry("auditEntries", "P5Y")
                .containsEntry("volunteerGrace", "P14D");

        PrivacyStatement.Statement en = statement.in(Locale.ENGLISH);
        String english = String.join("\n", en.sections().stream().flatMap(s -> s.paragraphs().stream()).toList());
        assertThat(en.language()).isEqualTo("en");
        assertThat(english).contains("until 12 months after your report is closed", "for 5 years",
                "and 14 days after that", "mediators' notes");
    }

    @Test
    void otherSettingsChangeTheStatementAndNoGraceMeansNone() {
        PrivacyStatement statement = new PrivacyStatement(messages(), retention(Period.ofMonths(6), Period.ofMonths(18),
                Period.ofYears(3), Period.ofYears(7)), new IntakeSettings(10, 1000, Duration.ofMinutes(45),
                        Duration.ofHours(2)), new MockEnvironment());
        String text = String.join("\n", statement.in(Locale.forLanguageTag("nl")).sections().stream()
                .flatMap(s -> s.paragraphs().stream()).toList());
        assertThat(text).contains("tot 6 maanden nadat", "tot 18 maanden nadat de bemiddeling", "3 jaar na het afsluiten",
                "Dat bewaren we 7 jaar.", "hoogstens 45 minuten", "hoogstens 2 uur", "alleen zolang die loopt.")
                .doesNotContain("daarna nog");
    }
}
