package nl.hartslag.mediation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.CaseClosed;
import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseStatus;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.CaseWorkSettings;
import nl.hartslag.casework.Outcome;
import nl.hartslag.casework.StaffMessages;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.domain.IllegalTransition;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.domain.Refused;
import nl.hartslag.matching.ViolenceSignal;
import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import nl.hartslag.report.ReportFacts;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buurtbemiddeling as a workflow, and the one writer of mediation cases: a case is opened at intake,
 * offered to available volunteers (by text and in their inbox, showing only the kind of conflict and
 * the street), the first two who accept are the duo, a "no" or silence passes the offer on,
 * volunteers record their conversations, and the outcome closes the case and tells the resident.
 * Every move is a table's ({@link MediationStep}, {@link OfferAnswer}, {@link OfferDecision}). Every
 * change to one case happens under that case's row lock, so two acceptances at the same moment can
 * never make a trio.
 */
@Service
public class Mediations {

    private static final Logger log = LoggerFactory.getLogger(Mediations.class);
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    static final int DUO = 2;

    /** What became of a volunteer's answer to an offer. */
    public enum Answer {
        /** Accepted; the duo is complete (or the volunteer was already in it). */
        ASSIGNED,
        /** Accepted; a second mediator is still being sought. */
        WAITING_FOR_SECOND,
        /** Declined; the offer goes to somebody else. */
        DECLINED,
        /** Two others were quicker, or the case closed. */
        TAKEN,
        /** The time to answer had passed. */
        EXPIRED,
        /** This volunteer was never offered that case (or the number does not exist). */
        NOT_OFFERED
    }

    private final MediationRepository repository;
    private final CaseRepository cases;
    private final ReportService reports;
    private final CategoryCatalog categories;
    private final StaffMessages team;
    private final CaseWorkSettings settings;
    private final TransactionalOperator tx;
    private final Clock clock = Clock.systemUTC();

    Mediations(MediationRepository repository, CaseRepository cases, ReportService reports,
            CategoryCatalog categories, StaffMessages team, CaseWorkSettings settings, TransactionalOperator tx) {
        this.repository = repository;
        this.cases = cases;
        this.reports = reports;
        this.categories = categories;
        this.team = team;
        this.settings = settings;
        this.tx = tx;
    }

    /**
     * A mediation case at intake for a resident's report, in the caller's (routing's) transaction.
     * When the report's words speak of violence or threats the case is held ("wacht op
     * coördinator"): no volunteer is asked until a coordinator has looked and released it, or routed
     * the report elsewhere; the coordinators are alerted at once. Emits the case.
     */
    public Mono<CaseRepository.CaseRow> open(ReportFacts report) {
        UUID id = UUID.randomUUID();
        boolean violence = ViolenceSignal.in(report.description());
        Mono<Void> hold = !violence ? Mono.empty() : repository.holdForReview(id).then(team.send(
                settings.coordinatorAddresses(), Audience.TEAM, Template.DOMESTIC_FLAG,
                Map.of(Template.Param.REFERENCE.key(), report.reference().value(), Template.Param.PLACE.key(),
                        StaffMessages.cut(report.street() == null ? "-" : report.street(), 40)),
                "report:" + report.id() + ":held-flag", report.reference().value(), Urgency.IMMEDIATE))
                .doOnSuccess(v -> log.info("Mediation for report {} held for a coordinator: violence or threats"
                        + " in its words", report.reference()));
        return repository.insert(id, report.categoryCode(), report.street())
                .then(cases.attach(id, report.id()))
                .then(hold)
                .then(cases.caseRow(id));
    }

