package nl.hartslag.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.ConnectionFactory;
import nl.hartslag.cluster.ClusterDesk.Change;
import nl.hartslag.cluster.DeskRepository.ChangeRow;
import nl.hartslag.cluster.DeskRepository.CountsRow;
import nl.hartslag.db.listen.ChannelListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Changes of clusters as they are committed, on any instance, for the coordinators' live desk.
 * Woken by PostgreSQL ({@code LISTEN hartslag_cluster}: the journal of decisions and corrections;
 * {@code LISTEN hartslag_desk}: a case or escalation of a problem changed, see V19), it reads what
 * came after its position, so a lost or coalesced notification loses nothing while connected (and a
 * reconnection reads what was missed). One pair of listening connections per instance, shared by
 * every open stream.
 */
@Component
public class ClusterChanges {

    private static final Logger log = LoggerFactory.getLogger(ClusterChanges.class);
    static final String DESK_CHANNEL = "hartslag_desk";
    /** Journal numbers are multiplied by this to number a row's events (a split changes two clusters). */
    static final int EVENTS_PER_ROW = 10;

    private final ClusterDesk desk;
    private final ConnectionFactory connections;
    /** Hot: a stream sees what is committed after it subscribed; a slow stream misses events, never holds others up. */
    private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;
    /** What was last sent of a problem (status and instrument), for the most recently changed problems. */
    private final Map<UUID, String> lastShown = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, String> eldest) {
                    return size() > 10_000;
                }
            });

    ClusterChanges(ClusterDesk desk, ConnectionFactory connections) {
        this.desk = desk;
        this.connections = connections;
    }

    /**
     * Listens from the start on, not only while a page is open: a stream then never waits for
     * its connection, and a change committed after a page subscribed always reaches it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long[] at = { -1, -1 };
        listening = Mono.defer(desk::positions)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
                .doOnNext(p -> {
                    at[0] = p[0];
                    at[1] = p[1];
                })
                .thenMany(Flux.merge(ChannelListener.listen(connections, ClusterRepository.CHANNEL),
                        ChannelListener.listen(connections, DESK_CHANNEL)))
                // One read at a time; wake-ups that come meanwhile are coalesced by the listener.
                .concatMap(wake -> readAfter(at).onErrorResume(e -> {
                    log.warn("Reading cluster changes for the live desk failed; the next change retries: {}",
                            e.toString());
                    return Flux.empty();
                }), 1)
                .subscribe(change -> sink.tryEmitNext(change),
                        e -> log.warn("The live desk hears no more changes: {}", e.getMessage()));
    }

    /** Every change committed from now on (on any instance); completes when the application stops. */
    public Flux<Change> changes() {
        return sink.asFlux();
    }

    /** Open streams end before the web server's graceful shutdown waits for them. */
    @EventListener(ContextClosedEvent.class)
    void stop() {
        Disposable l = listening;
        if (l != null) {
            l.dispose();
        }
        sink.tryEmitComplete();
    }

    private Flux<Change> readAfter(long[] at) {
        return Mono.zip(desk.journalAfter(at[0]).collectList(), desk.statusAfter(at[1]).collectList())
                .flatMapMany(rows -> {
                    List<Pending> pending = new ArrayList<>();
                    for (ChangeRow row : rows.getT1()) {
                        at[0] = Math.max(at[0], row.seq());
                        pending.addAll(events(row));
                    }
                    for (ChangeRow row : rows.getT2()) {
                        at[1] = Math.max(at[1], row.seq());
                        pending.add(new Pending(row.seq() * EVENTS_PER_ROW, row.toCluster(), "status", null));
                    }
                    if (pending.isEmpty()) {
                        return Flux.empty();
                    }
                    pending.sort(java.util.Comparator.comparingLong(Pending::id));
                    List<UUID> ids = pending.stream().map(Pending::clusterId).distinct().toList();
                    return desk.counts(ids).collectMap(CountsRow::id, Function.identity())
                            .flatMapIterable(counts -> changes(pending, counts));
                });
    }

    /**
     * The events to send. One piece of case work writes several rows (a work order, its reports, the
     * routing), each waking the desk: a "status" event is only sent when the problem's status or
     * instrument differs from what was last sent for it.
     */
    private List<Change> changes(List<Pending> pending, Map<UUID, CountsRow> counts) {
        List<Change> changes = new ArrayList<>();
        for (Pending p : pending) {
            CountsRow c = counts.get(p.clusterId());
            if (c == null) {
                continue;
            }
            String shown = c.deskStatus() + "|" + c.instrumentType();
            String before = lastShown.put(p.clusterId(), shown);
            if ("status".equals(p.change()) && shown.equals(before)) {
                continue;
            }
            changes.add(new Change(p.id(), p.clusterId(), p.change(), c.reports(), c.households(),
                    c.anonymousReports(), c.lastReportAt(), c.deskStatus(), p.other()));
        }
        return changes;
    }

    /** A change before its counts are read. */
    private record Pending(long id, UUID clusterId, String change, UUID other) {
    }

    /** The clusters a journal row changed, each with what happened to it. */
    private static List<Pending> events(ChangeRow row) {
        long id = row.seq() * EVENTS_PER_ROW;
        return switch (row.kind()) {
            case "MATCH" -> List.of(new Pending(id, row.toCluster(), "report", null));
            case "SPLIT", "MOVE" -> List.of(new Pending(id, row.fromCluster(), "split", row.toCluster()),
                    new Pending(id + 1, row.toCluster(), "report", row.fromCluster()));
            case "MERGE" -> List.of(new Pending(id, row.toCluster(), "merge", row.fromCluster()),
                    new Pending(id + 1, row.fromCluster(), "closed", row.toCluster()));
            case "APART" -> List.of(new Pending(id, row.fromCluster(), "apart", row.toCluster()),
                    new Pending(id + 1, row.toCluster(), "apart", row.fromCluster()));
            default -> List.of();
        };
    }
}
