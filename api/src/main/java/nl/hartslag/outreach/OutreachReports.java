package nl.hartslag.outreach;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.notification.Template;
import nl.hartslag.report.Channel;
import nl.hartslag.report.CoordinatorNotes;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportPersonalDataErased;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.Submission;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reports an outreach worker files on a resident's behalf. They go through the one report writer
 * ({@link ReportService}) like every other report, so matching, routing, the status page and the
 * resident's messages work as for the web form; the only thing added is the worker's own note, written
 * sealed in the report's transaction and shown to coordinators only (as a {@link CoordinatorNotes}).
 */
@Service
public class OutreachReports implements CoordinatorNotes {

    /** The audit trail's name for a look at the note. */
    public static final String NOTE_FIELD = "outreach-note";

    private static final Logger log = LoggerFactory.getLogger(OutreachReports.class);

    private final ReportService reports;
    private final DatabaseClient db;
    private final PersonalData sealed;

    OutreachReports(ReportService reports, DatabaseClient db, PersonalData sealed) {
        this.reports = reports;
        this.db = db;
        this.sealed = sealed;
    }

    /**
     * Stores the report (its channel must be {@link Channel#OUTREACH}) and, when there is one, the
     * worker's note in the same transaction. With an idempotency key, a retry from a phone that lost
     * its answer gets the first report back (and writes no second note).
     */
    public Mono<Submission> file(NewReport report, Optional<String> note, String worker,
            Optional<String> idempotencyKey, byte[] fingerprint) {
        if (report.channel() != Channel.OUTREACH) {
            return Mono.error(new IllegalArgumentException("not an outreach report: " + report.channel()));
        }
        return reports.submit(report, idempotencyKey, fingerprint, Template.REPORT_RECEIVED,
                id -> note.map(text -> insertNote(id, worker, text)).orElse(Mono.empty()))
                .doOnNext(s -> log.info("Outreach report {} filed by {}{}", s.reference(), worker,
                        note.isPresent() ? " with a note" : ""));
    }

    private Mono<Void> insertNote(UUID reportId, String worker, String text) {
        return db.sql("insert into outreach_note (report_id, worker, note_sealed) values (:id, :worker, :note)")
                .bind("id", reportId).bind("worker", worker).bind("note", sealed.seal(text)).then();
    }

    /** The worker's note, for the coordinator's report view only. */
    @Override
    public Flux<CoordinatorNote> about(Reference reference) {
        return db.sql("""
                select n.worker, n.note_sealed from outreach_note n join report r on r.id = n.report_id
                where r.reference = :reference
                """)
                .bind("reference", reference.value())
                .map(row -> new CoordinatorNote(NOTE_FIELD, row.get("worker", String.class),
                        sealed.open(row.get("note_sealed", String.class))))
                .all();
    }

    /**
     * When the reporter's personal data is erased (their own request, a coordinator's formal request,
     * retention), the note about their household goes with it.
     */
    @EventListener
    void erased(ReportPersonalDataErased erased) {
        db.sql("delete from outreach_note where report_id = :id").bind("id", erased.reportId()).fetch().rowsUpdated()
                .subscribe(n -> {
                    if (n > 0) {
                        log.info("Report {}: the outreach note erased with the reporter's data", erased.reference());
                    }
                }, e -> log.warn("Report {}: the outreach note could not be erased: {}", erased.reference(),
                        e.toString()));
    }
}
