package nl.hartslag.mediation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseStatus;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.Categories;
import nl.hartslag.casework.Outcome;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.norms.Deadline;
import nl.hartslag.norms.Deadlines;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import reactor.core.publisher.Mono;

/**
 * Reading cases: which cases hold a report (coordinators), and a mediation as one of its volunteers
 * sees it: before they accept only the kind of conflict and the street, after it also the parties'
 * contact details and the conversations so far. Also records a mediation's parties (at intake, or a
 * referral by a partner).
 */
@Service
public class Cases {

    private static final Logger log = LoggerFactory.getLogger(Cases.class);

    /**
     * A case in a list: what, how far, and who (volunteers' names only). {@code step} is the real
     * step of a mediation (null for other instruments). {@code offers} only for the coordinator (who
     * was asked, who declined, when offers expire); null in volunteers' views. {@code deadline}: a
     * mediation's or work order's deadline by its category's resolution norm (docs/norms.md).
     */
    public record Summary(UUID id, int number, CaseType type, CaseStatus status, MediationStep step,
            String categoryCode, String street, boolean informPolice, Outcome outcome, String closingNote,
            List<String> volunteers, List<OfferState> offers, Deadline deadline) {
    }

    /**
     * One volunteer asked to take a mediation: {@code answer} is where their offer stands (an
     * unanswered one past its time counts as EXPIRED).
     */
    public record OfferState(String volunteer, Instant askedAt, OfferAnswer answer, Instant answeredAt,
            Instant expiresAt) {
    }

    /** A party's contact details, only for the case's own mediators. */
    public record Party(String role, String name, String phone, String email, String address) {

        @Override
        public String toString() {
            return "Party[" + role + "]";
        }
    }

    public record ContactMoment(Conversation kind, Instant occurredAt, String volunteer, String note) {
    }

    /** A mediation as its mediator sees it. */
    public record Mediation(Summary summary, String conflict, List<Party> parties, List<ContactMoment> contacts,
            List<String> whatWasSaid) {
    }

    /** An open offer as the volunteer sees it: no house number, no names. */
    public record Offer(UUID caseId, int number, String conflict, String street, Instant expiresAt) {
    }

    /** A party of a referral, as the coordinator took it down. */
    public record PartyDetails(String name, String phone, String address, String street) {

        @Override
        public String toString() {
            return "PartyDetails[redacted]";
        }
    }

    private final MediationRepository repository;
    private final CaseRepository cases;
    private final ReportService reports;
    private final Mediations mediations;
    private final TransactionalOperator tx;
    private final Duration volunteerGrace;
    private final Deadlines deadlines;
    private final Clock clock = Clock.systemUTC();

    Cases(MediationRepository repository, CaseRepository cases, ReportService reports, Mediations mediations,
            TransactionalOperator tx, VolunteerPrivacySettings privacy, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.repository = repository;
        this.cases = cases;
        this.reports = reports;
        this.mediations = mediations;
        this.tx = tx;
        this.volunteerGrace = privacy.volunteerGrace();
    }

    public Mono<List<Summary>> ofReport(Reference reference) {
        return reports.facts(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMapMany(report -> repository.ofReport(report.id()))
                .concatMap(this::withOffers)
                .collectList();
    }

    public Mono<Summary> one(UUID caseId) {
        return repository.row(caseId).switchIfEmpty(Mono.error(NotFound::new)).flatMap(this::summary);
    }

    public Mono<List<Summary>> open(CaseType type) {
        return repository.open(type).concatMap(this::withOffers).collectList();
    }

    /** Records party B (the neighbour) at intake: how the mediators can reach them. Personal data. */
    public Mono<Void> otherParty(UUID caseId, String name, String phone, String address, String street) {
        return repository.row(caseId)
                .filter(c -> c.type() == CaseType.MEDIATION)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> repository.saveParty(c.id(), "B", name, phone, address, street));
    }

    /**
     * A mediation referred by the police or the housing corporation: a case at intake with both
     * parties as the referrer gave them, and no report (so no resident texts).
     */
    public Mono<Summary> refer(String referredBy, String description, PartyDetails a, PartyDetails b, String actor) {
        UUID id = UUID.randomUUID();
        return repository.insertReferral(id, referredBy, description, a.street())
                .then(repository.saveParty(id, "A", a.name(), a.phone(), a.address(), a.street()))
                .then(b == null ? Mono.empty()
                        : repository.saveParty(id, "B", b.name(), b.phone(), b.address(), b.street()))
                .then(repository.row(id))
                .flatMap(this::summary)
                .as(tx::transactional)
                .doOnNext(c -> log.info("Mediation case {} referred by {} ({})", c.number(), referredBy, actor));
    }

    public Mono<List<Offer>> offersFor(UUID volunteerId) {
        return mediations.openOffers(volunteerId)
                .concatMap(o -> repository.row(o.caseId())
                        .filter(c -> !Categories.isDomestic(c.categoryCode()))
                        .flatMap(c -> mediations.conflict(c)
                                .map(conflict -> new Offer(c.id(), c.number(), conflict,
                                        c.street() == null ? "Passart" : c.street(), o.expiresAt()))))
                .collectList();
    }

