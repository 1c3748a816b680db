package nl.hartslag.intake;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import nl.hartslag.domain.Refused;
import nl.hartslag.feedback.Satisfaction;
import nl.hartslag.mediation.Mediations;
import nl.hartslag.workorder.WorkOrders;
import nl.hartslag.notification.OptOutList;
import nl.hartslag.report.Channel;
import nl.hartslag.report.Feedback;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.Submission;
import reactor.core.publisher.Mono;

/**
 * Answers a resident's text: a report (asking once "Waar is het?" when it does not say where), or
 * a keyword. The answer is the text of the reply, in the sender's language; a report is stored
 * before it is given. No menu trees: the category is guessed and a coordinator corrects it.
 */
@Service
public class SmsIntake {

    private static final Logger log = LoggerFactory.getLogger(SmsIntake.class);

    private final IntakeReports intake;
    private final PlaceReader places;
    private final IntakeRepository repository;
    private final ReportService reports;
    private final OptOutList optOuts;
    private final MessageSource messages;
    private final IntakeSettings settings;
    private final Mediations mediations;
    private final WorkOrders workOrders;
    private final Clock clock = Clock.systemUTC();

    private final Satisfaction satisfaction;

    SmsIntake(IntakeReports intake, PlaceReader places, IntakeRepository repository, ReportService reports,
            OptOutList optOuts, MessageSource messages, IntakeSettings settings, Mediations mediations,
            WorkOrders workOrders, Satisfaction satisfaction) {
        this.satisfaction = satisfaction;
        this.mediations = mediations;
        this.workOrders = workOrders;
        this.intake = intake;
        this.places = places;
        this.repository = repository;
        this.reports = reports;
        this.optOuts = optOuts;
        this.messages = messages;
        this.settings = settings;
    }

    /** The reply to {@code text}. */
    public Mono<String> receive(InboundText text) {
        Optional<String> phone = CallerNumber.of(text.from());
        SmsCommand command = text.body().isBlank() && !text.photos().isEmpty() ? new SmsCommand.Report("")
                : SmsCommand.parse(text.body());
        if (command instanceof SmsCommand.Stop stop) {
            return phone.map(p -> optOuts.optOut(p, OptOutList.Source.SMS_KEYWORD)).orElse(Mono.empty())
                    .then(Mono.fromSupplier(() -> say(stop.language(), "sms.stop")));
        }
        if (command instanceof SmsCommand.Start start) {
            return phone.map(optOuts::optIn).orElse(Mono.empty())
                    .then(Mono.fromSupplier(() -> say(start.language(), "sms.start")));
        }
        if (command instanceof SmsCommand.Help help) {
            return Mono.just(say(help.language(), "sms.help"));
        }
        if (command instanceof SmsCommand.Status status) {
            // The language from the words around the reference, not from the reference itself: a
            // reference such as HS-FS7A-BW holds the "word" A, which counts as English.
            String words = status.reference().isEmpty() ? text.body() : text.body().replace(status.reference(), " ");
            return status(phone, status.reference(), Language.of(words));
        }
        if (command instanceof SmsCommand.Erase erase) {
            return erase(phone, erase.reference(), erase.language());
        }
        if (command instanceof SmsCommand.NotSolved notSolved) {
            return notSolved(phone, notSolved.reference(), notSolved.language());
        }
        if (command instanceof SmsCommand.Satisfaction answer) {
            return satisfaction(text, phone, answer);
        }
        if (command instanceof SmsCommand.OfferReply reply) {
            return offerReply(phone, reply, text.messageSid());
        }
        return report(text, phone, ((SmsCommand.Report) command).text());
    }

    private Mono<String> status(Optional<String> phone, String typed, String language) {
        if (typed.isBlank()) {
            return Mono.just(say(language, "sms.status.how"));
        }
        Optional<Reference> reference = Reference.parse(typed);
        if (reference.isEmpty() || phone.isEmpty()) {
            return Mono.just(say(language, "sms.status.unknown", typed));
        }
        // Only the number that made a report hears its status: a reference alone proves nothing.
        return reports.ofReporter(phone.get(), reference.get())
                .map(r -> say(language, "sms.status", r.reference().value(),
                        say(language, r.status().labelCode()).toLowerCase(Locale.ROOT)))
                .defaultIfEmpty(say(language, "sms.status.unknown", reference.get().value()));
    }

    /**
     * "VERWIJDER <ref>": erases the sender's contact data of that report, only from the number that
     * made it (another number hears what an unknown reference hears). The reply goes to the number
     * that just asked, as the answer to its own text; after it, the number is gone from the report.
     */
    private Mono<String> erase(Optional<String> phone, String typed, String language) {
        if (typed.isBlank()) {
            return Mono.just(say(language, "sms.erase.how"));
        }
        Optional<Reference> reference = Reference.parse(typed);
        if (reference.isEmpty() || phone.isEmpty()) {
            return Mono.just(say(language, "sms.erase.unknown", typed));
        }
        return reports.erasePersonalDataOfReporter(phone.get(), reference.get())
                .map(erased -> say(language, "sms.erase", reference.get().value()))
                .onErrorResume(Refused.class, e -> Mono.just(say(language, "sms.erase.mediation",
                        reference.get().value())))
                .defaultIfEmpty(say(language, "sms.erase.unknown", reference.get().value()));
    }

