package nl.hartslag.report;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.audit.AuditEntry;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.domain.IllegalTransition;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.domain.Unprocessable;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The one place that changes reports. Each change writes the report, its history line and the
 * reporter's notification (outbox) in one transaction, and announces new reports only after commit.
 */
@Service
public class ReportService {

    private static final Logger log = LoggerFactory.getLogger(ReportService.class);

    private final ReportRepository repository;
    private final TransactionalOperator tx;
    private final TrackingTokens tokens;
    private final ApplicationEventPublisher events;
    private final ReportNotifications notifications;
    private final FeedbackRepository feedback;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();

    ReportService(ReportRepository repository, TransactionalOperator tx, TrackingTokens tokens,
            ApplicationEventPublisher events, ReportNotifications notifications, FeedbackRepository feedback, AuditTrail audit) {
        this.feedback = feedback;
        this.audit = audit;
        this.repository = repository;
        this.tx = tx;
        this.tokens = tokens;
        this.events = events;
        this.notifications = notifications;
    }

    /**
     * Stores a report durably before answering. With an idempotency key, a retry of the same
     * submission (even one racing the first) returns the first report instead of a second one; the
     * same key with a different request is refused, so a key guessed by someone else reveals nothing.
     */
    public Mono<Submission> submit(NewReport report, Optional<String> idempotencyKey, byte[] fingerprint) {
        return submit(report, idempotencyKey, fingerprint, Template.REPORT_RECEIVED, NOTHING_ELSE);
    }

    /** Nothing else to write in a new report's transaction. */
    private static final Function<UUID, Mono<Void>> NOTHING_ELSE = id -> Mono.empty();

    /**
     * The same, with {@code alsoInTransaction} run inside the new report's transaction once the report
     * row exists (given its id): for a feature that must record something about the new report
     * atomically with it, such as a resident's "me too" joining a known cluster. An error from it
     * rolls the report back. Not run when a retry is answered with the original report.
     * {@code confirmation} is the message the reporter gets (if they left a way to reach them); null
     * when the answer itself carries the reference, as the reply to a text does.
     */
    public Mono<Submission> submit(NewReport report, Optional<String> idempotencyKey, byte[] fingerprint,
            Template confirmation, Function<UUID, Mono<Void>> alsoInTransaction) {
        if (idempotencyKey.isEmpty()) {
            return create(report, null, null, confirmation, alsoInTransaction);
        }
        String key = idempotencyKey.get();
        return repository.findByIdempotencyKey(key)
                .flatMap(existing -> replay(existing, fingerprint))
                .switchIfEmpty(Mono.defer(() -> create(report, key, fingerprint, confirmation, alsoInTransaction)))
                .onErrorResume(SameKeyStoredMeanwhile.class, e -> repository.findByIdempotencyKey(key)
                        .flatMap(existing -> replay(existing, fingerprint)));
    }

    private Mono<Submission> create(NewReport report, String key, byte[] fingerprint, Template confirmation,
            Function<UUID, Mono<Void>> alsoInTransaction) {
        UUID id = UUID.randomUUID();
        String token = tokens.tokenFor(id);
        // An anonymous report without photos (most of a flood) is one statement: the report and its
        // history line, atomic and committed (fsync, synchronous commit) before we answer, in one
        // round trip. Anything else written with it (contact, photos, the outbox row of the
        // confirmation, a feature's own rows) makes it a transaction of several statements.
        boolean alone = report.contact().isEmpty() && report.photos().isEmpty() && alsoInTransaction == NOTHING_ELSE;
        Mono<Submission> insert = Mono.defer(() -> {
            Reference reference = Reference.random(random);
            Mono<UUID> contactId = report.contact().map(repository::insertContact).orElse(Mono.empty());
            Mono<Submission> stored = contactId.map(Optional::of).defaultIfEmpty(Optional.empty())
                    .flatMap(contact -> repository.insertReceived(id, reference, TrackingTokens.hash(token), report,
                            contact.orElse(null), key, fingerprint, ReportStatus.RECEIVED,
                            ReportStatus.RECEIVED.messageCode(), "resident:" + report.channel().code()))
                    .switchIfEmpty(Mono.error(SameKeyStoredMeanwhile::new))
                    .then(Mono.defer(() -> repository.insertPhotos(id, report.photos())))
                    .then(Mono.defer(() -> alsoInTransaction.apply(id)))
                    .then(Mono.defer(() -> notifications.received(id, reference, report, confirmation)))
                    .thenReturn(new Submission(reference, token, ReportStatus.RECEIVED, true));
            return alone ? stored : stored.as(tx::transactional);
        });
        return insert
                // A reference collision is rare (28 million codes) and harmless: draw another one.
                .retryWhen(Retry.max(5).filter(ReportService::isReferenceClash))
                .doOnNext(submission -> {
                    log.info("Report {} received via {} in category {}", submission.reference(),
                            report.channel().code(), report.categoryCode());
                    events.publishEvent(new ReportReceived(id, submission.reference()));
                });
    }

