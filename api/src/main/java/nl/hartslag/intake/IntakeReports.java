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
import nl.hartslag.ratelimit.RateLimitSettings;
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

    /** The report would go over a limit: its transaction is rolled back, nothing is stored. */
    static final class LimitReached extends RuntimeException {

        private final Limit limit;

        LimitReached(Limit limit) {
            super(limit + " limit reached", null, false, false);
            this.limit = limit;
        }

        Limit limit() {
            return limit;
        }
    }

    private static final int DESCRIPTION_MAX = 4000;
    private static final int ADDRESS_MAX = 200;

    private final ReportService reports;
    private final PlaceReader places;
    private final IntakeSettings settings;
    private final IntakeRepository repository;
    private final boolean limitsEnabled;
    private final Clock clock;

    IntakeReports(ReportService reports, PlaceReader places, IntakeSettings settings, IntakeRepository repository,
            RateLimitSettings rateLimits) {
        this.reports = reports;
        this.places = places;
        this.settings = settings;
        this.repository = repository;
        this.limitsEnabled = rateLimits.enabled();
        this.clock = Clock.systemUTC();
    }

    /**
     * Empty when this sender may make a new report now; the limit they hit otherwise. A quick
     * answer before the work (and before asking "Waar is het?"); {@link #store} checks again, the
     * check that holds under concurrency.
     */
    Mono<Optional<Limit>> limit(Optional<String> phone) {
        if (!limitsEnabled) {
            return Mono.just(Optional.empty());
        }
        var since = clock.instant().minus(Duration.ofHours(1));
        Mono<Boolean> numberOver = phone.map(p -> reports.countByReporterPhoneSince(p, since)
                .map(n -> n >= settings.perNumberPerHour())).orElse(Mono.just(false));
        return numberOver.flatMap(over -> over ? Mono.just(Optional.of(Limit.NUMBER))
                : reports.countByChannelsSince(EnumSet.of(Channel.SMS, Channel.PHONE), since)
                        .map(n -> n >= settings.globalPerHour() ? Optional.of(Limit.EVERYONE) : Optional.<Limit>empty()));
    }

    /**
     * Stores a report from {@code text}. {@code categoryCode} overrides the guess when the caller
     * chose (menu 2 is a request for mediation); a household worry stays a household worry. Fails
     * with {@link LimitReached} (nothing stored) when the report would take its number or everyone
     * over the hourly limit.
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
                id -> withinLimits(phone).then(Mono.defer(() -> alsoInTransaction.apply(id))));
    }

    /**
     * The limits, checked inside the new report's transaction so that the check and the insert are
     * one step: a count alone races (16 parallel texts from one number all counted 0-9 and all got
     * stored). A transaction-scoped advisory lock per number, then one for everyone, orders the
     * transactions that could go over; each counts, under its lock, the committed reports plus its
     * own (hence "more than the limit"), and a report over a limit is rolled back. The locks are
     * held only from here to the commit, always in the same order (number, then everyone).
     */
    private Mono<Void> withinLimits(Optional<String> phone) {
        if (!limitsEnabled) {
            return Mono.empty();
        }
        var since = clock.instant().minus(Duration.ofHours(1));
        Mono<Void> number = phone.map(p -> repository.lockNumber(p)
                .then(reports.countByReporterPhoneSince(p, since))
                .flatMap(n -> n > settings.perNumberPerHour() ? Mono.<Void>error(new LimitReached(Limit.NUMBER))
                        : Mono.<Void>empty()))
                .orElse(Mono.empty());
        Mono<Void> everyone = repository.lockEveryone()
                .then(reports.countByChannelsSince(EnumSet.of(Channel.SMS, Channel.PHONE), since))
                .flatMap(n -> n > settings.globalPerHour() ? Mono.<Void>error(new LimitReached(Limit.EVERYONE))
                        : Mono.<Void>empty());
        return number.then(everyone);
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