    /**
     * Offers the case to as many available volunteers as are still needed (up to the batch size,
     * minus offers still open). Emits how many were asked now; refused when nobody can be asked.
     */
    public Mono<Integer> offer(UUID caseId, String actor) {
        return repository.lock(caseId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> {
                    if (c.type() != CaseType.MEDIATION || !c.open()) {
                        return Mono.error(new Refused("case-not-offerable"));
                    }
                    return repository.heldForReview(c.id()).flatMap(held -> held
                            ? Mono.<Integer>error(new Refused("case-held-for-review"))
                            : offerMore(c).flatMap(asked -> asked == 0
                                    ? Mono.error(new Refused("no-volunteer-available"))
                                    : Mono.just(asked)));
                })
                .as(tx::transactional)
                .doOnNext(n -> log.info("Case {} offered to {} volunteers by {}", caseId, n, actor));
    }

    /**
     * A coordinator has looked at a mediation held for violence or threats in its words and lets it
     * be offered to volunteers; who did it stays on the case. Refused when the case is not held.
     */
    public Mono<Void> releaseHold(UUID caseId, String actor) {
        return repository.lock(caseId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> c.open() ? repository.releaseHold(c.id(), actor) : Mono.error(new CaseClosed()))
                .flatMap(released -> released == 1 ? Mono.<Void>empty() : Mono.error(new Refused("case-not-held")))
                .as(tx::transactional)
                .doOnSuccess(v -> log.info("Mediation case {} released for volunteers by {}", caseId, actor));
    }

    /** Within the case's lock: asks the next volunteers, if the duo is not complete. */
    private Mono<Integer> offerMore(MediationRepository.Row c) {
        return Mono.zip(repository.assigned(c.id()).count(), repository.openOfferCount(c.id()),
                partyStreets(c)).flatMap(state -> {
                    long assigned = state.getT1();
                    long open = state.getT2();
                    if (assigned >= DUO) {
                        return Mono.just(0);
                    }
                    int wanted = (int) Math.max(0, settings.offerBatch() - open - assigned);
                    if (wanted == 0) {
                        return Mono.just(0);
                    }
                    Instant expires = clock.instant().plus(settings.offerTimeout());
                    return repository.eligibleVolunteers(c.id(), state.getT3(), LocalDate.now(clock.withZone(LOCAL)),
                            wanted)
                            .concatMap(v -> repository.insertOffer(c.id(), v.id(), expires)
                                    .then(offerText(c, v)).thenReturn(v))
                            .count()
                            .flatMap(n -> (n > 0 ? moveTo(c, c.step().afterOffer()) : Mono.<Void>empty())
                                    .thenReturn(n.intValue()));
                });
    }

    /** Writes the step if the table moved it. */
    private Mono<Void> moveTo(MediationRepository.Row c, MediationStep next) {
        if (next == c.step()) {
            return Mono.empty();
        }
        if (!c.step().canMoveTo(next)) {
            return Mono.error(new IllegalTransition(c.step(), next));
        }
        return repository.setStep(c.id(), next);
    }

    /** The streets of both parties: nobody who lives there mediates (they are neighbours too). */
    private Mono<List<String>> partyStreets(MediationRepository.Row c) {
        return repository.parties(c.id()).mapNotNull(MediationRepository.PartyRow::street).collectList()
                .map(streets -> {
                    List<String> all = new ArrayList<>(streets);
                    if (c.street() != null) {
                        all.add(c.street());
                    }
                    return all;
                });
    }

    private Mono<Void> offerText(MediationRepository.Row c, MediationRepository.VolunteerRow volunteer) {
        return conflict(c).flatMap(conflict -> team.send(volunteer.phone(), Audience.VOLUNTEER, Template.CASE_OFFER,
                Map.of(Template.Param.CASE_NUMBER.key(), String.valueOf(c.number()),
                        Template.Param.CONFLICT.key(), StaffMessages.cut(conflict, 30),
                        Template.Param.STREET.key(), StaffMessages.cut(c.street() == null ? "Passart" : c.street(), 30)),
                "case:" + c.id() + ":offer:" + volunteer.id(), String.valueOf(c.number()), Urgency.NORMAL));
    }

