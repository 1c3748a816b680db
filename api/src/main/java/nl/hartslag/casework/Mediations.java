package nl.hartslag.casework;

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
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.web.ProblemException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Buurtbemiddeling as a workflow: a case is offered to available volunteers (by text and in their
 * inbox, showing only the kind of conflict and the street), the first two who accept are the duo,
 * a "no" or silence passes the offer on, volunteers record their conversations, and the outcome
 * closes the case and tells the resident. Every change to one case happens under that case's row
 * lock, so two acceptances at the same moment can never make a trio.
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

    private final CaseRepository repository;
    private final ReportService reports;
    private final CategoryCatalog categories;
    private final TeamMessages team;
    private final CaseWorkSettings settings;
    private final TransactionalOperator tx;
    private final Clock clock = Clock.systemUTC();

    Mediations(CaseRepository repository, ReportService reports, CategoryCatalog categories, TeamMessages team,
            CaseWorkSettings settings, TransactionalOperator tx) {
        this.repository = repository;
        this.reports = reports;
        this.categories = categories;
        this.team = team;
        this.settings = settings;
        this.tx = tx;
    }

    /**
     * Offers the case to as many available volunteers as are still needed (up to the batch size,
     * minus offers still open). Emits how many were asked now; 409 when nobody can be asked.
     */
    public Mono<Integer> offer(UUID caseId, String actor) {
        return repository.lockCase(caseId)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> {
                    if (c.type() != CaseType.MEDIATION || !c.open()) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, "case-not-offerable"));
                    }
                    return repository.heldForReview(c.id()).flatMap(held -> held
                            ? Mono.<Integer>error(new ProblemException(HttpStatus.CONFLICT, "case-held-for-review"))
                            : offerMore(c).flatMap(asked -> asked == 0
                                    ? Mono.error(new ProblemException(HttpStatus.CONFLICT, "no-volunteer-available"))
                                    : Mono.just(asked)));
                })
                .as(tx::transactional)
                .doOnNext(n -> log.info("Case {} offered to {} volunteers by {}", caseId, n, actor));
    }

    /**
     * A coordinator has looked at a mediation held for violence or threats in its words and lets it
     * be offered to volunteers; who did it stays on the case. 409 when the case is not held.
     */
    public Mono<Void> releaseHold(UUID caseId, String actor) {
        return repository.lockCase(caseId)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> c.open() ? repository.releaseHold(c.id(), actor)
                        : Mono.error(new ProblemException(HttpStatus.CONFLICT, "case-closed")))
                .flatMap(released -> released == 1 ? Mono.<Void>empty()
                        : Mono.error(new ProblemException(HttpStatus.CONFLICT, "case-not-held")))
                .as(tx::transactional)
                .doOnSuccess(v -> log.info("Mediation case {} released for volunteers by {}", caseId, actor));
    }

    /** Within the case's lock: asks the next volunteers, if the duo is not complete. */
    private Mono<Integer> offerMore(CaseRepository.CaseRow c) {
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
                            .flatMap(n -> (n > 0 && c.step() == MediationStep.INTAKE
                                    ? repository.setStep(c.id(), MediationStep.OFFERED) : Mono.<Void>empty())
                                    .thenReturn(n.intValue()));
                });
    }

    /** The streets of both parties: nobody who lives there mediates (they are neighbours too). */
    private Mono<List<String>> partyStreets(CaseRepository.CaseRow c) {
        return repository.parties(c.id()).mapNotNull(CaseRepository.PartyRow::street).collectList().map(streets -> {
            List<String> all = new ArrayList<>(streets);
            if (c.street() != null) {
                all.add(c.street());
            }
            return all;
        });
    }

    private Mono<Void> offerText(CaseRepository.CaseRow c, CaseRepository.VolunteerRow volunteer) {
        return conflict(c).flatMap(conflict -> team.send(volunteer.phone(), Audience.VOLUNTEER, Template.CASE_OFFER,
                Map.of(Template.Param.CASE_NUMBER.key(), String.valueOf(c.number()),
                        Template.Param.CONFLICT.key(), TeamMessages.cut(conflict, 30),
                        Template.Param.STREET.key(), TeamMessages.cut(c.street() == null ? "Passart" : c.street(), 30)),
                "case:" + c.id() + ":offer:" + volunteer.id(), String.valueOf(c.number()), Urgency.NORMAL));
    }

    Mono<String> conflict(CaseRepository.CaseRow c) {
        return categories.all().map(known -> known.containsKey(c.categoryCode())
                ? known.get(c.categoryCode()).label(Locale.forLanguageTag("nl")) : c.categoryCode());
    }

    /** A volunteer's JA/NEE by text, found by their phone number. */
    public Mono<Answer> answerByText(String phone, int caseNumber, boolean accept) {
        return repository.volunteerByPhone(phone)
                .flatMap(v -> answer(v.id(), caseNumber, accept))
                .defaultIfEmpty(Answer.NOT_OFFERED);
    }

    /** A volunteer's answer (text or inbox). First come, first served; never more than two. */
    public Mono<Answer> answer(UUID volunteerId, int caseNumber, boolean accept) {
        return repository.lockCaseByNumber(caseNumber)
                .flatMap(c -> repository.offer(c.id(), volunteerId)
                        .flatMap(offer -> decide(c, offer, accept))
                        .defaultIfEmpty(Answer.NOT_OFFERED))
                .defaultIfEmpty(Answer.NOT_OFFERED)
                .as(tx::transactional)
                .doOnNext(answer -> log.info("Volunteer {} answered {} to case {}: {}", volunteerId,
                        accept ? "yes" : "no", caseNumber, answer));
    }

    private Mono<Answer> decide(CaseRepository.CaseRow c, CaseRepository.OfferRow offer, boolean accept) {
        return repository.assigned(c.id()).collectList().flatMap(duo -> {
            boolean mine = duo.stream().anyMatch(v -> v.id().equals(offer.volunteerId()));
            if (mine) {
                return Mono.just(duo.size() >= DUO ? Answer.ASSIGNED : Answer.WAITING_FOR_SECOND);
            }
            if (!c.open() || duo.size() >= DUO) {
                return (offer.answer() == null ? repository.answerOffer(c.id(), offer.volunteerId(), "TAKEN")
                        : Mono.<Void>empty()).thenReturn(Answer.TAKEN);
            }
            if ("DECLINED".equals(offer.answer()) && !accept) {
                return Mono.just(Answer.DECLINED);
            }
            if (offer.answer() == null && offer.expiresAt().isBefore(clock.instant())) {
                return repository.answerOffer(c.id(), offer.volunteerId(), "EXPIRED").then(offerMore(c))
                        .thenReturn(Answer.EXPIRED);
            }
            if (!accept) {
                return repository.answerOffer(c.id(), offer.volunteerId(), "DECLINED").then(offerMore(c))
                        .thenReturn(Answer.DECLINED);
            }
            if ("EXPIRED".equals(offer.answer())) {
                return Mono.just(Answer.EXPIRED);
            }
            return repository.answerOffer(c.id(), offer.volunteerId(), "ACCEPTED")
                    .then(repository.assign(c.id(), offer.volunteerId()))
                    .then(Mono.defer(() -> duo.size() + 1 >= DUO ? duoComplete(c) : Mono.just(Answer.WAITING_FOR_SECOND)));
        });
    }

    private Mono<Answer> duoComplete(CaseRepository.CaseRow c) {
        return repository.takeOpenOffers(c.id())
                .then(repository.setStep(c.id(), MediationStep.ASSIGNED))
                .thenMany(repository.assigned(c.id()))
                .concatMap(v -> team.send(v.phone(), Audience.VOLUNTEER, Template.CASE_ASSIGNED,
                        Map.of(Template.Param.CASE_NUMBER.key(), String.valueOf(c.number()),
                                Template.Param.STREET.key(),
                                TeamMessages.cut(c.street() == null ? "Passart" : c.street(), 30)),
                        "case:" + c.id() + ":assigned:" + v.id(), String.valueOf(c.number()), Urgency.NORMAL))
                .then(Mono.just(Answer.ASSIGNED));
    }

    /** Offers nobody answered in time: marked expired and passed on. Emits how many. */
    Mono<Long> expireOffers() {
        return repository.expiredOffers(clock.instant(), 100)
                .concatMap(offer -> repository.lockCase(offer.caseId())
                        .flatMap(c -> repository.offer(c.id(), offer.volunteerId())
                                .filter(o -> o.answer() == null)
                                .flatMap(o -> repository.answerOffer(c.id(), o.volunteerId(), "EXPIRED")
                                        .then(c.open() ? offerMore(c) : Mono.just(0))))
                        .as(tx::transactional)
                        .thenReturn(1))
                .count();
    }

    /** A conversation recorded by one of the case's mediators; moves the case along the method. */
    public Mono<Void> recordContact(UUID caseId, UUID volunteerId, String kind, Instant occurredAt, String note) {
        return repository.lockCase(caseId)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> requireMediator(c, volunteerId).then(Mono.defer(() -> {
                    if (!c.open()) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, "case-closed"));
                    }
                    Optional<MediationStep> next = switch (kind) {
                        case "PARTY_A" -> Optional.of(MediationStep.TALK_A);
                        case "PARTY_B" -> Optional.of(MediationStep.TALK_B);
                        case "JOINT" -> Optional.of(MediationStep.JOINT);
                        default -> Optional.empty();
                    };
                    Mono<Void> step = next.filter(s -> c.step() == null || s.ordinal() > c.step().ordinal())
                            .map(s -> repository.setStep(c.id(), s)).orElse(Mono.empty());
                    return repository.insertContactMoment(c.id(), volunteerId, kind, occurredAt, note).then(step);
                })))
                .as(tx::transactional);
    }

    /**
     * Closes a mediation with its outcome. Its reports are closed with the note (or a standard
     * sentence in the resident's language), so each reporter gets the closing text.
     */
    public Mono<Void> close(UUID caseId, Outcome outcome, String note, Optional<UUID> volunteerId,
            String actor) {
        return repository.lockCase(caseId)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> {
                    if (c.type() != CaseType.MEDIATION) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, "not-a-mediation"));
                    }
                    if (!c.open()) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, "case-closed"));
                    }
                    Mono<Void> allowed = volunteerId.map(v -> requireMediator(c, v)).orElse(Mono.empty());
                    return allowed.then(repository.closeMediation(c.id(), outcome, note, actor))
                            .then(repository.takeOpenOffers(c.id()))
                            .thenMany(repository.reportsOfCase(c.id()))
                            .concatMap(reportId -> reports.facts(reportId)
                                    .filter(r -> r.status().canMoveTo(ReportStatus.CLOSED))
                                    .flatMap(r -> reports.changeStatus(r.reference(), ReportStatus.CLOSED,
                                            note, actor)))
                            .then(repository.caseRow(c.id()));
                })
                .as(tx::transactional)
                .doOnNext(c -> log.info("Mediation case {} closed with {} by {}", c.number(), outcome, actor))
                .then();
    }

    private Mono<Void> requireMediator(CaseRepository.CaseRow c, UUID volunteerId) {
        return repository.assigned(c.id()).any(v -> v.id().equals(volunteerId))
                .flatMap(mine -> mine ? Mono.<Void>empty()
                        : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-your-case")));
    }

    Flux<CaseRepository.OfferRow> openOffers(UUID volunteerId) {
        return repository.openOffersFor(volunteerId, clock.instant());
    }
}
