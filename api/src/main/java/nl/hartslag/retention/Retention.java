package nl.hartslag.retention;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.audit.AuditEntry;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.domain.Refused;
import nl.hartslag.place.Places;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The retention rules, applied as of a given moment (the job passes the clock's now; tests move it).
 * Each rule works in batches of {@link RetentionSettings#batch()}, one transaction per record, and
 * selects only what is still due, so a run after a run (or after a crash halfway) finds nothing left to
 * do for what was done. Logs counts only, never what was erased.
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final String ACTOR = "retention";
    private static final int DESCRIPTION_MAX = 4000;

    /** What a run changed, or what is due (counts only). */
    public record Counts(long reporterContacts, long mediationCases, long reportTexts, long auditEntries) {

        public long total() {
            return reporterContacts + mediationCases + reportTexts + auditEntries;
        }
    }

    private final RetentionSettings settings;
    private final RetentionRepository repository;
    private final ReportService reports;
    private final AuditTrail audit;
    private final TransactionalOperator tx;
    private final Places places;

    Retention(RetentionSettings settings, RetentionRepository repository, ReportService reports, AuditTrail audit,
            TransactionalOperator tx, Places places) {
        this.settings = settings;
        this.repository = repository;
        this.reports = reports;
        this.audit = audit;
        this.tx = tx;
        this.places = places;
    }

    public RetentionSettings settings() {
        return settings;
    }

    /** What would go if the job ran at {@code now}. */
    public Mono<Counts> due(Instant now) {
        return Mono.zip(repository.countContactsDue(RetentionSettings.before(now, settings.reporterContact())),
                repository.countCasesDue(RetentionSettings.before(now, settings.mediationParties())),
                repository.countTextsDue(RetentionSettings.before(now, settings.reportTexts())),
                repository.countAuditEntriesDue(RetentionSettings.before(now, settings.auditEntries())))
                .map(t -> new Counts(t.getT1(), t.getT2(), t.getT3(), t.getT4()));
    }

    /** Applies every rule as of {@code now}; emits what changed. */
    public Mono<Counts> run(Instant now) {
        return contacts(RetentionSettings.before(now, settings.reporterContact()))
                .zipWith(parties(RetentionSettings.before(now, settings.mediationParties())))
                .zipWhen(t -> texts(RetentionSettings.before(now, settings.reportTexts())))
                .zipWhen(t -> auditEntries(RetentionSettings.before(now, settings.auditEntries())))
                .map(t -> new Counts(t.getT1().getT1().getT1(), t.getT1().getT1().getT2(), t.getT1().getT2(),
                        t.getT2()))
                .doOnNext(counts -> log.info("Retention: {} reporters' contact data erased, {} mediations' parties"
                        + " and notes erased, {} report texts pseudonymised, {} audit entries removed",
                        counts.reporterContacts(), counts.mediationCases(), counts.reportTexts(), counts.auditEntries()));
    }

    /** Runs {@code batch} again while a full batch came back and it changed something. */
    private Mono<Long> batches(Function<Integer, Mono<long[]>> batch) {
        int size = settings.batch();
        return batch.apply(size)
                .expand(done -> done[0] == size && done[1] > 0 ? batch.apply(size) : Mono.empty())
                .map(done -> done[1]).reduce(0L, Long::sum);
    }

    /** {@code [seen, changed]} of one batch. */
    private static Mono<long[]> tally(Flux<Boolean> changes) {
        return changes.reduce(new long[2], (acc, changed) -> new long[] {acc[0] + 1, acc[1] + (changed ? 1 : 0)});
    }

    private Mono<Long> contacts(Instant cutoff) {
        Function<List<String>, AuditEntry> entry = fields -> new AuditEntry(ACTOR, "SYSTEM", "report", null, fields,
                "retention");
        return batches(size -> tally(repository.contactsDue(cutoff, size)
                .concatMap(reference -> reports.erasePersonalDataFor(new Reference(reference), "system:retention", entry)
                        .map(data -> data.erased())
                        // A mediation opened since the selection: its turn comes when it closes.
                        .onErrorResume(Refused.class, e -> Mono.just(false))
                        .defaultIfEmpty(false))));
    }

    private Mono<Long> parties(Instant cutoff) {
        return places.knownNames().map(Pseudonymiser::new).flatMap(pseudonymiser -> batches(size -> tally(
                repository.casesDue(cutoff, size).concatMap(caseId -> eraseParties(caseId, pseudonymiser)))));
    }

    /**
     * The parties' rows and the contact notes go; the referrer's description and the closing note (which
     * name the parties as often as not) are pseudonymised, in the same transaction.
     */
    private Mono<Boolean> eraseParties(UUID caseId, Pseudonymiser pseudonymiser) {
        return repository.eraseParties(caseId)
                .flatMap(erased -> repository.pseudonymiseCaseTexts(caseId, pseudonymiser::pseudonymise)
                        .thenReturn(erased))
                .flatMap(erased -> {
                    List<String> fields = new java.util.ArrayList<>();
                    if (erased.parties() > 0) {
                        fields.add("parties");
                    }
                    if (erased.notes() > 0) {
                        fields.add("contacts");
                    }
                    return fields.isEmpty() ? Mono.just(false)
                            : audit.record(new AuditEntry(ACTOR, "SYSTEM", "case", caseId.toString(), fields,
                                    "retention")).thenReturn(true);
                })
                .as(tx::transactional);
    }

    private Mono<Long> texts(Instant cutoff) {
        return places.knownNames().map(Pseudonymiser::new).flatMap(pseudonymiser -> texts(cutoff, pseudonymiser));
    }

    private Mono<Long> texts(Instant cutoff, Pseudonymiser pseudonymiser) {
        return batches(size -> tally(repository.textsDue(cutoff, size).concatMap(text -> {
            String pseudonymised = pseudonymiser.pseudonymise(text.description());
            if (pseudonymised.length() > DESCRIPTION_MAX) {
                pseudonymised = pseudonymised.substring(0, DESCRIPTION_MAX);
            }
            return repository.pseudonymise(text.id(), pseudonymised).map(n -> n > 0);
        })));
    }

    private Mono<Long> auditEntries(Instant cutoff) {
        int size = settings.batch();
        return repository.purgeAuditEntries(cutoff, size)
                .expand(n -> n == size ? repository.purgeAuditEntries(cutoff, size) : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