    private Mono<Submission> replay(ReportRepository.StoredReport existing, byte[] fingerprint) {
        if (!MessageDigest.isEqual(existing.fingerprint(), fingerprint)) {
            return Mono.error(new Unprocessable("idempotency-key-reused"));
        }
        return Mono.just(new Submission(existing.reference(), tokens.tokenFor(existing.id()), existing.status(), false));
    }

    /** The resident's view; empty for an unknown reference and for a wrong token alike. */
    public Mono<ResidentView> findForResident(Reference reference, String token) {
        return repository.findByReference(reference)
                .filter(report -> TrackingTokens.matches(token, report.tokenHash()))
                .flatMap(report -> repository.history(report.id()).collectList()
                        .map(history -> new ResidentView(report.reference(), report.categoryCode(), report.status(),
                                report.description(), report.receivedAt(),
                                round(report.problemLat() != null ? report.problemLat() : report.lat()),
                                round(report.problemLon() != null ? report.problemLon() : report.lon()),
                                publicPlace(report), history, report.pointsAtTheProblem())));
    }

    /**
     * The reports a phone number made, newest first: for a resident asking the status by text or
     * call. Only the number that made a report learns its status this way.
     */
    public Flux<ReporterReport> byReporterPhone(String phoneE164, int limit) {
        return repository.byReporterPhone(phoneE164, limit);
    }

    /** The report with this reference, only if this phone number made it (a reference alone proves nothing). */
    public Mono<ReporterReport> ofReporter(String phoneE164, Reference reference) {
        return repository.ofReporter(phoneE164, reference);
    }

    /** How many reports this phone number made since {@code since} (for the intake's rate limit). */
    public Mono<Long> countByReporterPhoneSince(String phoneE164, Instant since) {
        return repository.countByReporterPhoneSince(phoneE164, since);
    }

    /** How many reports came in through these channels since {@code since}. */
    public Mono<Long> countByChannelsSince(Set<Channel> channels, Instant since) {
        return repository.countByChannelsSince(channels.stream().map(Channel::code).sorted().toList(), since);
    }

    public Mono<ReportFacts> facts(UUID reportId) {
        return repository.findById(reportId).map(ReportService::facts);
    }

    public Mono<ReportFacts> facts(Reference reference) {
        return repository.findByReference(reference).map(ReportService::facts);
    }

    /**
     * The reporter's contact details, for the few who may see them (the mediators of an accepted
     * case, the coordinator). Empty for an anonymous report.
     */
    public Mono<NewReport.Contact> contact(UUID reportId) {
        return repository.findById(reportId).filter(r -> r.contactId() != null)
                .flatMap(r -> repository.contact(r.contactId()));
    }

    /** The history line of an erasure: "Uw gegevens zijn verwijderd (AVG)" on the status page. */
    public static final String PERSONAL_DATA_ERASED = "report.personal-data.erased";

    /**
     * What is held about the reporter of this report, masked; empty for an unknown reference and a
     * wrong token alike.
     */
    public Mono<PersonalData> personalData(Reference reference, String token) {
        return repository.findByReference(reference)
                .filter(report -> TrackingTokens.matches(token, report.tokenHash()))
                .flatMap(this::personalData);
    }

