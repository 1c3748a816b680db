package nl.hartslag.workorder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseWorkSettings;
import nl.hartslag.domain.IllegalTransition;
import nl.hartslag.domain.NotFound;
import nl.hartslag.norms.Deadline;
import nl.hartslag.norms.Deadlines;
import nl.hartslag.photo.ProcessedPhoto;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Woonomgevingploeg's work orders, and the one place that changes them: one per problem
 * (reports of one cluster share it), listed by urgency and age for a phone. The team marks one
 * "onderweg", "klaar" (with a note: every report of the problem is resolved, so every household
 * that left a number or address hears "opgelost" with the note) or "niet voor ons" (with a reason:
 * back to the coordinator; the resident is told nothing, their report stays "in behandeling",
 * which is true). A resident who says it is not solved within the window reopens it. Every move
 * follows {@link WorkOrderStatus}'s table and is appended to the work order's history with who,
 * when and why, in the move's transaction.
 */
@Service
public class WorkOrders {

    private static final Logger log = LoggerFactory.getLogger(WorkOrders.class);
    private static final List<WorkOrderStatus> WITH_TEAM = List.of(WorkOrderStatus.OPEN, WorkOrderStatus.UNDERWAY);

    /**
     * A work order as the team sees it: what and where, its status, what residents said, never who.
     * {@code returned} says why the team gave it back (only while it is {@code NOT_FOR_US});
     * {@code deadline} when it must be done by the category's resolution norm and whether it is late
     * (docs/norms.md).
     */
    public record WorkOrder(UUID id, int number, String categoryCode, String street, boolean policeInformed,
            WorkOrderStatus status, int urgency, long ageHours, Instant createdAt, String closingNote,
            Returned returned, List<Said> reports, List<String> photos, Deadline deadline) {
    }

    /** A photo the team added when it marked the work order done (JPEG without metadata, or HEIC blanked). */
    public record Photo(String contentType, byte[] data) {
    }

    /** Why, by whom and when the team said "niet voor ons". */
    public record Returned(String reason, String by, Instant at) {
    }

    /**
     * What one resident said, with the house number the team needs (one the words gave for the
     * problem, never the number a reporter typed) and the photos; never who said it.
     */
    public record Said(String reference, String description, String houseNumber, Instant receivedAt,
            List<String> photos) {
    }

    private final WorkOrderRepository repository;
    private final CaseRepository cases;
    private final ReportService reports;
    private final CaseWorkSettings settings;
    private final TransactionalOperator tx;
    private final Deadlines deadlines;
    private final Clock clock = Clock.systemUTC();

    WorkOrders(WorkOrderRepository repository, CaseRepository cases, ReportService reports, CaseWorkSettings settings,
            TransactionalOperator tx, Deadlines deadlines) {
        this.deadlines = deadlines;
        this.repository = repository;
        this.cases = cases;
        this.reports = reports;
        this.settings = settings;
        this.tx = tx;
    }

    /**
     * The team's work orders (open or on the way), most urgent first, then oldest. Urgency counts
     * the reports (each one is a household bothered) and weighs problems the police liaison is informed of.
     */
    public Mono<List<WorkOrder>> open() {
        return list(WITH_TEAM);
    }

    /** Work orders the team gave back ("niet voor ons"), with their reasons: the coordinator's to decide. */
    public Mono<List<WorkOrder>> returned() {
        return list(List.of(WorkOrderStatus.NOT_FOR_US));
    }

    private Mono<List<WorkOrder>> list(List<WorkOrderStatus> statuses) {
        Instant now = clock.instant();
        return repository.inStatus(statuses)
                .concatMap(w -> view(w, now))
                .filter(w -> !w.reports().isEmpty())
                .sort(Comparator.comparingInt(WorkOrder::urgency).reversed().thenComparing(WorkOrder::createdAt))
                .collectList();
    }

    public Mono<WorkOrder> one(UUID caseId) {
        return repository.workOrder(caseId).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(w -> view(w, clock.instant()));
    }

