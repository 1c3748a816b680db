package nl.hartslag.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.CaseType;
import nl.hartslag.casework.CaseWorkSettings;
import nl.hartslag.casework.Outcome;
import nl.hartslag.cluster.ReportClustered;
import nl.hartslag.domain.IllegalTransition;
import nl.hartslag.domain.NotFound;
import nl.hartslag.domain.NotPermitted;
import nl.hartslag.domain.Refused;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Casuistiekoverleg: problems that keep coming back are proposed to the coordinator with a
 * privacy-minimised summary (address, categories, counts over time, what was done; never who
 * reported), put on a meeting's agenda as an escalation case, and the actions partners agree to
 * are followed up. A partner sees only the cases on the agenda of meetings they take part in, and
 * closes only the actions of their own agency agreed in a meeting they take part in. The one writer
 * of proposals, meetings and actions; their moves follow {@link ProposalStatus} and {@link ActionStatus}.
 */
@Service
public class Escalations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    public record Count(String key, long count) {
    }

    public record Done(String type, int number, String status, Outcome outcome, Instant createdAt, Instant closedAt) {
    }

    /**
     * What the meeting needs to know about a problem, and nothing about who reported it. The
     * address is where the problem is (a named place, or a street with a number the words gave),
     * never a reporter's typed address; households are reporters who can be reached or were met,
     * anonymous reports are counted apart.
     */
    public record Summary(String address, String categoryCode, long reports, long households, long anonymousReports,
            List<Count> categories, List<Count> perWeek, List<Done> whatWasDone) {
    }

    public record Proposal(UUID id, String rule, String reason, ProposalStatus status, Integer caseNumber, UUID caseId,
            Instant proposedAt, String decidedBy, Summary summary) {
    }

    public record Meeting(UUID id, LocalDate heldOn, String title, List<String> participants) {
    }

    /**
     * An agreed action: one meeting, one agency. {@code mayClose} says whether the asker may mark it
     * done (the coordinator, or a partner of that agency taking part in that meeting, while it is open).
     */
    public record Action(UUID id, UUID meetingId, String partner, String description, String owner, LocalDate dueOn,
            ActionStatus status, boolean overdue, Instant doneAt, String doneNote, boolean mayClose) {
    }

    /** Who asks: a coordinator sees and closes everything; a partner account works for one agency. */
    private record Asker(boolean coordinator, String agency, List<UUID> meetings) {

        static final Asker COORDINATOR = new Asker(true, null, List.of());

        boolean mayClose(EscalationRepository.ActionRow a) {
            return a.status().canMoveTo(ActionStatus.DONE)
                    && (coordinator || (a.partner().equals(agency) && meetings.contains(a.meetingId())));
        }
    }

    public record AgendaItem(UUID caseId, int number, String status, Summary summary, List<Action> actions) {
    }

    public record Agenda(Meeting meeting, List<AgendaItem> items) {
    }

    private final EscalationRepository repository;
    private final CaseWorkSettings settings;
    private final TransactionalOperator tx;
    private final Clock clock = Clock.systemUTC();

    Escalations(EscalationRepository repository, CaseWorkSettings settings, TransactionalOperator tx) {
        this.repository = repository;
        this.settings = settings;
        this.tx = tx;
    }

    /** Applies the escalation rules to every open problem; emits how many problems were newly proposed. */
    public Mono<Long> check() {
        return check(Optional.empty());
    }

    /**
     * A report joined a problem: the rules look at that problem at once, so the coordinator sees a
     * proposal seconds after the report that tipped it, not at the next sweep. The minute sweep stays
     * as the catch-up (an outage, another instance's event lost at a restart). A proposal is unique
     * per problem, so the event arriving twice, or racing the sweep, proposes once.
     */
    @EventListener
    void onReportClustered(ReportClustered clustered) {
        if (!running) {
            return; // stopping: the minute sweep after the next start looks at it
        }
        inFlight.incrementAndGet();
        check(Optional.of(clustered.clusterId())).doFinally(signal -> inFlight.decrementAndGet()).subscribe(null,
                e -> log.warn("Escalation check of problem {} failed ({}); the sweep looks again within a minute",
                        clustered.clusterId(), e.toString()));
    }

    /** Checks started by a report's clustering and not finished yet; the service waits for them when stopping. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;

    @Override
    public void start() {
        running = true;
    }

    /**
     * After the web server finished its last requests, let the checks they started finish (bounded)
     * before the database stops, as routing does; a check cut short is the next sweep's.
     */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** With routing: below the web server, above cluster matching (whose events start the checks). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 3072;
    }

    private Mono<Long> check(Optional<UUID> only) {
        Instant since = clock.instant().minus(settings.escalationWindow());
        String repeated = settings.escalationReports() + "+ meldingen van " + settings.escalationHouseholds()
                + "+ huishoudens binnen " + settings.escalationWindow().toDays() + " dagen";
        Flux<Boolean> first = repository.repeatedProblems(since, settings.escalationReports(),
                settings.escalationHouseholds(), only)
                .concatMap(cluster -> repository.insertProposal(UUID.randomUUID(), cluster, "REPEATED_REPORTS", repeated));
        Flux<Boolean> second = repository.problemsAfterFailedMediation(only)
                .concatMap(cluster -> repository.insertProposal(UUID.randomUUID(), cluster, "AFTER_FAILED_MEDIATION",
                        "Nieuwe meldingen na een bemiddeling zonder afspraken"));
        return first.concatWith(second).filter(Boolean::booleanValue).count()
                .doOnNext(n -> {
                    if (n > 0) {
                        log.info("{} problems proposed for the Casuistiekoverleg", n);
                    }
                });
    }

    public Mono<List<Proposal>> proposals() {
        return repository.proposals().concatMap(this::proposal).collectList();
    }

    public Mono<Void> dismiss(UUID proposalId, String note, String actor) {
        return repository.lockProposal(proposalId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(p -> p.status().canMoveTo(ProposalStatus.DISMISSED)
                        ? repository.decide(p.id(), ProposalStatus.DISMISSED, null, actor, note)
                        : Mono.error(new IllegalTransition("proposal-decided", p.status(), ProposalStatus.DISMISSED)))
                .as(tx::transactional);
    }

    public Mono<Meeting> createMeeting(LocalDate heldOn, String title, List<String> participants, String actor) {
        UUID id = UUID.randomUUID();
        // Only enabled partner accounts take part: a participant sees the meeting's cases, so a
        // mistyped or disabled name must not silently become an invitation.
        Mono<Void> check = participants.isEmpty() ? Mono.empty()
                : repository.notEnabledPartners(participants).collectList().flatMap(wrong -> wrong.isEmpty()
                        ? Mono.<Void>empty()
                        : Mono.error(new NotPartners(wrong)));
        return check.then(repository.insertMeeting(id, heldOn, title, actor))
                .thenMany(Flux.fromIterable(participants).concatMap(u -> repository.addParticipant(id, u)))
                .then(repository.meeting(id))
                .map(Escalations::meeting)
                .as(tx::transactional);
    }

    /** Meetings a user may see: all for coordinators, their own for partners. */
    public Mono<List<Meeting>> meetings(String username, boolean coordinator) {
        return (coordinator ? repository.meetings() : repository.meetingsOf(username)).map(Escalations::meeting)
                .collectList();
    }

    /**
     * Puts a proposed problem on a meeting's agenda: an escalation case holding the problem's
     * reports (created once; a later meeting can take the same case again).
     */
    public Mono<AgendaItem> putOnAgenda(UUID meetingId, UUID proposalId, String actor) {
        return repository.meeting(meetingId).switchIfEmpty(Mono.error(NotFound::new))
                .then(repository.lockProposal(proposalId)).switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(p -> {
                    if (!p.status().canMoveTo(ProposalStatus.ON_AGENDA)) {
                        return Mono.error(new IllegalTransition("proposal-decided", p.status(),
                                ProposalStatus.ON_AGENDA));
                    }
                    Mono<UUID> caseId = p.caseId() != null ? Mono.just(p.caseId()) : openEscalation(p.clusterId());
                    return caseId.flatMap(id -> repository.putOnAgenda(meetingId, id)
                            .then(repository.decide(p.id(), ProposalStatus.ON_AGENDA, id, actor, null))
                            .thenReturn(id));
                })
                .as(tx::transactional)
                .flatMap(id -> item(id, Asker.COORDINATOR));
    }

    private Mono<UUID> openEscalation(UUID clusterId) {
        UUID id = UUID.randomUUID();
        return Mono.zip(repository.category(clusterId), repository.street(clusterId).defaultIfEmpty(""))
                .flatMap(t -> repository.insertEscalationCase(id, t.getT1(), t.getT2().isEmpty() ? null : t.getT2(),
                        clusterId))
                .thenMany(repository.reportsOfCluster(clusterId))
                .concatMap(reportId -> repository.attach(id, reportId))
                .then(Mono.just(id));
    }

    /** A meeting's agenda; partners only for meetings they take part in. */
    public Mono<Agenda> agenda(UUID meetingId, String username, boolean coordinator) {
        return repository.meeting(meetingId)
                .filter(m -> coordinator || m.participants().contains(username.toLowerCase(java.util.Locale.ROOT)))
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(m -> asker(username, coordinator)
                        .flatMap(asker -> repository.agenda(m.id()).concatMap(id -> item(id, asker)).collectList())
                        .map(items -> new Agenda(meeting(m), items)));
    }

    /**
     * An action agreed in a meeting, for one agency. Its due date cannot lie before the meeting
     * (it was agreed there: {@link DueBeforeMeeting}); the case must be on that meeting's agenda
     * ({@code case-not-on-agenda}, also a foreign key since V20).
     */
    public Mono<Action> addAction(UUID meetingId, UUID caseId, String partner, String description, String owner,
            LocalDate dueOn, String actor) {
        UUID id = UUID.randomUUID();
        return repository.meeting(meetingId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(m -> dueOn.isBefore(m.heldOn()) ? Mono.error(new DueBeforeMeeting(m.heldOn()))
                        : repository.agenda(meetingId).any(caseId::equals))
                .flatMap(onAgenda -> onAgenda ? repository.insertAction(id, caseId, meetingId, partner, description,
                        owner, dueOn, actor) : Mono.error(new Refused("case-not-on-agenda")))
                .then(repository.action(id))
                .map(a -> action(a, Asker.COORDINATOR));
    }

    /**
     * An action done: by the coordinator, or by a partner account of the action's own agency that
     * takes part in the action's own meeting. A partner who sees the case through a meeting but
     * may not close this action is refused (403); one who does not see the case at all finds
     * nothing (404), as for the agenda.
     */
    public Mono<Action> actionDone(UUID actionId, String note, String username, boolean coordinator) {
        return repository.lockAction(actionId)
                .switchIfEmpty(Mono.error(NotFound::new))
                .flatMap(a -> (coordinator ? Mono.just(true) : repository.partnerMayClose(a.id(), username))
                        .flatMap(allowed -> {
                            if (!allowed) {
                                return repository.partnerSees(a.caseId(), username)
                                        .flatMap(sees -> Mono.error(sees ? new NotPermitted("not-your-action")
                                                : new NotFound()));
                            }
                            if (!a.status().canMoveTo(ActionStatus.DONE)) {
                                return Mono.error(new IllegalTransition("action-done", a.status(), ActionStatus.DONE));
                            }
                            return repository.actionDone(a.id(), note);
                        }))
                .as(tx::transactional)
                .then(asker(username, coordinator))
                .flatMap(asker -> repository.action(actionId).map(a -> action(a, asker)));
    }

    private Mono<Asker> asker(String username, boolean coordinator) {
        if (coordinator) {
            return Mono.just(Asker.COORDINATOR);
        }
        return Mono.zip(repository.agencyOf(username).defaultIfEmpty(""),
                repository.meetingIdsOf(username).collectList())
                .map(t -> new Asker(false, t.getT1(), t.getT2()));
    }

    private Mono<AgendaItem> item(UUID caseId, Asker asker) {
        return repository.caseLine(caseId).flatMap(c -> Mono.zip(summary(c.clusterId()),
                repository.actions(c.id()).map(a -> action(a, asker)).collectList())
                .map(t -> new AgendaItem(c.id(), c.number(), c.status(), t.getT1(), t.getT2())));
    }

    private Mono<Proposal> proposal(EscalationRepository.ProposalRow p) {
        Mono<java.util.Optional<Integer>> number = p.caseId() == null ? Mono.just(java.util.Optional.empty())
                : repository.caseLine(p.caseId()).map(c -> java.util.Optional.of(c.number()))
                        .defaultIfEmpty(java.util.Optional.empty());
        return Mono.zip(summary(p.clusterId()), number).map(t -> new Proposal(p.id(), p.rule(), p.reason(), p.status(),
                t.getT2().orElse(null), p.caseId(), p.proposedAt(), p.decidedBy(), t.getT1()));
    }

    Mono<Summary> summary(UUID clusterId) {
        if (clusterId == null) {
            return Mono.just(new Summary(null, null, 0, 0, 0, List.of(), List.of(), List.of()));
        }
        Mono<List<Count>> categories = repository.categories(clusterId)
                .map(c -> new Count(c.key(), c.count())).collectList();
        Mono<List<Count>> weeks = repository.perWeek(clusterId).map(c -> new Count(c.key(), c.count())).collectList();
        Mono<List<Done>> done = repository.casesAbout(clusterId).concatMap(repository::caseLine)
                .filter(c -> c.type() != CaseType.ESCALATION)
                .map(c -> new Done(c.type().name(), c.number(), c.status(), c.outcome(), c.createdAt(), c.closedAt()))
                .collectList();
        return Mono.zip(repository.address(clusterId).defaultIfEmpty(""), repository.category(clusterId),
                repository.households(clusterId), categories, weeks, done, repository.anonymousReports(clusterId))
                .map(t -> new Summary(t.getT1().isEmpty() ? null : t.getT1(), t.getT2(),
                        t.getT4().stream().mapToLong(Count::count).sum(), t.getT3(), t.getT7(), t.getT4(), t.getT5(),
                        t.getT6()));
    }

    private static Meeting meeting(EscalationRepository.MeetingRow m) {
        return new Meeting(m.id(), m.heldOn(), m.title(), m.participants());
    }

    private Action action(EscalationRepository.ActionRow a, Asker asker) {
        boolean overdue = a.status() == ActionStatus.OPEN && a.dueOn().isBefore(LocalDate.now(clock));
        return new Action(a.id(), a.meetingId(), a.partner(), a.description(), a.owner(), a.dueOn(), a.status(),
                overdue, a.doneAt(), a.doneNote(), asker.mayClose(a));
    }
}