    Mono<String> conflict(MediationRepository.Row c) {
        return categories.all().map(known -> known.containsKey(c.categoryCode())
                ? known.get(c.categoryCode()).label(Locale.forLanguageTag("nl")) : c.categoryCode());
    }

    /**
     * The active volunteer with this number, for the SMS intake that keeps their JA/NEE: found by the
     * number's lookup hash (the number itself is sealed).
     */
    public Mono<UUID> activeVolunteer(String phone) {
        return repository.activeVolunteerByPhone(phone);
    }

    /** A volunteer's JA/NEE by text, found by their phone number. */
    public Mono<Answer> answerByText(String phone, int caseNumber, boolean accept) {
        return repository.volunteerByPhone(phone)
                .flatMap(v -> answer(v.id(), caseNumber, accept))
                .defaultIfEmpty(Answer.NOT_OFFERED);
    }

    /** A volunteer's answer (text or inbox). First come, first served; never more than two. */
    public Mono<Answer> answer(UUID volunteerId, int caseNumber, boolean accept) {
        return repository.lockByNumber(caseNumber)
                .flatMap(c -> repository.offer(c.id(), volunteerId)
                        .flatMap(offer -> decide(c, offer, accept))
                        .defaultIfEmpty(Answer.NOT_OFFERED))
                .defaultIfEmpty(Answer.NOT_OFFERED)
                .as(tx::transactional)
                .doOnNext(answer -> log.info("Volunteer {} answered {} to case {}: {}", volunteerId,
                        accept ? "yes" : "no", caseNumber, answer));
    }

    /** Within the case's lock: {@link OfferDecision}'s table decides, this carries it out. */
    private Mono<Answer> decide(MediationRepository.Row c, MediationRepository.OfferRow offer, boolean accept) {
        return repository.assigned(c.id()).collectList().flatMap(duo -> {
            if (duo.stream().anyMatch(v -> v.id().equals(offer.volunteerId()))) {
                return Mono.just(duo.size() >= DUO ? Answer.ASSIGNED : Answer.WAITING_FOR_SECOND);
            }
            boolean placeFree = c.open() && duo.size() < DUO;
            OfferDecision.Standing standing = OfferDecision.Standing.of(offer.answer(),
                    offer.expiresAt().isBefore(clock.instant()));
            OfferDecision decision = OfferDecision.of(standing, placeFree, accept);
            Mono<Void> write = decision.writes == null ? Mono.empty()
                    : answerOffer(c, offer, decision.writes);
            if (decision == OfferDecision.ACCEPT) {
                return write.then(repository.assign(c.id(), offer.volunteerId()))
                        .then(Mono.defer(() -> duo.size() + 1 >= DUO ? duoComplete(c)
                                : Mono.just(Answer.WAITING_FOR_SECOND)));
            }
            return write.then(decision.asksNext ? offerMore(c) : Mono.just(0)).thenReturn(decision.answer);
        });
    }

    private Mono<Void> answerOffer(MediationRepository.Row c, MediationRepository.OfferRow offer, OfferAnswer next) {
        if (!offer.answer().canMoveTo(next)) {
            return Mono.error(new IllegalTransition(offer.answer(), next));
        }
        return repository.answerOffer(c.id(), offer.volunteerId(), next);
    }

    private Mono<Answer> duoComplete(MediationRepository.Row c) {
        return repository.takeOpenOffers(c.id())
                .then(moveTo(c, c.step().afterDuoComplete()))
                .thenMany(repository.assigned(c.id()))
                .concatMap(v -> team.send(v.phone(), Audience.VOLUNTEER, Template.CASE_ASSIGNED,
                        Map.of(Template.Param.CASE_NUMBER.key(), String.valueOf(c.number()),
                                Template.Param.STREET.key(),
                                StaffMessages.cut(c.street() == null ? "Passart" : c.street(), 30)),
                        "case:" + c.id() + ":assigned:" + v.id(), String.valueOf(c.number()), Urgency.NORMAL))
                .then(Mono.just(Answer.ASSIGNED));
    }