    private Mono<WorkOrder> view(WorkOrderRepository.WorkOrderRow w, Instant now) {
        Mono<java.util.Optional<Returned>> returned = w.status() != WorkOrderStatus.NOT_FOR_US
                ? Mono.just(java.util.Optional.empty())
                : repository.lastMoveTo(w.id(), WorkOrderStatus.NOT_FOR_US)
                        .map(m -> java.util.Optional.of(new Returned(m.reason(), m.actor(), m.at())))
                        .defaultIfEmpty(java.util.Optional.empty());
        // What residents said comes from the case kernel, the same reader every instrument uses.
        return Mono.zip(cases.reportLines(w.id()).collectList(), returned, repository.photoCount(w.id()),
                deadlines.ofCase(w.id(), now))
                .map(t -> new WorkOrder(w.id(), w.number(), w.categoryCode(), w.street(), w.informPolice(), w.status(),
                        t.getT1().size() + (w.informPolice() ? 2 : 0), Duration.between(w.createdAt(), now).toHours(),
                        w.createdAt(), w.closingNote(), t.getT2().orElse(null),
                        t.getT1().stream().map(l -> new Said(l.reference(), l.description(), l.houseNumber(),
                                l.receivedAt(), l.photoUrls())).toList(),
                        photoUrls(w, t.getT3()), t.getT4()));
    }

    /** The team's photos by the URLs that serve them (n from 1), after any photo link given with "klaar". */
    private static List<String> photoUrls(WorkOrderRepository.WorkOrderRow w, long stored) {
        List<String> urls = new java.util.ArrayList<>();
        if (w.donePhotoUrl() != null) {
            urls.add(w.donePhotoUrl());
        }
        for (long n = 1; n <= stored; n++) {
            urls.add("/api/v1/staff/work-orders/" + w.id() + "/photos/" + n);
        }
        return urls;
    }

    /** The {@code n}-th (from 1) photo the team added to a work order, or its thumbnail. */
    public Mono<Photo> photo(UUID caseId, int n, boolean thumbnail) {
        return repository.photo(caseId, n, thumbnail);
    }

    /** "Onderweg": the team is on its way. Nothing is sent to residents: their report is already "in behandeling". */
    public Mono<WorkOrder> underway(UUID caseId, String actor) {
        return repository.lock(caseId).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(w -> move(w, WorkOrderStatus.UNDERWAY, null, actor))
                .as(tx::transactional)
                .then(one(caseId));
    }

    /**
     * "Niet voor ons": the work order goes back to the coordinator with the team's reason (recorded
     * with who and when). The resident is not told: the report stays "in behandeling" while the
     * coordinator decides (send it to the team again, or route the report elsewhere).
     */
    public Mono<WorkOrder> notForUs(UUID caseId, String reason, String actor) {
        Objects.requireNonNull(reason, "a reason is required");
        return repository.lock(caseId).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(w -> move(w, WorkOrderStatus.NOT_FOR_US, reason, actor))
                .as(tx::transactional)
                .then(one(caseId));
    }

    /** The coordinator sends a work order the team gave back to the team again. */
    public Mono<WorkOrder> backToTeam(UUID caseId, String reason, String actor) {
        return repository.lock(caseId).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(w -> w.status() != WorkOrderStatus.NOT_FOR_US
                        ? Mono.error(new IllegalTransition("work-order-transition", w.status(), WorkOrderStatus.OPEN,
                                w.status().name(), WorkOrderStatus.OPEN.name()))
                        : move(w, WorkOrderStatus.OPEN, reason, actor))
                .as(tx::transactional)
                .then(one(caseId));
    }

    private Mono<Void> move(WorkOrderRepository.WorkOrderRow w, WorkOrderStatus next, String reason, String actor) {
        if (!w.status().canMoveTo(next)) {
            return Mono.error(refusal(w.status(), next));
        }
        return repository.setStatus(w.id(), next)
                .then(repository.appendMove(w.id(), w.status(), next, reason, actor))
                .doOnSuccess(done -> log.info("Work order {} {} -> {} by {}", w.number(), w.status(), next, actor));
    }