    private Mono<PersonalData> personalData(ReportRepository.StoredReport report) {
        if (report.contactId() == null) {
            return repository.hasEvent(report.id(), PERSONAL_DATA_ERASED)
                    .map(erased -> PersonalData.none(report.reference(), erased));
        }
        return repository.contact(report.contactId()).map(c -> PersonalData.of(report.reference(), c))
                .defaultIfEmpty(PersonalData.none(report.reference(), false));
    }

    /**
     * The resident's right to erasure, with the status link: see {@link #erase}. Empty for an unknown
     * reference and a wrong token alike.
     */
    public Mono<PersonalData> erasePersonalData(Reference reference, String token) {
        return erase(reference, report -> TrackingTokens.matches(token, report.tokenHash()), "resident:web",
                RESIDENT);
    }

    /**
     * The same by text ("VERWIJDER HS-..."): only from the number that made the report, as STATUS.
     * Empty when this number made no report with this reference (or erased it already: the number is
     * no longer known, so the answer is the one for an unknown reference).
     */
    public Mono<PersonalData> erasePersonalDataOfReporter(String phoneE164, Reference reference) {
        return repository.ofReporter(phoneE164, reference)
                .flatMap(found -> erase(reference, report -> true, "resident:sms", RESIDENT));
    }

    /**
     * The same erasure on someone else's initiative: the retention job (a report closed long ago) or a
     * coordinator handling a person's formal request. {@code actor} is the history line's actor
     * ({@code system:retention}, {@code staff:<username>}); {@code entry} the audit entry to write, given
     * the kinds of data erased. Refused ({@link Refused} {@code personal-data-in-mediation}) while an
     * open mediation holds the report, as for the resident. Empty for an unknown reference.
     */
    public Mono<PersonalData> erasePersonalDataFor(Reference reference, String actor,
            Function<List<String>, AuditEntry> entry) {
        return erase(reference, report -> true, actor, entry);
    }

    private static final Function<List<String>, AuditEntry> RESIDENT = fields -> new AuditEntry("resident",
            "RESIDENT", "report", null, fields, "erase");

    /**
     * Erases the reporter's contact data (name, phone number, e-mail address, home) of this report at
     * once, in one transaction with its history line, the outbox (nothing more is sent to them about
     * it) and the audit trail. The report stays, anonymous. Idempotent: with nothing left it changes
     * nothing and answers the same. Refused while an open mediation holds the report.
     */
    private Mono<PersonalData> erase(Reference reference, Predicate<ReportRepository.StoredReport> allowed,
            String actor, Function<List<String>, AuditEntry> entry) {
        return repository.lockByReference(reference)
                .filter(allowed)
                .flatMap(report -> {
                    if (report.contactId() == null) {
                        return personalData(report).map(data -> new Erasure(data, null));
                    }
                    return repository.inOpenMediation(report.id()).flatMap(open -> open
                            ? Mono.<Erasure>error(new Refused("personal-data-in-mediation"))
                            : repository.contact(report.contactId()).map(ReportService::fields)
                                    .defaultIfEmpty(List.of())
                                    .flatMap(fields -> repository.eraseContact(report.id(), report.contactId())
                                            .flatMap(cluster -> repository.appendEvent(report.id(), report.status(),
                                                    PERSONAL_DATA_ERASED, null, actor)
                                                    .then(notifications.forget(report.reference()))
                                                    .then(audit.record(about(entry.apply(fields),
                                                            report.reference())))
                                                    .thenReturn(new Erasure(PersonalData.none(report.reference(), true),
                                                            new ReportPersonalDataErased(report.id(),
                                                                    report.reference(), cluster.orElse(null)))))));
                })
                .as(tx::transactional)
                .doOnNext(erasure -> {
                    if (erasure.event() != null) {
                        log.info("Report {}: the reporter's contact data erased ({})", reference, actor);
                        events.publishEvent(erasure.event());
                    }
                })
                .map(Erasure::data);
    }