    /** Offers nobody answered in time: marked expired and passed on. Emits how many. */
    Mono<Long> expireOffers() {
        return repository.expiredOffers(clock.instant(), 100)
                .concatMap(offer -> repository.lock(offer.caseId())
                        .flatMap(c -> repository.offer(c.id(), offer.volunteerId())
                                .filter(o -> o.answer().canMoveTo(OfferAnswer.EXPIRED))
                                .flatMap(o -> answerOffer(c, o, OfferAnswer.EXPIRED)
                                        .then(c.open() ? offerMore(c) : Mono.just(0))))
                        .as(tx::transactional)
                        .thenReturn(1))
                .count();
    }

    /**
     * A conversation recorded by one of the case's mediators; {@link MediationStep}'s table says which
     * step it moves the case to (never back).
     */
    public Mono<Void> recordContact(UUID caseId, UUID volunteerId, Conversation kind, Instant occurredAt,
            String note) {
        return repository.lock(caseId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> requireMediator(c, volunteerId).then(Mono.defer(() -> {
                    if (!c.open()) {
                        return Mono.error(new CaseClosed());
                    }
                    MediationStep next = c.step().afterConversation(kind)
                            .orElseThrow(() -> new IllegalTransition(c.step(), c.step()));
                    return repository.insertContactMoment(c.id(), volunteerId, kind, occurredAt, note)
                            .then(moveTo(c, next));
                })))
                .as(tx::transactional);
    }

    /**
     * Closes a mediation with its outcome, if {@link MediationStep}'s table lets its step close with
     * that outcome (an outcome about the talks needs a recorded conversation: refused naming the
     * missing step). Its reports are closed with the note, so each reporter gets the closing text.
     */
    public Mono<Void> close(UUID caseId, Outcome outcome, String note, Optional<UUID> volunteerId, String actor) {
        return repository.lock(caseId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> {
                    if (c.type() != CaseType.MEDIATION) {
                        return Mono.error(new Refused("not-a-mediation"));
                    }
                    if (!c.open()) {
                        return Mono.error(new CaseClosed());
                    }
                    Mono<Void> allowed = volunteerId.map(v -> requireMediator(c, v)).orElse(Mono.empty());
                    return allowed.then(Mono.defer(() -> {
                        Optional<MediationStep> missing = c.step().missingBefore(outcome);
                        if (missing.isPresent()) {
                            return Mono.error(new MediationNeedsConversation(c.step(), missing.get(), outcome));
                        }
                        if (!c.step().canCloseWith(outcome) || !c.file().caseStatus().canMoveTo(CaseStatus.CLOSED)) {
                            return Mono.error(new IllegalTransition(c.step(), MediationStep.CLOSED));
                        }
                        return repository.close(c.id(), outcome, note, actor);
                    }))
                            .then(repository.takeOpenOffers(c.id()))
                            .thenMany(cases.reportsOfCase(c.id()))
                            .concatMap(reportId -> reports.facts(reportId)
                                    .filter(r -> r.status().canMoveTo(ReportStatus.CLOSED))
                                    .flatMap(r -> reports.changeStatus(r.reference(), ReportStatus.CLOSED,
                                            note, actor)))
                            .then(Mono.just(c));
                })
                .as(tx::transactional)
                .doOnNext(c -> log.info("Mediation case {} closed with {} by {}", c.number(), outcome, actor))
                .then();
    }

    private Mono<Void> requireMediator(MediationRepository.Row c, UUID volunteerId) {
        return repository.assigned(c.id()).any(v -> v.id().equals(volunteerId))
                .flatMap(mine -> mine ? Mono.<Void>empty() : Mono.error(new NotPermitted("not-your-case")));
    }

    Flux<MediationRepository.OfferRow> openOffers(UUID volunteerId) {
        return repository.openOffersFor(volunteerId, clock.instant());
    }
}