    private static IllegalTransition refusal(WorkOrderStatus from, WorkOrderStatus to) {
        // "Klaar" on an order that is done or closed keeps its own, older problem type.
        if (to == WorkOrderStatus.DONE && (from == WorkOrderStatus.DONE || from == WorkOrderStatus.CLOSED)) {
            return new IllegalTransition("work-order-not-open", from, to);
        }
        return new IllegalTransition("work-order-transition", from, to, from.name(), to.name());
    }

    /**
     * Done: the work order (and any other of the same problem still with the team) closes with the
     * note, and each of their reports is resolved with it, which texts every reporter.
     */
    public Mono<WorkOrder> done(UUID caseId, String note, String photoUrl, String actor) {
        return done(caseId, note, photoUrl, null, actor);
    }

    /**
     * The same with the team's photo of the finished job ({@code photo}, may be null): stored with the
     * work order in the same transaction as the move, shown to the coordinator with it.
     */
    public Mono<WorkOrder> done(UUID caseId, String note, String photoUrl, ProcessedPhoto photo, String actor) {
        return repository.lock(caseId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(w -> {
                    if (!w.status().canMoveTo(WorkOrderStatus.DONE)) {
                        return Mono.error(refusal(w.status(), WorkOrderStatus.DONE));
                    }
                    Flux<WorkOrderRepository.WorkOrderRow> siblings = w.clusterId() == null ? Flux.empty()
                            : repository.otherWithTeamOfCluster(w.clusterId(), w.id(), WITH_TEAM);
                    return siblings.startWith(w)
                            .concatMap(order -> repository.markDone(order.id(), note, photoUrl, actor)
                                    .then(repository.appendMove(order.id(), order.status(), WorkOrderStatus.DONE, null,
                                            actor))
                                    .thenMany(repository.reportsOf(order.id())))
                            .distinct()
                            .concatMap(reportId -> reports.facts(reportId)
                                    .filter(r -> r.status() != ReportStatus.RESOLVED
                                            && r.status().canMoveTo(ReportStatus.RESOLVED))
                                    .flatMap(r -> reports.changeStatus(r.reference(), ReportStatus.RESOLVED, note,
                                            actor)))
                            .then(photo == null ? Mono.empty() : repository.insertPhoto(w.id(), photo, actor))
                            .then(Mono.just(w));
                })
                .as(tx::transactional)
                .doOnNext(w -> log.info("Work order {} done by {}", w.number(), actor))
                .then(one(caseId));
    }

    /** What became of a resident's "niet opgelost". */
    public enum Reopen {
        REOPENED, NOT_RESOLVED, TOO_LATE, NOT_FOUND
    }

    /**
     * A resident says the problem is not solved: within the window after "opgelost" the report goes
     * back to "in behandeling" (they get that text) and its work order opens again (DONE → OPEN).
     */
    public Mono<Reopen> reopenByResident(Reference reference, String actor) {
        return reports.facts(reference)
                .flatMap(report -> {
                    if (report.status() != ReportStatus.RESOLVED) {
                        return Mono.just(Reopen.NOT_RESOLVED);
                    }
                    return repository.ofReport(report.id())
                            .filter(w -> w.status() == WorkOrderStatus.DONE)
                            .collectList()
                            .flatMap(orders -> {
                                Instant resolvedAt = orders.stream().map(WorkOrderRepository.WorkOrderRow::closedAt)
                                        .filter(Objects::nonNull).max(Comparator.naturalOrder())
                                        .orElse(clock.instant());
                                if (resolvedAt.plus(settings.reopenWindow()).isBefore(clock.instant())) {
                                    return Mono.just(Reopen.TOO_LATE);
                                }
                                return Flux.fromIterable(orders)
                                        .concatMap(o -> repository.lock(o.id())
                                                .filter(locked -> locked.status() == WorkOrderStatus.DONE)
                                                .flatMap(locked -> move(locked, WorkOrderStatus.OPEN,
                                                        "niet opgelost volgens de melder", actor)))
                                        .then(reports.changeStatus(reference, ReportStatus.IN_PROGRESS, null, actor))
                                        .thenReturn(Reopen.REOPENED);
                            });
                })
                .defaultIfEmpty(Reopen.NOT_FOUND)
                .as(tx::transactional)
                .doOnNext(r -> log.info("Resident said report {} is not solved: {}", reference, r));
    }
}