    public Mono<List<Summary>> assignedTo(UUID volunteerId) {
        return repository.assignedTo(volunteerId)
                .filter(c -> !Categories.isDomestic(c.categoryCode()))
                .concatMap(this::summary).collectList();
    }

    /**
     * The whole mediation, for one of its two mediators only (need-to-know, issue 15): not before they
     * accepted (an offer shows no parties), and not once the case has been closed for longer than
     * {@code hartslag.privacy.volunteer-grace}.
     */
    public Mono<Mediation> mediationFor(UUID caseId, UUID volunteerId) {
        return mediationFor(caseId, volunteerId, clock.instant());
    }

    /** As {@link #mediationFor(UUID, UUID)} at {@code now}; tests move the clock through here. */
    Mono<Mediation> mediationFor(UUID caseId, UUID volunteerId, Instant now) {
        return repository.row(caseId)
                .filter(c -> c.type() == CaseType.MEDIATION && !Categories.isDomestic(c.categoryCode()))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(c -> repository.assigned(c.id()).any(v -> v.id().equals(volunteerId))
                        .flatMap(mine -> !mine ? Mono.error(new NotPermitted("not-your-case"))
                                : partiesVisible(c.file(), volunteerGrace, now) ? mediation(c)
                                        : Mono.error(new NotPermitted("case-closed-for-volunteer", c.number()))));
    }

    /**
     * Whether a case's mediators may still see its parties at {@code now}: while it is open, and for
     * {@code grace} after it closed (to finish notes, answer a last call). A closed case without a
     * closing time counts as closed long ago: fail closed.
     */
    static boolean partiesVisible(CaseRepository.CaseRow c, Duration grace, Instant now) {
        if (c.open()) {
            return true;
        }
        return c.closedAt() != null && !now.isAfter(c.closedAt().plus(grace));
    }

    private Mono<Mediation> mediation(MediationRepository.Row c) {
        Mono<List<Party>> partyA = cases.reportsOfCase(c.id()).concatMap(reportId -> reports.facts(reportId)
                .zipWith(reports.contact(reportId).map(Optional::of).defaultIfEmpty(Optional.empty()))
                .map(both -> {
                    Optional<NewReport.Contact> contact = both.getT2();
                    String address = both.getT1().street() == null ? null
                            : both.getT1().street() + (both.getT1().houseNumber() == null ? ""
                                    : " " + both.getT1().houseNumber());
                    return new Party("A", contact.map(NewReport.Contact::name).orElse(null),
                            contact.map(NewReport.Contact::phoneE164).orElse(null),
                            contact.map(NewReport.Contact::email).orElse(null), address);
                })).collectList();
        Mono<List<Party>> partyB = repository.parties(c.id())
                .map(p -> new Party(p.role(), p.name(), p.phone(), null, p.address())).collectList();
        Mono<List<ContactMoment>> contacts = repository.contactMoments(c.id())
                .map(m -> new ContactMoment(m.kind(), m.occurredAt(), m.volunteerName(), m.note())).collectList();
        Mono<List<String>> said = repository.referralDescription(c.id())
                .concatWith(cases.reportLines(c.id()).map(CaseRepository.ReportLine::description))
                .collectList();
        return Mono.zip(summary(c), mediations.conflict(c), partyA, partyB, contacts, said)
                .map(t -> {
                    List<Party> parties = new ArrayList<>(t.getT3());
                    parties.addAll(t.getT4());
                    return new Mediation(t.getT1(), t.getT2(), parties, t.getT5(), t.getT6());
                });
    }

    private Mono<Summary> summary(MediationRepository.Row row) {
        CaseRepository.CaseRow c = row.file();
        return Mono.zip(repository.assigned(c.id()).map(MediationRepository.VolunteerRow::name).collectList(),
                deadlines.ofCase(c.id(), clock.instant()))
                .map(t -> new Summary(c.id(), c.number(), c.type(), c.caseStatus(), row.step(),
                        c.categoryCode(), c.street(), c.informPolice(), c.outcome(), c.closingNote(), t.getT1(), null,
                        t.getT2()));
    }

    /** The coordinator's summary: with the offers of a mediation. */
    private Mono<Summary> withOffers(MediationRepository.Row c) {
        Mono<List<OfferState>> offers = c.type() != CaseType.MEDIATION ? Mono.just(List.of())
                : repository.offerHistory(c.id()).map(o -> new OfferState(o.volunteer(), o.askedAt(), o.state(),
                        o.answeredAt(), o.expiresAt())).collectList();
        return summary(c).zipWith(offers, (s, o) -> new Summary(s.id(), s.number(), s.type(), s.status(), s.step(),
                s.categoryCode(), s.street(), s.informPolice(), s.outcome(), s.closingNote(), s.volunteers(), o,
                s.deadline()));
    }
}
