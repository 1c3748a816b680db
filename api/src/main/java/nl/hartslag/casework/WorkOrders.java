package nl.hartslag.casework;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.web.ProblemException;
import reactor.core.publisher.Mono;

/**
 * The Woonomgevingploeg's work orders: one per problem (reports of one cluster share it), listed
 * by urgency and age for a phone, marked done with a note. Done resolves every report of the
 * problem, so every household that reported and left a number or address hears "opgelost" with
 * the note; a resident who says it is not solved within the window reopens it.
 */
@Service
public class WorkOrders {

    private static final Logger log = LoggerFactory.getLogger(WorkOrders.class);

    /** A work order as the team sees it: what and where, what residents said, never who. */
    public record WorkOrder(UUID id, int number, String categoryCode, String street, boolean policeInformed,
            String status, int urgency, long ageHours, Instant createdAt, List<Said> reports) {
    }

    /**
     * What one resident said, with the house number the team needs (one the words gave for the
     * problem, never the number a reporter typed) and the photos; never who said it.
     */
    public record Said(String reference, String description, String houseNumber, Instant receivedAt,
            List<String> photos) {
    }

    private static WorkOrder workOrder(CaseRepository.CaseRow c, List<CaseRepository.ReportLine> lines, Instant now) {
        return new WorkOrder(c.id(), c.number(), c.categoryCode(), c.street(), c.informPolice(), c.status(),
                lines.size() + (c.informPolice() ? 2 : 0), Duration.between(c.createdAt(), now).toHours(), c.createdAt(),
                lines.stream().map(l -> new Said(l.reference(), l.description(), l.houseNumber(), l.receivedAt(),
                        l.photoUrls())).toList());
    }

    private final CaseRepository repository;
    private final ReportService reports;
    private final CaseWorkSettings settings;
    private final TransactionalOperator tx;
    private final Clock clock = Clock.systemUTC();

    WorkOrders(CaseRepository repository, ReportService reports, CaseWorkSettings settings, TransactionalOperator tx) {
        this.repository = repository;
        this.reports = reports;
        this.settings = settings;
        this.tx = tx;
    }

    /**
     * Open work orders, most urgent first, then oldest. Urgency counts the reports (each one is a
     * household bothered) and weighs problems the police liaison is informed of.
     */
    public Mono<List<WorkOrder>> open() {
        Instant now = clock.instant();
        return repository.openCases(CaseType.WORK_ORDER)
                .filter(c -> !c.categoryCode().equals(Routing.DOMESTIC))
                .concatMap(c -> repository.reportLines(c.id()).collectList().map(lines -> workOrder(c, lines, now)))
                .filter(w -> !w.reports().isEmpty())
                .sort(Comparator.comparingInt(WorkOrder::urgency).reversed()
                        .thenComparing(WorkOrder::createdAt))
                .collectList();
    }

    public Mono<WorkOrder> one(UUID caseId) {
        return repository.caseRow(caseId)
                .filter(c -> c.type() == CaseType.WORK_ORDER)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .filter(c -> !c.categoryCode().equals(Routing.DOMESTIC))
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> repository.reportLines(c.id()).collectList()
                        .map(lines -> workOrder(c, lines, clock.instant())));
    }

    /**
     * Done: the work order (and any other open one of the same problem) closes with the note, and
     * each of their reports is resolved with it, which texts every reporter.
     */
    public Mono<Void> done(UUID caseId, String note, String photoUrl, String actor) {
        return repository.lockCase(caseId)
                .filter(c -> c.type() == CaseType.WORK_ORDER)
                .switchIfEmpty(Mono.error(ProblemException::notFound))
                .flatMap(c -> {
                    if (!c.open()) {
                        return Mono.error(new ProblemException(HttpStatus.CONFLICT, "work-order-not-open"));
                    }
                    var siblings = c.clusterId() == null ? reactor.core.publisher.Flux.<CaseRepository.CaseRow>empty()
                            : repository.otherOpenWorkOrdersOfCluster(c.clusterId(), c.id());
                    return siblings.startWith(c)
                            .concatMap(order -> repository.markDone(order.id(), note, photoUrl, actor)
                                    .thenMany(repository.reportsOfCase(order.id())))
                            .distinct()
                            .concatMap(reportId -> reports.facts(reportId)
                                    .filter(r -> r.status() != ReportStatus.RESOLVED
                                            && r.status().canMoveTo(ReportStatus.RESOLVED))
                                    .flatMap(r -> reports.changeStatus(r.reference(), ReportStatus.RESOLVED, note,
                                            actor)))
                            .then(repository.caseRow(c.id()));
                })
                .as(tx::transactional)
                .doOnNext(c -> log.info("Work order {} done by {}", c.number(), actor))
                .then();
    }

    /** What became of a resident's "niet opgelost". */
    public enum Reopen {
        REOPENED, NOT_RESOLVED, TOO_LATE, NOT_FOUND
    }

    /**
     * A resident says the problem is not solved: within the window after "opgelost" the report goes
     * back to "in behandeling" (they get that text) and its work order opens again.
     */
    public Mono<Reopen> reopenByResident(Reference reference, String actor) {
        return reports.facts(reference)
                .flatMap(report -> {
                    if (report.status() != ReportStatus.RESOLVED) {
                        return Mono.just(Reopen.NOT_RESOLVED);
                    }
                    return repository.casesOfReport(report.id())
                            .filter(c -> c.type() == CaseType.WORK_ORDER && "DONE".equals(c.status()))
                            .collectList()
                            .flatMap(orders -> {
                                Instant resolvedAt = orders.stream().map(CaseRepository.CaseRow::closedAt)
                                        .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                                        .orElse(clock.instant());
                                if (resolvedAt.plus(settings.reopenWindow()).isBefore(clock.instant())) {
                                    return Mono.just(Reopen.TOO_LATE);
                                }
                                return reactor.core.publisher.Flux.fromIterable(orders)
                                        .concatMap(o -> repository.lockCase(o.id()).then(repository.reopen(o.id())))
                                        .then(reports.changeStatus(reference, ReportStatus.IN_PROGRESS, null, actor))
                                        .thenReturn(Reopen.REOPENED);
                            });
                })
                .defaultIfEmpty(Reopen.NOT_FOUND)
                .as(tx::transactional)
                .doOnNext(r -> log.info("Resident said report {} is not solved: {}", reference, r));
    }
}
