package nl.hartslag.casework;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.web.ProblemException;
import reactor.core.publisher.Mono;

/**
 * Reading cases: which cases hold a report (coordinators), and a mediation as one of its volunteers
 * sees it: before they accept only the kind of conflict and the street, after it also the parties'
 * contact details and the conversations so far.
 */
@Service
public class Cases {

    /**
     * A case in a list: what, how far, and who (volunteers' names only). {@code offers} only for the
     * coordinator (who was asked, who declined, when offers expire); null in volunteers' views.
     */
    public record Summary(UUID id, int number, CaseType type, String status, MediationStep step, String categoryCode,
            String street, boolean informPolice, Outcome outcome, String closingNote, List<String> volunteers,
            List<OfferState> offers) {
    }

    /**
     * One volunteer asked to take a mediation: {@code answer} is ACCEPTED, DECLINED, EXPIRED, TAKEN
     * (the duo was complete before they answered) or OPEN.
     */
    public record OfferState(String volunteer, java.time.Instant askedAt, String answer, java.time.Instant answeredAt,
            java.time.Instant expiresAt) {
    }

    /** A party's contact details, only for the case's own mediators. */
    public record Party(String role, String name, String phone, String email, String address) {

        @Override
        public String toString() {
            return "Party[" + role + "]";
        }
    }

    public record ContactMoment(String kind, java.time.Instant occurredAt, String volunteer, String note) {
    }

    /** A mediation as its mediator sees it. */
    public record Mediation(Summary summary, String conflict, List<Party> parties, List<ContactMoment> contacts,
            List<String> whatWasSaid) {
    }

    /** An open offer as the volunteer sees it: no house number, no names. */
    public record Offer(UUID caseId, int number, String conflict, String street, java.time.Instant expiresAt) {
    }

    private final CaseRepository repository;
    private final ReportService reports;
    private final Mediations mediations;
    private final org.springframework.transaction.reactive.TransactionalOperator tx;

    Cases(CaseRepository repository, ReportService reports, Mediations mediations,
            org.springframework.transaction.reactive.TransactionalOperator tx) {
        this.repository = repository;
        this.reports = reports;
        this.mediations = mediations;
        this.tx = tx;
    }

    public Mono<List<Summary>> ofReport(Reference reference) {
        return reports.facts(reference)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMapMany(report -> repository.casesOfReport(report.id()))
                .concatMap(this::withOffers)
                .collectList();
    }

    public Mono<Summary> one(UUID caseId) {
        return repository.caseRow(caseId).switchIfEmpty(Mono.error(ProblemException::notFound)).flatMap(this::summary);
    }

    public Mono<List<Summary>> open(CaseType type) {
        return repository.openCases(type).concatMap(this::withOffers).collectList();
    }

    /** Records party B (the neighbour) at intake: how the mediators can reach them. Personal data. */
    public Mono<Void> otherParty(UUID caseId, String name, String phone, String address, String street) {
        return repository.caseRow(caseId)
                .filter(c -> c.type() == CaseType.MEDIATION)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> repository.saveParty(c.id(), "B", name, phone, address, street));
    }

    /** A party of a referral, as the coordinator took it down. */
    public record PartyDetails(String name, String phone, String address, String street) {

        @Override
        public String toString() {
            return "PartyDetails[redacted]";
        }
    }

    /**
     * A mediation referred by the police or the housing corporation: a case at intake with both
     * parties as the referrer gave them, and no report (so no resident texts).
     */
    public Mono<Summary> refer(String referredBy, String description, PartyDetails a, PartyDetails b, String actor) {
        UUID id = UUID.randomUUID();
        return repository.insertReferral(id, referredBy, description, a.street())
                .then(repository.saveParty(id, "A", a.name(), a.phone(), a.address(), a.street()))
                .then(b == null ? Mono.empty() : repository.saveParty(id, "B", b.name(), b.phone(), b.address(), b.street()))
                .then(repository.caseRow(id))
                .flatMap(this::summary)
                .as(tx::transactional)
                .doOnNext(c -> org.slf4j.LoggerFactory.getLogger(Cases.class)
                        .info("Mediation case {} referred by {} ({})", c.number(), referredBy, actor));
    }

    public Mono<List<Offer>> offersFor(UUID volunteerId) {
        return mediations.openOffers(volunteerId)
                .concatMap(o -> repository.caseRow(o.caseId())
                        .filter(c -> !c.categoryCode().equals(Routing.DOMESTIC))
                        .flatMap(c -> mediations.conflict(c)
                                .map(conflict -> new Offer(c.id(), c.number(), conflict,
                                        c.street() == null ? "Passart" : c.street(), o.expiresAt()))))
                .collectList();
    }

    public Mono<List<Summary>> assignedTo(UUID volunteerId) {
        return repository.casesAssignedTo(volunteerId)
                .filter(c -> !c.categoryCode().equals(Routing.DOMESTIC))
                .concatMap(this::summary).collectList();
    }

    /** The whole mediation, for one of its two mediators only. */
    public Mono<Mediation> mediationFor(UUID caseId, UUID volunteerId) {
        return repository.caseRow(caseId)
                .filter(c -> c.type() == CaseType.MEDIATION && !c.categoryCode().equals(Routing.DOMESTIC))
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> repository.assigned(c.id()).any(v -> v.id().equals(volunteerId))
                        .flatMap(mine -> mine ? mediation(c)
                                : Mono.error(new ProblemException(HttpStatus.FORBIDDEN, "not-your-case"))));
    }

    private Mono<Mediation> mediation(CaseRepository.CaseRow c) {
        Mono<List<Party>> partyA = repository.reportsOfCase(c.id()).concatMap(reportId -> reports.facts(reportId)
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
                .concatWith(repository.reportLines(c.id()).map(CaseRepository.ReportLine::description))
                .collectList();
        return Mono.zip(summary(c), mediations.conflict(c), partyA, partyB, contacts, said)
                .map(t -> {
                    List<Party> parties = new java.util.ArrayList<>(t.getT3());
                    parties.addAll(t.getT4());
                    return new Mediation(t.getT1(), t.getT2(), parties, t.getT5(), t.getT6());
                });
    }

    private Mono<Summary> summary(CaseRepository.CaseRow c) {
        return repository.assigned(c.id()).map(CaseRepository.VolunteerRow::name).collectList()
                .map(names -> new Summary(c.id(), c.number(), c.type(), c.status(), c.step(), c.categoryCode(),
                        c.street(), c.informPolice(), c.outcome(), c.closingNote(), names, null));
    }

    /** The coordinator's summary: with the offers of a mediation. */
    private Mono<Summary> withOffers(CaseRepository.CaseRow c) {
        Mono<List<OfferState>> offers = c.type() != CaseType.MEDIATION ? Mono.just(List.of())
                : repository.offerHistory(c.id()).map(o -> new OfferState(o.volunteer(), o.askedAt(), o.state(),
                        o.answeredAt(), o.expiresAt())).collectList();
        return summary(c).zipWith(offers, (s, o) -> new Summary(s.id(), s.number(), s.type(), s.status(), s.step(),
                s.categoryCode(), s.street(), s.informPolice(), s.outcome(), s.closingNote(), s.volunteers(), o));
    }
}