    /** A volunteer's JA/NEE: kept as received, then answered by the case workflow (first come, first served). */
    private Mono<String> offerReply(Optional<String> phone, SmsCommand.OfferReply reply, String messageSid) {
        if (phone.isEmpty()) {
            return Mono.just(say(reply.language(), "sms.help"));
        }
        return mediations.activeVolunteer(phone.get())
                .flatMap(volunteer -> repository.saveOfferReply(volunteer, reply.accept(), reply.caseNumber(), messageSid)
                        .then(mediations.answerByText(phone.get(), reply.caseNumber(), reply.accept()))
                        .map(answer -> say(reply.language(), "sms.offer." + switch (answer) {
                            case ASSIGNED -> "assigned";
                            case WAITING_FOR_SECOND -> "waiting";
                            case DECLINED -> "declined";
                            case TAKEN -> "taken";
                            case EXPIRED -> "expired";
                            case NOT_OFFERED -> "not-offered";
                        }, reply.caseNumber())))
                .defaultIfEmpty(say(reply.language(), "sms.help"));
    }

    /** "NIET OPGELOST <ref>": only from the number that made the report, within the window after "opgelost". */
    private Mono<String> notSolved(Optional<String> phone, String typed, String language) {
        Optional<Reference> reference = Reference.parse(typed);
        if (reference.isEmpty() || phone.isEmpty()) {
            return Mono.just(say(language, "sms.not-solved.unknown", typed.isBlank() ? "?" : typed));
        }
        return reports.ofReporter(phone.get(), reference.get())
                .flatMap(r -> r.status() == ReportStatus.CLOSED
                        // Closed reports do not reopen: the objection is kept as "niet tevreden" for the coordinator.
                        ? satisfaction.answer(r.reference(), false, "NIET OPGELOST", Feedback.Via.SMS)
                                .map(outcome -> say(language, "sms.feedback.sorry", r.reference().value()))
                                .onErrorResume(Refused.class,
                                        e -> Mono.just(say(language, "sms.feedback.already", r.reference().value())))
                        : workOrders.reopenByResident(r.reference(), "resident:sms")
                                .map(result -> say(language, "sms.not-solved." + switch (result) {
                                    case REOPENED -> "reopened";
                                    case NOT_RESOLVED -> "not-resolved";
                                    case TOO_LATE -> "too-late";
                                    case NOT_FOUND -> "unknown";
                                }, reference.get().value())))
                .defaultIfEmpty(say(language, "sms.not-solved.unknown", reference.get().value()));
    }

    /**
     * TEVREDEN / NIET TEVREDEN: the answer for the report it names (if this number made it) or the
     * number's most recent report that asked. A number that was never asked sent a report that
     * happens to start with the word ("niet tevreden over de herrie..."): it is read as one.
     */
    private Mono<String> satisfaction(InboundText text, Optional<String> phone, SmsCommand.Satisfaction answer) {
        String language = answer.language();
        Optional<Reference> named = Reference.parse(answer.reference());
        if (phone.isEmpty()) {
            return report(text, phone, text.body().strip());
        }
        if (!answer.reference().isBlank() && named.isEmpty()) {
            return Mono.just(say(language, "sms.not-solved.unknown", answer.reference()));
        }
        String reason = answer.reason().isBlank() ? null : answer.reason();
        return satisfaction.answerByText(phone.get(), named, answer.satisfied(), reason)
                .flatMap(result -> {
                    if (result instanceof Satisfaction.TextAnswer.Stored stored) {
                        return Mono.just(say(language, switch (stored.outcome()) {
                            case THANKS -> "sms.feedback.thanks";
                            case FLAGGED -> "sms.feedback.sorry";
                            case REOPENED -> "sms.feedback.reopened";
                        }, stored.reference().value()));
                    }
                    if (result instanceof Satisfaction.TextAnswer.AlreadyAnswered already) {
                        return Mono.just(say(language, "sms.feedback.already", already.reference().value()));
                    }
                    if (result instanceof Satisfaction.TextAnswer.Unknown unknown) {
                        return Mono.just(say(language, "sms.not-solved.unknown", unknown.reference().value()));
                    }
                    if (result instanceof Satisfaction.TextAnswer.NotYet notYet) {
                        return Mono.just(say(language, "sms.feedback.not-yet", notYet.reference().value()));
                    }
                    return report(text, phone, text.body().strip());
                })
                // Answered meanwhile (a double tap, a second phone): the first answer stays.
                .onErrorResume(Refused.class, e -> Mono.just(say(language, "feedback-given".equals(e.code())
                        ? "sms.feedback.already" : "sms.feedback.not-yet",
                        named.map(Reference::value).orElse("?"))));
    }

