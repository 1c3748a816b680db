package nl.hartslag.intake;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import nl.hartslag.notification.Template;
import nl.hartslag.report.Channel;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import reactor.core.publisher.Mono;

/**
 * A phoned-in report, step by step as the caller goes through the menu: what they said is kept per
 * call until they confirm it ("1 = klopt"), then stored as a report whose reference is spoken and
 * sent by text through the notifier. Also a caller's question about the status of a report.
 */
@Service
public class VoiceIntake {

    private static final Logger log = LoggerFactory.getLogger(VoiceIntake.class);
    /** What is kept of one call's words: the longest description a report may have. */
    static final int SPEECH_MAX = 4000;

    /** What was heard so far, and whether it names a place we can act on. */
    public record Heard(String speech, boolean placeExact) {

        @Override
        public String toString() {
            return "Heard[placeExact=" + placeExact + "]";
        }
    }

    /** The end of a confirmed call. */
    public sealed interface Confirmation {
    }

    /** Stored; {@code textFollows} when the reference also goes out by SMS. */
    public record Stored(Reference reference, boolean textFollows) implements Confirmation {
    }

    public record Limited(boolean thisNumber) implements Confirmation {
    }

    /** Nothing to confirm: the call's words are gone (expired) or were never said. */
    public record NothingHeard() implements Confirmation {
    }

    public sealed interface StatusAnswer {
    }

    public record Found(Reference reference, ReportStatus status) implements StatusAnswer {
    }

    public record NotFound() implements StatusAnswer {
    }

    /** The caller hides their number, so we cannot know which reports are theirs. */
    public record Withheld() implements StatusAnswer {
    }

    private final IntakeRepository repository;
    private final IntakeReports intake;
    private final PlaceReader places;
    private final ReportService reports;

    VoiceIntake(IntakeRepository repository, IntakeReports intake, PlaceReader places, ReportService reports) {
        this.repository = repository;
        this.intake = intake;
        this.places = places;
        this.reports = reports;
    }

    /** Street names for the speech recogniser: it hears "Passartweg", not "pas hart weg". */
    public Mono<String> speechHints() {
        return places.streetNames();
    }

    public Mono<Void> start(String callSid, String from, Purpose purpose, String language) {
        return repository.startCall(callSid, CallerNumber.of(from), purpose, language);
    }

    /** Adds what the caller said; empty when the call has no conversation (it expired). */
    public Mono<Heard> heard(String callSid, String speech, Float confidence) {
        String words = speech.strip();
        return repository.appendSpeech(callSid, cut(words), confidence)
                .filter(call -> call.speech() != null)
                .flatMap(call -> places.read(call.speech()).map(read -> new Heard(call.speech(), read.exact())));
    }

    private static String cut(String words) {
        if (words.length() <= SPEECH_MAX) {
            return words;
        }
        // Never half a character: a lone surrogate would be stored as '?'.
        return words.substring(0, Character.isHighSurrogate(words.charAt(SPEECH_MAX - 1)) ? SPEECH_MAX - 1 : SPEECH_MAX);
    }

    /** What was heard so far, without adding to it. */
    public Mono<Heard> soFar(String callSid) {
        return repository.pendingCall(callSid)
                .filter(call -> call.speech() != null)
                .flatMap(call -> places.read(call.speech()).map(read -> new Heard(call.speech(), read.exact())));
    }

    /** The caller wants to say it again; emits why they called, to ask the right question again. */
    public Mono<Purpose> forget(String callSid) {
        return repository.forgetSpeech(callSid).then(repository.pendingCall(callSid).map(c -> c.purpose()));
    }

    public Mono<Confirmation> confirm(String callSid) {
        String key = "call:" + callSid;
        // Twilio may repeat the confirmation webhook: the report made the first time is the answer.
        return intake.alreadyStored(key).<Confirmation>map(reference -> new Stored(reference, false))
                .switchIfEmpty(Mono.defer(() -> repository.pendingCall(callSid)
                        .filter(call -> call.speech() != null && !call.speech().isBlank())
                        .flatMap(call -> intake.limit(call.phone()).flatMap(limit -> limit.isPresent()
                                ? Mono.<Confirmation>just(new Limited(limit.get() == IntakeReports.Limit.NUMBER))
                                : store(call, key)))
                        .defaultIfEmpty(new NothingHeard())));
    }

    private Mono<Confirmation> store(IntakeRepository.PendingCall call, String key) {
        Optional<String> chosen = call.purpose() == Purpose.MEDIATION ? Optional.of("neighbour_dispute")
                : Optional.empty();
        return places.read(call.speech())
                .flatMap(read -> intake.store(Channel.PHONE, call.speech(), read, chosen, call.phone(),
                        call.language(), java.util.List.of(), call.confidence(), key, Template.REPORT_RECEIVED,
                        id -> repository.deleteCall(call.callSid()).then()))
                .<Confirmation>map(submission -> {
                    log.info("Phoned-in report {} confirmed", submission.reference());
                    return new Stored(submission.reference(), call.phone().isPresent());
                })
                .onErrorResume(IntakeReports.LimitReached.class,
                        e -> Mono.just(new Limited(e.limit() == IntakeReports.Limit.NUMBER)));
    }

    public Mono<StatusAnswer> status(String from, String keys, String speech) {
        Optional<String> phone = CallerNumber.of(from);
        if (phone.isEmpty()) {
            return Mono.just(new Withheld());
        }
        String entered = Keypad.digitsOfInput(keys, speech);
        if (entered.length() != 6) {
            return Mono.just(new NotFound());
        }
        // Only the caller's own reports: a reference alone proves nothing.
        return reports.byReporterPhone(phone.get(), 200)
                .filter(r -> Keypad.digitsOf(r.reference().value()).equals(entered))
                .next()
                .<StatusAnswer>map(r -> new Found(r.reference(), r.status()))
                .defaultIfEmpty(new NotFound());
    }
}
