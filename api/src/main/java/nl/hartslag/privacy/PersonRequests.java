package nl.hartslag.privacy;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.audit.AuditEntry;
import nl.hartslag.audit.AuditTrail;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.domain.Refused;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A person's formal request (AVG articles 15 and 17), handled by a coordinator: find everything held
 * about one phone number or e-mail address, export it, erase it. Each step is an audit entry about the
 * person, with the lookup hash as subject, never the number or address. Erasing a report's contact
 * goes through the resident's own erasure (history line, outbox, households recounted); refused as a
 * whole while an open mediation needs the data, as the resident's erasure is.
 */
@Service
public class PersonRequests {

    private static final Logger log = LoggerFactory.getLogger(PersonRequests.class);

    private final PersonLookup lookup;
    private final PersonalData personalData;
    private final ReportService reports;
    private final AuditTrail audit;
    private final TransactionalOperator tx;

    PersonRequests(PersonLookup lookup, PersonalData personalData, ReportService reports, AuditTrail audit,
            TransactionalOperator tx) {
        this.lookup = lookup;
        this.personalData = personalData;
        this.reports = reports;
        this.audit = audit;
        this.tx = tx;
    }

    /** A phone number in E.164. */
    public Person byPhone(String e164) {
        return new Person(Person.Kind.PHONE, personalData.phoneLookup(e164));
    }

    /** An e-mail address (compared without regard to case). */
    public Person byEmail(String email) {
        String lower = email.strip().toLowerCase(Locale.ROOT);
        return new Person(Person.Kind.EMAIL, personalData.emailLookup(lower));
    }

    /** What is held, without the values: where it is, and which kinds. */
    public record Found(String subject, List<ReportFound> reports, List<PartyFound> cases,
            List<VolunteerFound> volunteers, long notifications, long conversations, boolean optedOut) {

        public boolean any() {
            return !reports.isEmpty() || !cases.isEmpty() || !volunteers.isEmpty() || notifications > 0
                    || conversations > 0 || optedOut;
        }
    }

    public record ReportFound(String reference, String status, String category, List<String> fields,
            boolean inOpenMediation) {
    }

    public record PartyFound(String caseId, int caseNumber, String caseStatus, String role) {
    }

    public record VolunteerFound(String id, boolean active) {
    }

    /** Everything held, with the values: the export a person receives. */
    public record Export(String subject, List<ReportExport> reports, List<PartyExport> cases,
            List<VolunteerExport> volunteers, long notifications, long conversations, boolean optedOut) {
    }

    public record ReportExport(String reference, String receivedAt, String status, String category, String name,
            String phone, String email, String homeStreet, String homeHouseNumber) {
    }

    public record PartyExport(String caseId, int caseNumber, String caseStatus, String role, String name,
            String phone, String address, String street) {
    }

    public record VolunteerExport(String id, String name, String phone, String street, boolean active) {
    }

    /** What an erasure did; {@code volunteersKept}: a volunteer's record stays (see docs/privacy-requests.md). */
    public record Erased(String subject, List<String> reports, List<String> cases, long notifications,
            long conversations, int volunteersKept, boolean optOutKept) {
    }

    public Mono<Found> find(Person person, Principal who) {
        return collect(person).flatMap(all -> {
            Found found = new Found(person.hash(),
                    all.reports().stream().map(r -> new ReportFound(r.reference(), r.status(), r.category(),
                            PersonLookup.fields(r), r.inOpenMediation())).toList(),
                    all.parties().stream().map(p -> new PartyFound(p.caseId().toString(), p.caseNumber(),
                            p.caseStatus(), p.role())).toList(),
                    all.volunteers().stream().map(v -> new VolunteerFound(v.id().toString(), v.active())).toList(),
                    all.other().notifications(), all.other().conversations(), all.other().optedOut());
            return audit.record(who, "person", person.hash(), kinds(all), "view").thenReturn(found);
        });
    }