    private record Erasure(PersonalData data, ReportPersonalDataErased event) {
    }

    /** The entry, about this report whatever subject its maker left open. */
    private static AuditEntry about(AuditEntry entry, Reference reference) {
        return new AuditEntry(entry.actor(), entry.role(), "report", reference.value(), entry.fields(),
                entry.purpose());
    }

    /** The kinds of contact data held (never their values): for the audit trail. */
    private static List<String> fields(NewReport.Contact contact) {
        List<String> fields = new java.util.ArrayList<>();
        if (contact.name() != null) {
            fields.add("name");
        }
        if (contact.phoneE164() != null) {
            fields.add("phone");
        }
        if (contact.email() != null) {
            fields.add("email");
        }
        if (contact.home() != null) {
            fields.add("home");
        }
        return List.copyOf(fields);
    }

    /**
     * Sends the reporter one of the report's messages (by text or e-mail, whatever they left),
     * through the outbox in the caller's transaction. {@code key} names the message, so asking
     * twice sends once. Nothing when the report is anonymous.
     */
    public Mono<Void> messageReporter(UUID reportId, Template template, String key, Urgency urgency) {
        return repository.shareById(reportId).flatMap(r -> {
            Mono<Optional<NewReport.Contact>> contact = r.contactId() == null ? Mono.just(Optional.empty())
                    : repository.contact(r.contactId()).map(Optional::of).defaultIfEmpty(Optional.empty());
            return contact.flatMap(c -> notifications.message(r.id(), r.reference(), c, r.language(), template,
                    "report:" + r.id() + ":" + key, urgency));
        });
    }

    private static ReportFacts facts(ReportRepository.StoredReport r) {
        return new ReportFacts(r.id(), r.reference(), r.categoryCode(), r.status(), r.description(), r.street(),
                r.houseNumber(), r.lat(), r.lon(), r.placeKnown(), r.language(), r.channel(), r.receivedAt(),
                new ReportFacts.ProblemPlace(r.problemPlaceName(), r.problemStreet(), r.problemHouseNumber()));
    }

    /**
     * What a status page may name: the problem's named place or street (never a house number);
     * before the engine has read the report, the street the reporter gave.
     */
    private static String publicPlace(ReportRepository.StoredReport r) {
        return r.problemPlaceName() != null ? r.problemPlaceName()
                : r.problemStreet() != null ? r.problemStreet() : r.street();
    }

    /**
     * The bytes of a photo uploaded with a report ({@code n} counts from 1), or its thumbnail: for
     * coordinators and the WOP only. Empty when there is none (or only an MMS photo by URL).
     */
    public Mono<StoredPhoto> photo(Reference reference, int n, boolean thumbnail) {
        return repository.storedPhoto(reference, n, thumbnail);
    }

    /** The reference of the report stored under an idempotency key, if any. */
    public Mono<Reference> referenceForKey(String idempotencyKey) {
        return repository.findByIdempotencyKey(idempotencyKey).map(ReportRepository.StoredReport::reference);
    }

    public Flux<StaffView> recent(Optional<ReportStatus> status, int limit) {
        return repository.recent(status, limit).map(r -> staffView(r, Optional.empty(), List.of()));
    }

    public Mono<StaffView> findForStaff(Reference reference, boolean withContact) {
        return repository.findByReference(reference).flatMap(report -> {
            Mono<Optional<NewReport.Contact>> contact = !withContact || report.contactId() == null
                    ? Mono.just(Optional.empty())
                    : repository.contact(report.contactId()).map(Optional::of).defaultIfEmpty(Optional.empty());
            // Whoever may see the contact sees the text as typed, numbers included; others the placeholders.
            Mono<Optional<String>> original = !withContact ? Mono.just(Optional.empty())
                    : repository.originalDescription(report.id()).map(Optional::of).defaultIfEmpty(Optional.empty());
            return Mono.zip(contact, repository.photos(report.id(), report.reference()).collectList(), original)
                    .map(t -> t.getT3().map(text -> staffView(report, t.getT1(), t.getT2()).withDescription(text))
                            .orElseGet(() -> staffView(report, t.getT1(), t.getT2())));
        });
    }