    private Mono<String> report(InboundText text, Optional<String> phone, String words) {
        String key = key(text.messageSid());
        // Twilio repeats a webhook it got no answer to: the same message gets the same report.
        return intake.alreadyStored(key)
                .map(reference -> say(Language.of(words), "sms.received", reference.value()))
                .switchIfEmpty(Mono.defer(() -> phone
                        .map(p -> repository.pendingText(p, clock.instant().minus(settings.placeQuestionWindow())))
                        .orElse(Mono.empty())
                        .flatMap(pending -> pending.messageSid().equals(text.messageSid())
                                ? Mono.just(say(pending.language(), "sms.where"))
                                : complete(pending, text, phone.get()))
                        .switchIfEmpty(Mono.defer(() -> fresh(text, phone, words)))));
    }

    /** A new report: stored at once when it says where, otherwise kept while we ask. */
    private Mono<String> fresh(InboundText text, Optional<String> phone, String words) {
        String language = Language.of(words);
        return intake.limit(phone).flatMap(limit -> {
            if (limit.isPresent()) {
                return Mono.just(limited(language, limit.get()));
            }
            return places.read(words).flatMap(read -> {
                if (read.exact() || phone.isEmpty()) {
                    // No usable number (abroad, premium-rate…, see ContactDetails): the report is kept, anonymous,
                    // rather than dropped (border area: Belgian and German phones are common); the only
                    // text it gets is this reply to the sender's own message, never a status text.
                    return intake.store(Channel.SMS, words, read, Optional.empty(), phone, language, text.photos(),
                            null, key(text.messageSid()), null, id -> Mono.empty())
                            .map(submission -> phone.isEmpty() && !read.categoryCode().equals("domestic")
                                    ? say(language, "sms.received.no-number", submission.reference().value())
                                    : received(language, submission, read))
                            .onErrorResume(IntakeReports.LimitReached.class,
                                    e -> Mono.just(limited(language, e.limit())));
                }
                return repository.savePendingText(phone.get(), text.messageSid(), words, language, text.photos())
                        .thenReturn(say(language, "sms.where"));
            });
        });
    }

    private String limited(String language, IntakeReports.Limit limit) {
        log.info("Refused a new SMS report ({} limit reached)", limit);
        return say(language, limit == IntakeReports.Limit.NUMBER ? "sms.limit.number" : "sms.limit.everyone");
    }

    /** The answer to "Waar is het?": the two texts together make the report, place known or not. */
    private Mono<String> complete(IntakeRepository.PendingText pending, InboundText answer, String phone) {
        String words = pending.body() + "\n" + answer.body().strip();
        return places.read(answer.body())
                .flatMap(fromAnswer -> fromAnswer.where().isPresent() ? Mono.just(fromAnswer) : places.read(words))
                .zipWith(places.read(words), (where, whole) -> new PlaceReader.Read(where.where(), whole.categoryCode()))
                .flatMap(read -> intake.store(Channel.SMS, words, read, Optional.empty(), Optional.of(phone),
                        pending.language(), IntakeRepository.photos(pending.photos(), answer.photos()), null,
                        key(answer.messageSid()), null,
                        id -> repository.deletePendingText(phone, pending.messageSid()).then())
                        .map(submission -> received(pending.language(), submission, read))
                        .onErrorResume(IntakeReports.LimitReached.class,
                                e -> Mono.just(limited(pending.language(), e.limit()))));
    }

    /**
     * Turns a text whose sender never told us where into a report after all: what a resident took the
     * trouble to text is not dropped. Its reference goes out by text (the reply asked a question).
     */
    Mono<Submission> expire(IntakeRepository.PendingText pending) {
        return places.read(pending.body())
                .flatMap(read -> intake.store(Channel.SMS, pending.body(), read, Optional.empty(),
                        Optional.of(pending.phone()), pending.language(), pending.photos(), null,
                        key(pending.messageSid()), nl.hartslag.notification.Template.REPORT_RECEIVED,
                        id -> repository.deletePendingText(pending.phone(), pending.messageSid()).then()))
                // Over a limit by now (the number sent many reports since): dropped like any text over it.
                .onErrorResume(IntakeReports.LimitReached.class, e -> {
                    log.info("Dropped a text without a place at the end of its window ({} limit reached)", e.limit());
                    return repository.deletePendingText(pending.phone(), pending.messageSid()).then(Mono.empty());
                });
    }

    private String received(String language, Submission submission, PlaceReader.Read read) {
        // Worries about a household: where to get help, at once, in the reply itself.
        String code = read.categoryCode().equals("domestic") ? "sms.received.domestic"
                : read.where().isPresent() ? "sms.received" : "sms.received.no-place";
        return say(language, code, submission.reference().value());
    }

    private static String key(String messageSid) {
        return "sms:" + messageSid;
    }

    private String say(String language, String code, Object... args) {
        return messages.getMessage(code, args, Locale.forLanguageTag(language));
    }
}
