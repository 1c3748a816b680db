package nl.hartslag.privacy;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.MessageSource;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

import nl.hartslag.intake.IntakeSettings;
import nl.hartslag.retention.RetentionSettings;

/**
 * The privacy statement ({@code /privacy}), in B1 Dutch and English, built from the settings in force:
 * the retention periods the job applies ({@link RetentionSettings}), how long an unfinished text or call
 * is kept ({@link IntakeSettings}) and, when configured, the volunteers' grace period after a case closes
 * ({@code hartslag.privacy.volunteer-grace}). Change a setting and the statement changes with it; it never
 * states a period of its own. The sentences are in {@code i18n/messages*.properties} ({@code privacy.*}).
 */
@Service
public class PrivacyStatement {

    /** One part of the statement: a heading and its paragraphs (plain text, no markup). */
    public record Section(String id, String heading, List<String> paragraphs) {
    }

    /** The statement in one language, and the periods it states (ISO 8601), for machines. */
    public record Statement(String language, String title, String intro, List<Section> sections,
            Map<String, String> periods) {
    }

    private static final List<String> SECTIONS = List.of("what", "why", "how-long", "who", "erase", "safe");

    private final MessageSource messages;
    private final RetentionSettings retention;
    private final IntakeSettings intake;
    private final Environment environment;

    PrivacyStatement(MessageSource messages, RetentionSettings retention, IntakeSettings intake,
            Environment environment) {
        this.messages = messages;
        this.retention = retention;
        this.intake = intake;
        this.environment = environment;
    }

    public Statement in(Locale requested) {
        Locale locale = "en".equals(requested.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nl");
        Object[] args = {
            words(retention.reporterContact(), locale), // {0}
            words(retention.mediationParties(), locale), // {1}
            words(retention.reportTexts(), locale), // {2}
            words(retention.auditEntries(), locale), // {3}
            minutes(intake.placeQuestionWindow(), locale), // {4}
            minutes(intake.callWindow(), locale), // {5}
            grace(locale), // {6}
        };
        List<Section> sections = new ArrayList<>();
        for (String id : SECTIONS) {
            List<String> paragraphs = new ArrayList<>();
            for (int i = 1; messages.getMessage("privacy." + id + "." + i, args, null, locale) != null; i++) {
                paragraphs.add(messages.getMessage("privacy." + id + "." + i, args, locale));
            }
            sections.add(new Section(id, messages.getMessage("privacy." + id, null, locale), List.copyOf(paragraphs)));
        }
        Map<String, String> periods = new LinkedHashMap<>();
        periods.put("reporterContact", retention.reporterContact().toString());
        periods.put("mediationParties", retention.mediationParties().toString());
        periods.put("reportTexts", retention.reportTexts().toString());
        periods.put("auditEntries", retention.auditEntries().toString());
        periods.put("unfinishedText", intake.placeQuestionWindow().toString());
        periods.put("unfinishedCall", intake.callWindow().toString());
        Period graceDays = graceDays();
        if (graceDays != null) {
            periods.put("volunteerGrace", graceDays.toString());
        }
        return new Statement(locale.getLanguage(), messages.getMessage("privacy.title", null, locale),
                messages.getMessage("privacy.intro", null, locale), List.copyOf(sections), periods);
    }

    /** "12 maanden", "2 jaar", "14 dagen" / "12 months", "2 years", "14 days". */
    static String words(Period period, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        // Months stay months as written ("P24M": 24 maanden); years and months otherwise.
        Period p = period.getYears() == 0 ? period : period.normalized();
        List<String> parts = new ArrayList<>();
        if (p.getYears() > 0) {
            parts.add(unit(p.getYears(), en ? "year" : "jaar", en ? "years" : "jaar"));
        }
        if (p.getMonths() > 0) {
            parts.add(unit(p.getMonths(), en ? "month" : "maand", en ? "months" : "maanden"));
        }
        if (p.getDays() > 0) {
            parts.add(unit(p.getDays(), en ? "day" : "dag", en ? "days" : "dagen"));
        }
        return String.join(en ? " and " : " en ", parts);
    }

    private static String unit(int n, String one, String more) {
        return n + " " + (n == 1 ? one : more);
    }

    static String minutes(Duration duration, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        long minutes = duration.toMinutes();
        if (minutes >= 60 && minutes % 60 == 0) {
            return unit((int) (minutes / 60), en ? "hour" : "uur", en ? "hours" : "uur");
        }
        return unit((int) minutes, en ? "minute" : "minuut", en ? "minutes" : "minuten");
    }

    /** The volunteers' grace period as a sentence fragment, empty when none is configured. */
    private String grace(Locale locale) {
        Period days = graceDays();
        if (days == null || days.isZero()) {
            return "";
        }
        return messages.getMessage("privacy.who.grace", new Object[] {words(days, locale)}, locale);
    }

    /** {@code hartslag.privacy.volunteer-grace} (issue 15's need-to-know part) in whole days, or null when not set. */
    private Period graceDays() {
        return Binder.get(environment).bind("hartslag.privacy.volunteer-grace", Duration.class)
                .map(d -> Period.ofDays((int) d.toDays())).orElse(null);
    }
}
