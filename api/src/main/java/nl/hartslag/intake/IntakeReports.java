package nl.hartslag.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import nl.hartslag.notification.Template;
import nl.hartslag.report.Channel;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.Submission;
import nl.hartslag.web.Idempotency;
import reactor.core.publisher.Mono;

/**
 * Makes reports from texts and calls: the place and category read from the words, the sender's
 * number as contact (none when withheld), stored through the report feature before anyone is
 * answered, idempotent per Twilio message or call (Twilio repeats a webhook it got no answer to).
 */
@Component
class IntakeReports {

    /** Why a new report is refused for now. */
    enum Limit {
        NUMBER, EVERYONE
    }

    private static final int DESCRIPTION_MAX = 4000;
    private static final int ADDRESS_MAX = 200;

    private final ReportService reports;
    private final PlaceReader places;
    private final IntakeSettings settings;
    private final Clock clock;

    IntakeReports(ReportService reports, PlaceReader places, IntakeSettings settings) {
        this.reports = reports;
        this.places = places;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    /** Empty when this sender may make a new report now; the limit they hit otherwise. */
    Mono<Optional<Limit>> limit(Optional<String> phone) {
        var since = clock.instant().minus(Duration.ofHours(1));
        Mono<Boolean> numberOver = phone.map(p -> reports.countByReporterPhoneSince(p, since)
                .map(n -> n >= settings.perNumberPerHour())).orElse(Mono.just(false));
        return numberOver.flatMap(over -> over ? Mono.just(Optional.of(Limit.NUMBER))
                : reports.countByChannelsSince(EnumSet.of(Channel.SMS, Channel.PHONE), since)
                        .map(n -> n >= settings.globalPerHour() ? Optional.of(Limit.EVERYONE) : Optional.<Limit>empty()));
    }

    /**
     * Stores a report from {@code text}. {@code categoryCode} overrides the guess when the caller
     * chose (menu 2 is a request for mediation); a household worry stays a household worry.
     */
    Mono<Submission> store(Channel channel, String text, PlaceReader.Read read, Optional<String> categoryCode,
            Optional<String> phone, String language, List<NewReport.Photo> photos, Float confidence,
            String idempotencyKey, Template confirmation, Function<UUID, Mono<Void>> alsoInTransaction) {
        String description = description(text, photos);
        String category = categoryCode.filter(c -> !read.categoryCode().equals("domestic"))
                .orElse(read.categoryCode());
        double[] spot = read.where().map(w -> new double[] { w.lat(), w.lon() }).orElseGet(places::middle);
        PlaceReader.Where where = read.where().orElse(null);
        NewReport report = new NewReport(category, description, spot[0], spot[1],
                where == null || where.addressText() == null ? null : cut(where.addressText(), ADDRESS_MAX),
                where == null ? null : where.street(), where == null ? null : where.houseNumber(), null,
                phone.map(p -> new NewReport.Contact(null, p, null)), language, channel, where != null, photos,
                confidence);
        return reports.submit(report, Optional.of(idempotencyKey), fingerprint(channel, phone, text), confirmation,
                alsoInTransaction);
    }

    Mono<nl.hartslag.report.Reference> alreadyStored(String idempotencyKey) {
        return reports.referenceForKey(idempotencyKey);
    }

    private static String description(String text, List<NewReport.Photo> photos) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.length() < 3) {
            // The report table wants a few characters; a photo alone or "??" is still a report.
            trimmed = (trimmed + " " + (photos.isEmpty() ? "(geen tekst)" : "(foto zonder tekst)")).strip();
        }
        return cut(trimmed, DESCRIPTION_MAX);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Same sender and words, same fingerprint: a repeated webhook gets its first report back. */
    private static byte[] fingerprint(Channel channel, Optional<String> phone, String text) {
        return Idempotency.fingerprint(channel.code(), phone.orElse(""), text == null ? "" : text);
    }
}
