package nl.hartslag.outreach;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.audit.AuditTrail;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.report.Channel;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportFacts;
import nl.hartslag.report.ReportService;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of {@code outreach_visit}: door-to-door visits, with or without a report coming out
 * of them, so the effort shows in the figures. The street is kept plain (what the figures count by);
 * the house number is the resident's home, sealed; {@code household_hash} (a keyed lookup hash of
 * street and number) is what makes the visit a verified household without keeping the address readable.
 */
@Service
public class Visits {

    /** Topics beside the category codes: a general chat, and a visit about staying in touch. */
    public static final List<String> EXTRA_TOPICS = List.of("general", "contact");

    private static final Logger log = LoggerFactory.getLogger(Visits.class);

    private final DatabaseClient db;
    private final PersonalData sealed;
    private final ReportService reports;
    private final CategoryCatalog categories;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    Visits(DatabaseClient db, PersonalData sealed, ReportService reports, CategoryCatalog categories,
            AuditTrail audit, TransactionalOperator tx) {
        this.db = db;
        this.sealed = sealed;
        this.reports = reports;
        this.categories = categories;
        this.audit = audit;
        this.tx = tx;
    }

    /** The topic codes a visit may name: every category code, then {@link #EXTRA_TOPICS}. */
    public Mono<List<String>> topics() {
        return categories.all().map(known -> {
            List<String> codes = new ArrayList<>(known.keySet());
            codes.removeAll(EXTRA_TOPICS);
            codes.addAll(EXTRA_TOPICS);
            return List.copyOf(codes);
        });
    }

    /**
     * The lookup hash of a household's address, as the figures count verified households:
     * {@code lookup("address", lower(street) + " " + lower(number))}.
     */
    public String householdHash(String street, String houseNumber) {
        return sealed.lookup("address", street.toLowerCase(Locale.ROOT) + " " + houseNumber.toLowerCase(Locale.ROOT));
    }

    /**
     * Records a visit by {@code worker}. A report named with it must be an outreach report of the same
     * address (a visit cannot claim somebody else's report); otherwise a violation on {@code report}.
     */
    public Mono<Visit> record(NewVisit visit, String worker) {
        UUID id = UUID.randomUUID();
        Mono<UUID> reportId = visit.report().map(ref -> reports.facts(ref)
                .switchIfEmpty(Mono.error(() -> new InvalidRequestException(
                        Violation.of("report", "validation.outreach.report.unknown", ref.value()))))
                .flatMap(facts -> checked(facts, visit))).orElse(Mono.empty());
        return reportId.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(report -> db.sql("""
                        insert into outreach_visit (id, visited_on, street, house_number_sealed, household_hash,
                            neighbourhood, topics, follow_up, report_id, worker)
                        values (:id, :visitedOn, :street, :number, :household, :neighbourhood, :topics, :followUp,
                            :report, :worker)
                        """)
                        .bind("id", id).bind("visitedOn", visit.visitedOn()).bind("street", visit.street())
                        .bind("number", sealed.seal(visit.houseNumber()))
                        .bind("household", householdHash(visit.street(), visit.houseNumber()))
                        .bind("neighbourhood", org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                visit.neighbourhood(), String.class))
                        .bind("topics", visit.topics().toArray(String[]::new)).bind("followUp", visit.followUp())
                        .bind("report", org.springframework.r2dbc.core.Parameter.fromOrEmpty(report.orElse(null),
                                UUID.class))
                        .bind("worker", worker).then())
                .as(tx::transactional)
                .then(find(id, true))
                .doOnNext(v -> log.info("Outreach visit {} on {} recorded by {}{}", v.id(), v.visitedOn(), worker,
                        v.report() == null ? "" : " with report " + v.report().value()));
    }

    private static Mono<UUID> checked(ReportFacts facts, NewVisit visit) {
        if (facts.channel() != Channel.OUTREACH) {
            return Mono.error(new InvalidRequestException(
                    Violation.of("report", "validation.outreach.report.not-outreach", facts.reference().value())));
        }
        if (!visit.street().equalsIgnoreCase(String.valueOf(facts.street()))
                || !visit.houseNumber().equalsIgnoreCase(String.valueOf(facts.houseNumber()))) {
            return Mono.error(new InvalidRequestException(
                    Violation.of("report", "validation.outreach.report.other-address", facts.reference().value())));
        }
        return Mono.just(facts.id());
    }

    private Mono<Visit> find(UUID id, boolean withHouseNumber) {
        return db.sql(SELECT + " where v.id = :id").bind("id", id).map((row, meta) -> visit(row, withHouseNumber))
                .one();
    }

    /** Which visits a list shows, and whether with house numbers. */
    public enum Scope {
        /** The worker's own visits, with their house numbers (they were at the door). */
        OWN,
        /** Everyone's visits, without house numbers (a coordinator's overview). */
        ALL,
        /** Everyone's visits with house numbers, each look recorded in the audit trail (a coordinator's need). */
        ALL_AUDITED
    }

    /** At most this many visits in one list. */
    public static final int LIST_MAX = 500;

    /**
     * Visits from {@code from} to {@code to} (both included), newest first; {@link Scope#OWN} only those
     * of {@code who}. With {@link Scope#ALL_AUDITED} every house number shown is recorded first (subject
     * {@code person}, the household's lookup hash, never the address): fail closed.
     */
    public Flux<Visit> list(LocalDate from, LocalDate to, Scope scope, Principal who) {
        String sql = SELECT + " where v.visited_on between :from and :to"
                + (scope == Scope.OWN ? " and v.worker = :worker" : "")
                + " order by v.visited_on desc, v.recorded_at desc limit " + LIST_MAX;
        var spec = db.sql(sql).bind("from", from).bind("to", to);
        if (scope == Scope.OWN) {
            spec = spec.bind("worker", who.getName());
        }
        boolean numbers = scope != Scope.ALL;
        Flux<Row> rows = spec.map((row, meta) -> new Row(visit(row, numbers), row.get("household_hash", String.class)))
                .all();
        if (scope != Scope.ALL_AUDITED) {
            return rows.map(Row::visit);
        }
        return rows.concatMap(r -> r.household() == null ? Mono.just(r.visit())
                : audit.record(who, "person", r.household(), List.of("outreach-visit.house-number"), "view")
                        .thenReturn(r.visit()));
    }

    private record Row(Visit visit, String household) {
    }

    private static final String SELECT = """
            select v.id, v.visited_on, v.street, v.house_number_sealed, v.household_hash, v.neighbourhood, v.topics,
                   v.follow_up, r.reference, v.worker, v.recorded_at
            from outreach_visit v left join report r on r.id = v.report_id""";

    private Visit visit(io.r2dbc.spi.Row row, boolean withHouseNumber) {
        String[] topics = row.get("topics", String[].class);
        String number = row.get("house_number_sealed", String.class);
        String reference = row.get("reference", String.class);
        return new Visit(row.get("id", UUID.class), row.get("visited_on", LocalDate.class),
                row.get("street", String.class), withHouseNumber && number != null ? sealed.open(number) : null,
                row.get("neighbourhood", String.class), topics == null ? List.of() : List.of(topics),
                Boolean.TRUE.equals(row.get("follow_up", Boolean.class)),
                reference == null ? null : Reference.parse(reference).orElse(null), row.get("worker", String.class),
                row.get("recorded_at", java.time.OffsetDateTime.class).toInstant());
    }
}