    public Mono<Export> export(Person person, Principal who) {
        return collect(person).flatMap(all -> audit.record(who, "person", person.hash(), kinds(all), "export")
                .thenReturn(new Export(person.hash(),
                        all.reports().stream().map(r -> new ReportExport(r.reference(), r.receivedAt().toString(),
                                r.status(), r.category(), r.name(), r.phone(), r.email(), r.homeStreet(),
                                r.homeHouseNumber())).toList(),
                        all.parties().stream().map(p -> new PartyExport(p.caseId().toString(), p.caseNumber(),
                                p.caseStatus(), p.role(), p.name(), p.phone(), p.address(), p.street())).toList(),
                        all.volunteers().stream().map(v -> new VolunteerExport(v.id().toString(), v.name(), v.phone(),
                                v.street(), v.active())).toList(),
                        all.other().notifications(), all.other().conversations(), all.other().optedOut())));
    }

    /**
     * Erases what is held about the person: each report's contact (the resident's erasure), their record
     * as a party of a closed mediation, the addresses of messages to them, unfinished texts and calls.
     * Refused ({@code person-in-open-mediation}) before anything changes while a mediation that needs the
     * data is open. Idempotent: a second call finds nothing and erases nothing.
     */
    public Mono<Erased> erase(Person person, Principal who) {
        String actor = "staff:" + who.getName();
        return collect(person).flatMap(all -> {
            boolean open = all.reports().stream().anyMatch(PersonLookup.ReportHeld::inOpenMediation)
                    || all.parties().stream().anyMatch(p -> !"CLOSED".equals(p.caseStatus()));
            if (open) {
                return Mono.error(new Refused("person-in-open-mediation"));
            }
            Mono<List<String>> erasedReports = Flux.fromIterable(all.reports())
                    .concatMap(r -> reports.erasePersonalDataFor(new Reference(r.reference()), actor,
                            fields -> new AuditEntry(who.getName(), "COORDINATOR", "report", null, fields, "erase"))
                            .thenReturn(r.reference()))
                    .collectList();
            Mono<List<String>> erasedCases = Flux.fromIterable(all.parties())
                    .concatMap(p -> lookup.erasePartyOfClosedCase(p.caseId(), p.role())
                            .filter(n -> n > 0)
                            .flatMap(n -> audit.record(who, "case", p.caseId().toString(), List.of(p.role() + ".party"),
                                    "erase"))
                            .thenReturn(p.caseId().toString())
                            .as(tx::transactional))
                    .distinct().collectList();
            Mono<long[]> rest = lookup.forgetRecipient(person).zipWith(lookup.forgetConversations(person),
                    (n, c) -> new long[] {n, c});
            return erasedReports.zipWith(erasedCases).zipWith(rest)
                    .flatMap(t -> {
                        Erased erased = new Erased(person.hash(), t.getT1().getT1(), t.getT1().getT2(), t.getT2()[0],
                                t.getT2()[1], all.volunteers().size(), all.other().optedOut());
                        return audit.record(who, "person", person.hash(), kinds(all), "erase").thenReturn(erased);
                    })
                    .doOnNext(erased -> log.info("Formal request: erased {} reports' contact, {} parties, {} message"
                            + " addresses, {} conversations for person {}", erased.reports().size(),
                            erased.cases().size(), erased.notifications(), erased.conversations(), person.hash()));
        });
    }

    private record All(List<PersonLookup.ReportHeld> reports, List<PersonLookup.PartyHeld> parties,
            List<PersonLookup.VolunteerHeld> volunteers, PersonLookup.OtherHeld other) {
    }

    private Mono<All> collect(Person person) {
        return Mono.zip(lookup.reports(person).collectList(), lookup.parties(person).collectList(),
                lookup.volunteers(person).collectList(), lookup.other(person))
                .map(t -> new All(t.getT1(), t.getT2(), t.getT3(), t.getT4()));
    }

    /** The kinds of data found, for the audit entry (never values). */
    private static List<String> kinds(All all) {
        List<String> kinds = new ArrayList<>();
        if (!all.reports().isEmpty()) {
            kinds.add("reporter_contact");
        }
        if (!all.parties().isEmpty()) {
            kinds.add("case_party");
        }
        if (!all.volunteers().isEmpty()) {
            kinds.add("volunteer");
        }
        if (all.other().notifications() > 0) {
            kinds.add("notification_recipient");
        }
        if (all.other().conversations() > 0) {
            kinds.add("conversation");
        }
        if (all.other().optedOut()) {
            kinds.add("sms_opt_out");
        }
        if (kinds.isEmpty()) {
            kinds.add("nothing");
        }
        return kinds;
    }
}