    /**
     * Corrects a report's category: texts and calls get a guessed one, and residents pick the wrong
     * one about one time in seven. Recorded in the report's history with who did it and why (the
     * status page shows only "De soort melding is aangepast"); no text is sent, it changes nothing the
     * resident asked for. A report that was ever 'domestic' keeps its safeguard: changing its category
     * needs a written reason, and the change must be agreed by a second coordinator before the report
     * may reach volunteers or the WOP (see {@link #agreeToCategoryChange}).
     */
    public Mono<StaffView> changeCategory(Reference reference, String categoryCode, String reason, String actor) {
        return repository.lockByReference(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .zipWhen(report -> repository.safeguard(report.id()).defaultIfEmpty(Safeguard.NONE))
                .flatMap(locked -> {
                    ReportRepository.StoredReport report = locked.getT1();
                    boolean safeguarded = locked.getT2().safeguarded();
                    if (report.categoryCode().equals(categoryCode)) {
                        return Mono.just(report);
                    }
                    if (safeguarded && (reason == null || reason.isBlank())) {
                        return Mono.error(new InvalidRequestException(
                                Violation.of("reason", "validation.category.safeguard-reason")));
                    }
                    return repository.updateCategory(report.id(), categoryCode)
                            .then(safeguarded ? repository.safeguardChangedBy(report.id(), actor) : Mono.empty())
                            .then(repository.appendCategoryChange(report.id(), report.status(), actor,
                                    report.categoryCode(), categoryCode, reason))
                            .then(repository.findByReference(reference));
                })
                .map(r -> staffView(r, Optional.empty(), List.of()))
                .as(tx::transactional)
                .doOnNext(view -> {
                    log.info("Report {} now in category {} ({})", reference, categoryCode, actor);
                    events.publishEvent(new ReportCategoryChanged(reference));
                });
    }

    /**
     * Corrects the reporter's phone number of a report whose texts failed because the number was
     * wrong (Twilio 21211 invalid, 21614 no mobile): in one transaction the number is replaced,
     * each failed text is queued again to the new number as a new outbox row (the failed one leaves
     * the coordinator's list) and the report's history records who did it, without the number.
     * Refused (409) when no text of this report failed for that reason: a number is not rewritten
     * on a whim, and an opted-out resident (21610) is not texted at a new number behind their back.
     */
    public Mono<Long> correctPhone(Reference reference, String phoneE164, String actor) {
        return repository.lockByReference(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(report -> report.contactId() == null
                        ? Mono.error(new Refused("phone-not-wrong"))
                        : notifications.readdress(reference, phoneE164, actor).flatMap(resent -> resent == 0
                                ? Mono.<Long>error(new Refused("phone-not-wrong"))
                                : repository.updateContactPhone(report.contactId(), phoneE164)
                                        .then(repository.appendPhoneCorrection(report.id(), report.status(), actor,
                                                resent))
                                        .thenReturn(resent)))
                .as(tx::transactional)
                .doOnNext(resent -> log.info("Report {}: phone number corrected by {}, {} text(s) queued again",
                        reference, actor, resent));
    }

    /** The safeguard of a report (none for an unknown id). */
    public Mono<Safeguard> safeguard(UUID reportId) {
        return repository.safeguard(reportId).defaultIfEmpty(Safeguard.NONE);
    }

    /**
     * A second coordinator agrees with the category change of a safeguarded report, so it may be
     * routed like its new category. The coordinator who made the change cannot agree with
     * themselves; a report that is 'domestic' stays with the coordinator whoever agrees. Recorded
     * on the report (who, when) and in the log.
     */
    public Mono<Safeguard> agreeToCategoryChange(Reference reference, String actor) {
        return repository.lockByReference(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(report -> repository.safeguard(report.id()).flatMap(safeguard -> {
                    if (!safeguard.safeguarded() || safeguard.changedBy() == null) {
                        return Mono.error(new Refused("safeguard-nothing-to-agree"));
                    }
                    if (report.categoryCode().equals("domestic")) {
                        return Mono.error(new Refused("domestic-stays-with-coordinator"));
                    }
                    if (safeguard.changedBy().equals(actor)) {
                        return Mono.error(new Refused("safeguard-second-coordinator"));
                    }
                    if (safeguard.agreedBy() != null) {
                        return Mono.just(safeguard);
                    }
                    // On the report row, not in report_event: the resident's status page shows that history.
                    return repository.safeguardAgreedBy(report.id(), actor).then(repository.safeguard(report.id()));
                }))
                .as(tx::transactional)
                .doOnNext(s -> log.info("Category change of safeguarded report {} agreed by {} (changed by {})",
                        reference, actor, s.changedBy()));
    }

    /**
     * Moves a report to a new status, writing the public history line and the reporter's
     * notification in the same transaction.
     */
    public Mono<StaffView> changeStatus(Reference reference, ReportStatus next, String publicNote, String actor) {
        return repository.lockByReference(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(report -> {
                    if (!report.status().canMoveTo(next)) {
                        return Mono.error(new IllegalTransition(report.status(), next));
                    }
                    Mono<Optional<NewReport.Contact>> contact = report.contactId() == null ? Mono.just(Optional.empty())
                            : repository.contact(report.contactId()).map(Optional::of).defaultIfEmpty(Optional.empty());
                    return repository.updateStatus(report.id(), next)
                            .then(repository.appendEvent(report.id(), next, next.messageCode(), publicNote, actor))
                            .zipWith(contact)
                            .flatMap(written -> notifications.statusChanged(report.id(), reference, next,
                                    written.getT1(), publicNote, written.getT2(), report.language())
                                    .then(askSatisfaction(report, next, written.getT2())))
                            .then(repository.findByReference(reference));
                })
                .map(r -> staffView(r, Optional.empty(), List.of()))
                .as(tx::transactional)
                .doOnNext(view -> log.info("Report {} moved to {} by {}", reference, next, actor));
    }

    /**
     * The one satisfaction question, by text, when a report is first solved or closed: in the status
     * change's transaction, once per report (a report solved again after "niet opgelost" is not
     * asked again). Not for a worry about a household (safeguarded, whatever its category now): a
     * text about it can be read by the person it is about. Not to a number that opted out, nor by
     * e-mail (the "opgelost" e-mail's status link asks it on the page).
     */
    private Mono<Void> askSatisfaction(ReportRepository.StoredReport report, ReportStatus next,
            Optional<NewReport.Contact> contact) {
        if (!Feedback.askable(next) || contact.map(NewReport.Contact::phoneE164).isEmpty()
                || "domestic".equals(report.categoryCode())) {
            return Mono.empty();
        }
        String phone = contact.get().phoneE164();
        return repository.safeguard(report.id()).defaultIfEmpty(Safeguard.NONE)
                .filter(safeguard -> !safeguard.safeguarded())
                .filterWhen(ok -> notifications.mayText(phone))
                .filterWhen(ok -> feedback.markAsked(report.id()))
                .flatMap(ok -> notifications.satisfactionQuestion(report.id(), report.reference(), phone,
                        report.language()));
    }

    /**
     * Stores a reporter's answer to "Bent u tevreden?" (the one writer of answers): only once the
     * report is solved or closed (otherwise {@code feedback-not-yet}), and once per report (a second
     * answer is refused with {@code feedback-given}: the first counts in the figures, an objection
     * after it goes through "niet opgelost"). Announced after commit with {@link ReportFeedbackGiven}.
     */
    public Mono<Feedback> recordFeedback(Reference reference, boolean satisfied, String reason, Feedback.Via via) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > Feedback.REASON_MAX) {
            return Mono.error(new IllegalArgumentException("reason longer than " + Feedback.REASON_MAX));
        }
        return repository.lockByReference(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .zipWhen(report -> feedback.find(report.id()).hasElement())
                .flatMap(locked -> {
                    ReportRepository.StoredReport report = locked.getT1();
                    // Answered before (the report may be back in progress because of that answer).
                    if (locked.getT2()) {
                        return Mono.error(new Refused("feedback-given"));
                    }
                    if (!Feedback.askable(report.status())) {
                        return Mono.error(new Refused("feedback-not-yet"));
                    }
                    return feedback.insert(report.id(), satisfied, why, via)
                            .switchIfEmpty(Mono.error(() -> new Refused("feedback-given")))
                            .map(answer -> new ReportFeedbackGiven(report.id(), reference, report.categoryCode(),
                                    answer.satisfied()));
                })
                .as(tx::transactional)
                .flatMap(given -> {
                    log.info("Report {}: reporter {} (via {})", reference,
                            given.satisfied() ? "satisfied" : "NOT satisfied", via.code());
                    events.publishEvent(given);
                    return feedback.find(given.reportId());
                });
    }

    /** The reporter's answer about a report, if they gave one. */
    public Mono<Feedback> feedback(Reference reference) {
        return repository.findByReference(reference).flatMap(r -> feedback.find(r.id()));
    }

    /**
     * Whether the resident's status page asks "Bent u tevreden?": the report is solved or closed,
     * not answered yet, and not a worry about a household.
     */
    public Mono<Boolean> feedbackAskable(Reference reference) {
        return repository.findByReference(reference)
                .filter(r -> Feedback.askable(r.status()) && !"domestic".equals(r.categoryCode()))
                .filterWhen(r -> repository.safeguard(r.id()).defaultIfEmpty(Safeguard.NONE).map(s -> !s.safeguarded()))
                .filterWhen(r -> feedback.find(r.id()).hasElement().map(answered -> !answered))
                .hasElement();
    }

    /** What a number's "TEVREDEN" answers: its most recent report that asked the question by text. */
    public Mono<AskedReport> latestAsked(String phoneE164) {
        return feedback.latestAsked(phoneE164)
                .map(a -> new AskedReport(a.reference(), a.status(), a.answered()));
    }

    /** A report that asked its reporter "Bent u tevreden?" by text, and whether they answered. */
    public record AskedReport(Reference reference, ReportStatus status, boolean answered) {
    }

    /** Answers, newest first (only the dissatisfied ones when {@code satisfied} is false), for coordinators. */
    public Flux<AnsweredReport> answers(Optional<Boolean> satisfied, int limit) {
        return feedback.answers(satisfied.orElse(null), limit)
                .map(a -> new AnsweredReport(a.reference(), a.categoryCode(), a.status(), a.feedback()));
    }

    public record AnsweredReport(Reference reference, String categoryCode, ReportStatus status, Feedback feedback) {
    }

    /** Per category: asked by text, answered satisfied, answered dissatisfied (for the figures). */
    public Flux<FeedbackCounts> feedbackCounts() {
        return feedback.counts().map(c -> new FeedbackCounts(c.categoryCode(), c.asked(), c.satisfied(),
                c.dissatisfied()));
    }

    public record FeedbackCounts(String categoryCode, long asked, long satisfied, long dissatisfied) {
    }

    private static StaffView staffView(ReportRepository.StoredReport r, Optional<NewReport.Contact> contact,
            List<NewReport.Photo> photos) {
        return new StaffView(r.reference(), r.categoryCode(), r.status(), r.description(), r.channel(), r.lat(),
                r.lon(), r.street(), r.houseNumber(), r.occurredAt(), r.receivedAt(), r.language(), contact,
                r.placeKnown(), r.speechConfidence(), photos);
    }

    /** About 100 m: enough to recognise the place, too coarse to point at a front door. */
    private static double round(double degrees) {
        return Math.round(degrees * 1000) / 1000.0;
    }

    private static boolean isReferenceClash(Throwable e) {
        return e instanceof DataIntegrityViolationException && e.getMessage() != null
                && e.getMessage().contains("report_reference_key");
    }

    /** Another submission with the same key committed between our lookup and our insert. */
    private static final class SameKeyStoredMeanwhile extends RuntimeException {
        SameKeyStoredMeanwhile() {
            super(null, null, false, false);
        }
    }
}
