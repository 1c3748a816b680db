package nl.hartslag.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.CaseRepository;
import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.CaseWorkSettings;
import nl.hartslag.casework.Categories;
import nl.hartslag.casework.StaffMessages;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.cluster.ReportClustered;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.Refused;
import nl.hartslag.mediation.Mediations;
import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import nl.hartslag.report.Channel;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportFacts;
import nl.hartslag.report.ReportReceived;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.Safeguard;
import nl.hartslag.web.DatabaseAvailability;
import nl.hartslag.web.DatabaseAvailable;
import nl.hartslag.web.DatabaseUnavailable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Sends every report to an instrument: by the coordinators' rules as soon as it is stored, or by a
 * coordinator's hand later. Each decision is recorded with who and why, in the same transaction as
 * the case it opens and the resident's "in behandeling" message. Worries about a household go to
 * the coordinator whatever a rule says, and the resident is told at once where to get help.
 */
@Service
public class Routing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Routing.class);

    /** A decision as staff see it. */
    public record Routed(Reference reference, Instrument instrument, boolean informPolice, Optional<Integer> caseNumber,
            String decidedBy, String reason) {
    }

    private final RoutingRepository repository;
    private final CaseRepository cases;
    private final Mediations mediations;
    private final RoutingRules rules;
    private final ReportService reports;
    private final CategoryCatalog categories;
    private final StaffMessages team;
    private final CaseWorkSettings settings;
    private final MessageSource messages;
    private final TransactionalOperator tx;
    private final DatabaseAvailability availability;
    private volatile boolean running;
    /** Routings of reports just received; the database must outlive them at shutdown. */
    private final AtomicInteger inFlight = new AtomicInteger();

    Routing(RoutingRepository repository, CaseRepository cases, Mediations mediations, RoutingRules rules,
            ReportService reports, CategoryCatalog categories, StaffMessages team, CaseWorkSettings settings, MessageSource messages, TransactionalOperator tx,
            DatabaseAvailability availability) {
        this.repository = repository;
        this.cases = cases;
        this.mediations = mediations;
        this.rules = rules;
        this.reports = reports;
        this.categories = categories;
        this.team = team;
        this.settings = settings;
        this.messages = messages;
        this.tx = tx;
        this.availability = availability;
    }

    /** Why a routing by rule is attempted: each trigger routes the reports it can. */
    enum Trigger {
        /** Just stored: everything but a work order, which waits for the report's cluster. */
        RECEIVED,
        /** Its cluster is committed: only a work order (the rest was routed when received). */
        CLUSTERED,
        /** A catch-up (start, database back): everything, a work order if its cluster is known. */
        CATCH_UP
    }

    @EventListener
    void onReportReceived(ReportReceived received) {
        routeInBackground(received.reportId(), received.reference().value(), Trigger.RECEIVED);
    }

    /** One work order per problem: a report bound for the WOP is routed once its cluster is known. */
    @EventListener
    void onReportClustered(ReportClustered clustered) {
        routeInBackground(clustered.reportId(), clustered.reportId().toString(), Trigger.CLUSTERED);
    }

    private void routeInBackground(UUID reportId, String name, Trigger trigger) {
        inFlight.incrementAndGet();
        routeByRule(reportId, trigger).doFinally(s -> inFlight.decrementAndGet()).subscribe(null, e -> {
            if (availability.failed(e)) {
                log.debug("Routing report {} waits until the database is back", name);
            } else {
                log.error("Routing report {} failed; it is routed at the next start", name, e);
            }
        });
    }

    /** Reports stored just before (or during) an outage whose routing failed are routed now. */
    @EventListener
    void onDatabaseAvailable(DatabaseAvailable available) {
        if (running) {
            catchUp("after the database outage");
        }
    }

    /**
     * Routes by the rule of the report's category, unless it was routed already. A report whose
     * rule asks for a work order is routed only when its cluster is known (the work order is the
     * problem's), that is on {@link ReportClustered}, or at a catch-up once it is clustered.
     */
    Mono<Routed> routeByRule(UUID reportId, Trigger trigger) {
        return reports.facts(reportId)
                .flatMap(report -> ruleFor(report).flatMap(rule -> byRuleWhen(report, rule, trigger)));
    }

    /** The rule of the report's category; triage by the coordinator when it has none. */
    private Mono<RoutingRepository.Rule> ruleFor(ReportFacts report) {
        return rules.rule(report.categoryCode())
                .defaultIfEmpty(new RoutingRepository.Rule(report.categoryCode(), Instrument.TRIAGE, false, "default",
                        Instant.now()));
    }

    /**
     * Each trigger routes what it can. A live trigger does not look for an earlier decision first:
     * the routing looks again under the report's lock, and one exists only when an event came twice.
     * A catch-up does, as most reports it meets were routed.
     */
    private Mono<Routed> byRuleWhen(ReportFacts report, RoutingRepository.Rule rule, Trigger trigger) {
        boolean workOrder = rule.instrument() == Instrument.WORK_ORDER && !Categories.isDomestic(report.categoryCode());
        Mono<Routed> routed = Mono.defer(() -> route(report, rule.instrument(), rule.informPolice(), "rule", null,
                true));
        return switch (trigger) {
            case RECEIVED -> workOrder ? Mono.empty() : routed;
            case CLUSTERED -> workOrder ? routed : Mono.empty();
            // Not clustered yet: its ReportClustered routes it.
            case CATCH_UP -> repository.decisions(report.id()).hasElements()
                    .flatMap(done -> done ? Mono.empty() : !workOrder ? routed
                            : repository.clusterOf(report.id()).flatMap(cluster -> routed));
        };
    }

    /**
     * A coordinator's routing: to another instrument, with a reason. The report leaves the open
     * cases of other instruments, so a report that turns out to be a worry about a household
     * disappears from volunteers' and the WOP's views at once.
     */
    public Mono<Routed> reroute(Reference reference, Instrument instrument, boolean informPolice, String reason,
            String actor) {
        return reports.facts(reference)
                .switchIfEmpty(Mono.error(NotFound::new))
                .zipWhen(report -> reports.safeguard(report.id()))
                .flatMap(found -> refused(found.getT1().categoryCode(), instrument, informPolice)
                        .or(() -> refusedBySafeguard(found.getT2(), instrument))
                        .<Mono<Routed>>map(Mono::error)
                        .orElseGet(() -> route(found.getT1(), instrument, informPolice, actor, reason, false)));
    }

    /**
     * Why a rule or a hand may not send this category there: a worry about a household goes only to
     * the coordinator, and the police liaison is only informed with a work order.
     */
    private static Optional<Refused> refused(String categoryCode, Instrument instrument, boolean informPolice) {
        if (Categories.isDomestic(categoryCode) && instrument != Instrument.COORDINATOR) {
            return Optional.of(new Refused("domestic-stays-with-coordinator"));
        }
        if (informPolice && instrument != Instrument.WORK_ORDER) {
            return Optional.of(new Refused("police-only-with-work-order"));
        }
        return Optional.empty();
    }

    /**
     * A report that was ever 'domestic' reaches volunteers or the WOP only after a second
     * coordinator agreed with its new category: one coordinator alone cannot re-categorise and route.
     */
    private static Optional<Refused> refusedBySafeguard(Safeguard safeguard, Instrument instrument) {
        if (safeguard.holds() && instrument.leavesCoordinators()) {
            return Optional.of(new Refused("safeguard-needs-second-coordinator"));
        }
        return Optional.empty();
    }

    /** One routing as it is carried out: the instrument after the safeguards, and who and why. */
    private record Plan(ReportFacts report, Instrument instrument, boolean police, String actor, String reason,
            boolean automatic) {
    }

    /**
     * Routes a report in named steps: the safeguards choose the instrument, the cluster is looked up
     * (a work order is the problem's), then in one transaction under the report's lock: may it still
     * be routed, leave other instruments' cases, open or join the case, record the decision and tell
     * the resident.
     */
    private Mono<Routed> route(ReportFacts report, Instrument chosen, boolean informPolice, String actor, String reason,
            boolean automatic) {
        return safeInstrument(report, chosen)
                .map(instrument -> new Plan(report, instrument, instrument == Instrument.WORK_ORDER && informPolice,
                        actor, reason, automatic))
                .flatMap(routing -> clusterFor(routing).flatMap(cluster -> carryOut(routing, cluster)))
                .doOnNext(routed -> log.info("Report {} routed to {}{} by {}", routed.reference(), routed.instrument(),
                        routed.caseNumber().map(n -> " (case " + n + ")").orElse(""), actor));
    }

    /**
     * Whatever a rule or a hand says: a worry about a household stays with the coordinator, and so
     * does a report that ever was one until a second coordinator agreed with its new category.
     */
    private Mono<Instrument> safeInstrument(ReportFacts report, Instrument chosen) {
        return reports.safeguard(report.id()).map(safeguard -> Categories.isDomestic(report.categoryCode())
                || (safeguard.holds() && chosen.leavesCoordinators()) ? Instrument.COORDINATOR : chosen);
    }

    /** The report's problem, for a work order (known by now when automatic: it waits for ReportClustered). */
    private Mono<Optional<UUID>> clusterFor(Plan routing) {
        return routing.instrument() != Instrument.WORK_ORDER ? Mono.just(Optional.empty())
                : repository.clusterOf(routing.report().id()).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Routed> carryOut(Plan routing, Optional<UUID> cluster) {
        return mayRoute(routing)
                .filter(Boolean::booleanValue)
                .flatMap(go -> leaveOtherCases(routing.report().id(), routing.instrument(), routing.actor())
                        .then(openCase(routing, cluster)))
                .flatMap(opened -> record(routing, opened))
                .as(tx::transactional);
    }

    /**
     * One routing at a time per report (a start-up catch-up may meet the live path); a rule never
     * overrides a decision that exists by the time the lock is held.
     */
    private Mono<Boolean> mayRoute(Plan routing) {
        UUID reportId = routing.report().id();
        return repository.lockReport(reportId).then(routing.automatic()
                ? repository.decisions(reportId).hasElements().map(done -> !done) : Mono.just(true));
    }

    /** The case the instrument opens (or a work order the report joins); none for the coordinator or triage. */
    private Mono<Optional<CaseRepository.CaseRow>> openCase(Plan routing, Optional<UUID> cluster) {
        ReportFacts report = routing.report();
        return switch (routing.instrument()) {
            case COORDINATOR -> flagDomestic(report).then(Mono.just(Optional.<CaseRepository.CaseRow>empty()));
            case TRIAGE -> Mono.just(Optional.<CaseRepository.CaseRow>empty());
            case MEDIATION -> mediations.open(report).map(Optional::of);
            case WORK_ORDER -> workOrder(report, cluster, routing.police()).map(Optional::of);
        };
    }

    /** The decision, with who and why and the case it opened, and the resident's "in behandeling". */
    private Mono<Routed> record(Plan routing, Optional<CaseRepository.CaseRow> opened) {
        ReportFacts report = routing.report();
        return repository.insertDecision(report.id(), routing.instrument(), routing.police(),
                opened.map(CaseRepository.CaseRow::id).orElse(null), routing.actor(), routing.reason())
                .then(inProgress(report, routing.instrument()))
                .thenReturn(new Routed(report.reference(), routing.instrument(), routing.police(),
                        opened.map(CaseRepository.CaseRow::number), routing.actor(), routing.reason()));
    }

    /** The resident hears "in behandeling" when a team takes the report on. */
    private Mono<Void> inProgress(ReportFacts report, Instrument instrument) {
        if (instrument != Instrument.MEDIATION && instrument != Instrument.WORK_ORDER) {
            return Mono.empty();
        }
        return reports.facts(report.id()).flatMap(now -> {
            if (!now.status().canMoveTo(ReportStatus.IN_PROGRESS) || now.status() != ReportStatus.RECEIVED) {
                return Mono.empty();
            }
            String note = messages.getMessage("routing.note." + instrument.name().toLowerCase(Locale.ROOT), null,
                    Locale.forLanguageTag(report.language()));
            return reports.changeStatus(report.reference(), ReportStatus.IN_PROGRESS, note, "routing").then();
        });
    }

    /**
     * Alerts the coordinators, and gives the reporter the Veilig Thuis advice only when they wrote or
     * called from that number themselves: a number typed into the web form may be the victim's phone,
     * read by the person they worry about (the web confirmation is the place for the advice there).
     */
    private Mono<Void> flagDomestic(ReportFacts report) {
        Map<String, String> parameters = Map.of(Template.Param.REFERENCE.key(), report.reference().value(),
                Template.Param.PLACE.key(), StaffMessages.cut(report.street() == null ? "-" : report.street(), 40));
        boolean ownNumber = report.channel() == Channel.SMS || report.channel() == Channel.PHONE;
        Mono<Void> advice = ownNumber
                ? reports.messageReporter(report.id(), Template.DOMESTIC_HELP, "domestic-help", Urgency.IMMEDIATE)
                : Mono.empty();
        return advice
                .then(team.send(settings.coordinatorAddresses(), Audience.TEAM, Template.DOMESTIC_FLAG, parameters,
                        "report:" + report.id() + ":domestic-flag", report.reference().value(), Urgency.IMMEDIATE));
    }

    /**
     * One work order per problem: a report of a cluster that has an open work order joins it. A new
     * work order is named after where the problem is (read again: matching stored it meanwhile),
     * never after the address the reporter typed.
     */
    private Mono<CaseRepository.CaseRow> workOrder(ReportFacts reported, Optional<UUID> clusterId, boolean police) {
        return reports.facts(reported.id()).defaultIfEmpty(reported)
                .flatMap(report -> workOrderOf(report, clusterId, police));
    }

    private Mono<CaseRepository.CaseRow> workOrderOf(ReportFacts report, Optional<UUID> clusterId, boolean police) {
        Mono<CaseRepository.CaseRow> existing = clusterId
                .map(c -> repository.lockCluster(c).then(repository.openWorkOrderOfCluster(c)))
                .orElse(Mono.empty());
        return existing
                .flatMap(open -> cases.attach(open.id(), report.id()).thenReturn(open))
                .switchIfEmpty(Mono.defer(() -> {
                    UUID id = UUID.randomUUID();
                    String where = report.problemPlace().placeName() != null ? report.problemPlace().placeName()
                            : report.problemStreet();
                    return cases.insertCase(id, CaseType.WORK_ORDER, null, report.categoryCode(),
                            where, clusterId.orElse(null), police)
                            .flatMap(number -> cases.attach(id, report.id())
                                    .then(announceWorkOrder(id, number, report, police)))
                            .then(cases.caseRow(id));
                }));
    }

    private Mono<Void> announceWorkOrder(UUID caseId, int number, ReportFacts report, boolean police) {
        return categories.all().flatMap(known -> {
            String category = known.containsKey(report.categoryCode())
                    ? known.get(report.categoryCode()).label(Locale.forLanguageTag("nl")) : report.categoryCode();
            String place = report.problemLabel() == null ? "plaats onbekend" : report.problemLabel();
            Map<String, String> parameters = Map.of(Template.Param.REFERENCE.key(), String.valueOf(number),
                    Template.Param.CATEGORY.key(), StaffMessages.cut(category, 30),
                    Template.Param.PLACE.key(), StaffMessages.cut(place, 40));
            Mono<Void> wop = team.send(settings.wopAddresses(), Audience.TEAM, Template.WORK_ORDER, parameters,
                    "case:" + caseId + ":work-order", String.valueOf(number), Urgency.NORMAL);
            Mono<Void> liaison = police ? team.send(settings.policeAddresses(), Audience.TEAM, Template.WORK_ORDER,
                    parameters, "case:" + caseId + ":police", String.valueOf(number), Urgency.NORMAL) : Mono.empty();
            return wop.then(liaison);
        });
    }

    /**
     * A coordinator split the report out of its problem: it leaves that problem's open work orders
     * (and escalation cases), and when it left a work order it is routed by the rules as a problem of
     * its own (a litter report split from a noise problem gets a litter work order). Runs in the
     * split's transaction, so the split and the work-order membership change together.
     */
    Mono<Void> splitOff(UUID reportId, UUID fromCluster, String actor) {
        return cases.casesOfReport(reportId)
                .filter(c -> c.open() && fromCluster.equals(c.clusterId())
                        && (c.type() == CaseType.WORK_ORDER || c.type() == CaseType.ESCALATION))
                .concatMap(c -> cases.lockCase(c.id()).then(cases.detach(c.id(), reportId))
                        .then(cases.reportsOfCase(c.id()).hasElements())
                        .flatMap(left -> left ? Mono.<Void>empty() : cases.closeEmpty(c.id(), actor))
                        .thenReturn(c.type()))
                .collectList()
                .flatMap(left -> !left.contains(CaseType.WORK_ORDER) ? Mono.<Void>empty()
                        : reports.facts(reportId).zipWhen(this::ruleFor)
                                .flatMap(found -> route(found.getT1(), found.getT2().instrument(),
                                        found.getT2().informPolice(), "rule",
                                        "afgesplitst door " + actor + ": een eigen probleem", false))
                                .then())
                .doOnSuccess(done -> log.info("Report id {} split off: it left the work orders of cluster {}", reportId,
                        fromCluster));
    }

    /** A rerouted report leaves open cases of other instruments; a case left without reports closes. */
    private Mono<Void> leaveOtherCases(UUID reportId, Instrument instrument, String actor) {
        return cases.casesOfReport(reportId)
                .filter(c -> c.open() && !instrument.keeps(c.type()))
                .concatMap(c -> cases.detach(c.id(), reportId)
                        .then(cases.reportsOfCase(c.id()).hasElements())
                        .flatMap(left -> left ? Mono.<Void>empty() : cases.closeEmpty(c.id(), actor)))
                .then();
    }

    /** A routing rule as coordinators see and edit it. */
    public record RuleSnapshot(String categoryCode, Instrument instrument, boolean informPolice, String updatedBy,
            Instant updatedAt) {

        static RuleSnapshot of(RoutingRepository.Rule r) {
            return new RuleSnapshot(r.categoryCode(), r.instrument(), r.informPolice(), r.updatedBy(), r.updatedAt());
        }
    }

    public Mono<List<RuleSnapshot>> rules() {
        return repository.rules().map(RuleSnapshot::of).collectList();
    }

    public Mono<RuleSnapshot> saveRule(String categoryCode, Instrument instrument, boolean informPolice,
            String actor) {
        Optional<Refused> refused = refused(categoryCode, instrument, informPolice);
        if (refused.isPresent()) {
            return Mono.error(refused.get());
        }
        return repository.saveRule(categoryCode, instrument, informPolice, actor)
                .flatMap(saved -> repository.announceRuleChange(categoryCode).thenReturn(saved))
                .as(tx::transactional)
                .doOnNext(saved -> rules.forget())
                .map(RuleSnapshot::of)
                .doOnNext(r -> log.info("Routing rule for {} set to {} by {}", categoryCode, instrument, actor));
    }

    public Mono<List<Routed>> decisions(Reference reference) {
        return reports.facts(reference).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(report -> repository.decisions(report.id())
                        .concatMap(d -> (d.caseId() == null ? Mono.<CaseRepository.CaseRow>empty()
                                : cases.caseRow(d.caseId()))
                                .map(c -> Optional.of(c.number())).defaultIfEmpty(Optional.empty())
                                .map(number -> new Routed(reference, d.instrument(), d.informPolice(), number,
                                        d.decidedBy(), d.reason())))
                        .collectList());
    }

    // --- catching up after a crash between intake and routing

    @Override
    public void start() {
        running = true;
        catchUp("at start-up");
    }

    private void catchUp(String when) {
        repository.unroutedReports(Instant.now().minus(Duration.ofDays(30)))
                .concatMap(id -> routeByRule(id, Trigger.CATCH_UP).onErrorResume(e -> {
                    if (DatabaseUnavailable.isCause(e)) {
                        // The outage is logged once elsewhere; the report is routed when it ends.
                        log.debug("Routing report id {} waits until the database is back", id);
                    } else {
                        log.warn("Could not route report id {} {}", id, when, e);
                    }
                    return Mono.empty();
                }))
                .count()
                .retryWhen(Retry.backoff(3, Duration.ofSeconds(1)))
                .subscribe(n -> {
                    if (n > 0) {
                        log.info("Routed {} reports that were not routed yet ({})", n, when);
                    }
                }, e -> log.error("Routing catch-up {} failed: {}", when, DatabaseUnavailable.isCause(e)
                        ? DatabaseUnavailable.summary(e) : e.toString()));
    }

    /**
     * After the web server has finished its last requests, let the routings they started finish
     * (bounded) before the database stops; an unfinished one is routed at the next start.
     */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Below the web server (DEFAULT_PHASE - 2048), above cluster matching, which routing waits for. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
