package nl.hartslag.demo;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.casework.Outcome;
import nl.hartslag.db.crypto.PersonalData;
import nl.hartslag.demo.DemoPlan.PlannedReport;
import nl.hartslag.demo.DemoPlan.PlannedVisit;
import nl.hartslag.domain.Refused;
import nl.hartslag.escalation.Escalations;
import nl.hartslag.escalation.ProposalStatus;
import nl.hartslag.mediation.Cases;
import nl.hartslag.mediation.Conversation;
import nl.hartslag.mediation.Mediations;
import nl.hartslag.mediation.Volunteers;
import nl.hartslag.notification.Template;
import nl.hartslag.report.Feedback;
import nl.hartslag.report.NewReport;
import nl.hartslag.report.Reference;
import nl.hartslag.report.ReportService;
import nl.hartslag.report.ReportStatus;
import nl.hartslag.report.Submission;
import nl.hartslag.staff.Role;
import nl.hartslag.staff.StaffAccounts;
import nl.hartslag.workorder.WorkOrders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carries out a {@link DemoPlan} through the services a real half-year would have gone through: reports
 * by {@link ReportService} (contact data sealed by the normal path, matched and routed by the running
 * matching and routing), mediations by {@link Mediations}, work orders by {@link WorkOrders}, the case
 * meeting by {@link Escalations}. Each report is stored with its planned time in its own transaction, so
 * matching sees the half-year in order; what the services stamp with "now" afterwards (status history,
 * case steps, outbox rows) is moved back to the planned times at the end. Outreach visits (whose service
 * is another feature's) are written in SQL, sealed with {@link PersonalData} like the contract says.
 *
 * <p>A command, not a request path: it waits for each step ({@code block}).
 */
final class DemoSeeder {

    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    static final String WOP = "demo.wop";
    static final String PARTNER = "demo.politie";
    static final String OUTREACH = "demo.outreach";
    static final String VOLUNTEER_1 = "demo.bemiddelaar1";
    static final String VOLUNTEER_2 = "demo.bemiddelaar2";

    private final ApplicationContext context;
    private final DemoPlan plan;
    private final DatabaseClient db;
    private final Random story;

    /** A filed report: its id and reference, and the plan it came from. */
    private record Filed(UUID id, Reference reference, PlannedReport plan) {
    }

    private final Map<UUID, Filed> filed = new LinkedHashMap<>();
    /** When a report's first move out of "ontvangen" and its solving should appear to have happened. */
    private final Map<UUID, Instant> respondedAt = new HashMap<>();
    private final Map<UUID, Instant> resolvedAt = new HashMap<>();
    /** Case times: work orders under way / done, mediation offered / duo / closed. */
    private final Map<UUID, Instant> underwayAt = new HashMap<>();
    private final Map<UUID, Instant> closedAt = new HashMap<>();
    private final Map<UUID, Instant> offeredAt = new HashMap<>();

    DemoSeeder(ApplicationContext context, DemoPlan plan) {
        this.context = context;
        this.plan = plan;
        this.db = context.getBean(DatabaseClient.class);
        this.story = new Random(plan.seed() * 31 + 7);
    }

    long existingReports() {
        return count("select count(*) from report");
    }

    Summary seed() {
        long started = System.nanoTime();
        // The project's gazetteer, as the service reads it: streets and named places only from there.
        List<DemoPlan.StreetSegment> streets = db.sql("""
                select street, house_from, house_to, lat, lon, neighbourhood from street_segment
                 order by street, house_from, id
                """).map(row -> new DemoPlan.StreetSegment(row.get("street", String.class),
                row.get("house_from", Integer.class), row.get("house_to", Integer.class), row.get("lat", Double.class),
                row.get("lon", Double.class), row.get("neighbourhood", String.class))).all().collectList().block(STEP);
        List<DemoPlan.NamedPlace> places = db.sql("select name, lat, lon, neighbourhood from named_place order by name")
                .map(row -> new DemoPlan.NamedPlace(row.get("name", String.class), row.get("lat", Double.class),
                        row.get("lon", Double.class), row.get("neighbourhood", String.class), null))
                .all().collectList().block(STEP).stream()
                .map(p -> new DemoPlan.NamedPlace(p.name(), p.lat(), p.lon(), p.neighbourhood(),
                        nearest(streets, p.lat(), p.lon())))
                .toList();
        List<PlannedReport> reports = plan.reports(streets, places);
        String password = password();
        List<String> accounts = accounts(password);
        Map<String, UUID> volunteers = volunteers();

        phase("staff", started);
        fileReports(reports);
        phase("reports", started);
        mediations(volunteers);
        phase("mediations", started);
        workOrders();
        phase("work orders", started);
        triage();
        feedback();
        phase("triage and feedback", started);
        String meeting = caseMeeting();
        visits(reports);
        phase("meeting and visits", started);
        backdate();
        settleNotifications();
        phase("times and outbox", started);
        return new Summary(counts(), accounts, password, meeting, (System.nanoTime() - started) / 1_000_000);
    }

    private long lastPhase;

    /** Where the time went, for whoever runs it with -Dhartslag.demo.timings=true. */
    private void phase(String name, long started) {
        long now = System.nanoTime();
        if (Boolean.getBoolean("hartslag.demo.timings")) {
            System.err.printf(Locale.ROOT, "demo: %-22s %6d ms%n", name,
                    (now - (lastPhase == 0 ? started : lastPhase)) / 1_000_000);
        }
        lastPhase = now;
    }

    // --- Staff --------------------------------------------------------------------------------------

    private List<String> accounts(String password) {
        StaffAccounts staff = context.getBean(StaffAccounts.class);
        record Account(String username, String name, Role role, String agency) {
        }
        List<Account> wanted = List.of(new Account(WOP, "Demo WOP-medewerker", Role.WOP, null),
                new Account(PARTNER, "Demo wijkagent", Role.PARTNER, "POLICE"),
                new Account(OUTREACH, "Demo outreachwerker", Role.OUTREACH, null),
                new Account(VOLUNTEER_1, "Demo bemiddelaar 1", Role.VOLUNTEER, null),
                new Account(VOLUNTEER_2, "Demo bemiddelaar 2", Role.VOLUNTEER, null));
        List<String> made = new ArrayList<>();
        for (Account a : wanted) {
            staff.create(a.username(), a.name(), password, EnumSet.of(a.role()), a.agency()).block(STEP);
            made.add(a.username() + " (" + a.role() + (a.agency() == null ? "" : ", " + a.agency()) + ")");
        }
        return made;
    }

    private Map<String, UUID> volunteers() {
        Volunteers registry = context.getBean(Volunteers.class);
        String[][] people = { { "Ans Demo-Vroomen", "Palmstraat", VOLUNTEER_1 },
                { "Hakim Demo-Bakkali", "Akerstraat-Noord", VOLUNTEER_2 }, { "Truus Demo-Lemmens", "Terweijerweg", null },
                { "Mark Demo-Houben", "Passartweg", null }, { "Ilona Demo-Smeets", "Eikstraat", null },
                { "Jos Demo-Wetzels", "Beukstraat", null } };
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (int i = 0; i < people.length; i++) {
            String phone = "+3162000" + String.format(Locale.ROOT, "%04d", 1000 + i * 37);
            Volunteers.Volunteer v = registry.register(people[i][0], phone, people[i][1], people[i][2], null, 3)
                    .block(STEP);
            ids.put(people[i][2] == null ? "v" + i : people[i][2], v.id());
        }
        return ids;
    }

    // --- Reports --------------------------------------------------------------------------------------

    /** Oldest first, a week at a time: matching and routing finish a week before the next one is filed. */
    private void fileReports(List<PlannedReport> reports) {
        ReportService service = context.getBean(ReportService.class);
        Instant weekEnd = null;
        for (PlannedReport p : reports) {
            if (p.channel() == null) {
                continue;
            }
            if (weekEnd == null || p.at().isAfter(weekEnd)) {
                long w = System.nanoTime();
                awaitMatchedAndRouted();
                waited += System.nanoTime() - w;
                weekEnd = p.at().plus(Duration.ofDays(7));
            }
            UUID[] id = new UUID[1];
            Submission s = service.submit(newReport(p), Optional.empty(), new byte[0], Template.REPORT_RECEIVED,
                    reportId -> {
                        id[0] = reportId;
                        return backdateReport(reportId, p);
                    }).block(STEP);
            filed.put(id[0], new Filed(id[0], s.reference(), p));
        }
        awaitMatchedAndRouted();
        if (Boolean.getBoolean("hartslag.demo.timings")) {
            System.err.println("demo: waited for matching and routing " + waited / 1_000_000 + " ms");
        }
    }

    private long waited;

    private static NewReport newReport(PlannedReport p) {
        Optional<NewReport.Contact> contact = Optional.empty();
        if (p.reporter() != null) {
            NewReport.Contact c = new NewReport.Contact(p.reporter().name(), p.reporter().phone(),
                    p.channel() == nl.hartslag.report.Channel.WEB ? p.reporter().email() : null);
            if (p.withHome()) {
                c = c.withHome(new NewReport.Home(p.reporter().street(), p.reporter().houseNumber()));
            }
            contact = Optional.of(c);
        }
        NewReport report = new NewReport(p.category(), p.text(), p.lat(), p.lon(), p.addressText(), p.street(),
                p.houseNumber(), null, contact, "nl", p.channel(), true, List.of(), null);
        return p.pin() ? report.withPin() : report;
    }

    /** In the report's own transaction, before matching sees it: the planned time of its arrival. */
    private Mono<Void> backdateReport(UUID reportId, PlannedReport p) {
        // Its history line (append-only) is moved with all the others at the end, in one transaction.
        Mono<Void> times = db.sql("update report set received_at = :at, updated_at = :at where id = :id")
                .bind("at", p.at()).bind("id", reportId).then();
        if (p.outreachNote() == null) {
            return times;
        }
        PersonalData personalData = context.getBean(PersonalData.class);
        return times.then(db.sql("insert into outreach_note (report_id, worker, note_sealed) values (:id, :w, :n)")
                .bind("id", reportId).bind("w", OUTREACH).bind("n", personalData.seal(p.outreachNote())).then());
    }

    /** Matching runs after each report's commit and routing after that: wait until both are done. */
    private void awaitMatchedAndRouted() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            long waiting = count("""
                    select count(*) from report r
                     where r.cluster_id is null
                        or not exists (select 1 from routing_decision d where d.report_id = r.id)
                    """);
            if (waiting == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(waiting + " reports were not matched and routed within " + SETTLE);
            }
            sleep(20);
        }
    }

    // --- Mediation ------------------------------------------------------------------------------------

    private void mediations(Map<String, UUID> volunteers) {
        Mediations mediations = context.getBean(Mediations.class);
        Cases cases = context.getBean(Cases.class);
        record Case(UUID id, int number, UUID reportId, Instant firstAt) {
        }
        List<Case> all = db.sql("""
                select c.id, c.number, r.id as report_id, r.received_at
                  from case_file c join case_report cr on cr.case_id = c.id join report r on r.id = cr.report_id
                 where c.type = 'MEDIATION' order by r.received_at, c.number
                """).map(row -> new Case(row.get("id", UUID.class), row.get("number", Integer.class),
                row.get("report_id", UUID.class), row.get("received_at", Instant.class))).all().collectList()
                .block(STEP);
        String coordinator = "staff:coordinator";
        for (Case c : all) {
            Filed f = filed.get(c.reportId());
            double days = Duration.between(c.firstAt(), plan.end()).toHours() / 24.0;
            if (f != null && f.plan().otherParty() != null) {
                DemoPlan.Resident b = f.plan().otherParty();
                cases.otherParty(c.id(), b.name(), b.phone(), b.street() + " " + b.houseNumber(), b.street())
                        .block(STEP);
            }
            if (days < 2) {
                continue; // still at intake
            }
            try {
                mediations.offer(c.id(), coordinator).block(STEP);
            } catch (Refused held) {
                if (!"case-held-for-review".equals(held.code())) {
                    continue; // nobody free: the coordinator sees it waiting
                }
                mediations.releaseHold(c.id(), coordinator).block(STEP);
                mediations.offer(c.id(), coordinator).block(STEP);
            }
            Instant offered = c.firstAt().plus(Duration.ofHours(20));
            offeredAt.put(c.id(), offered);
            respondedAt.put(c.reportId(), c.firstAt().plus(Duration.ofMinutes(3)));
            if (days < 5) {
                continue;
            }
            List<UUID> asked = db.sql("select volunteer_id from case_offer where case_id = :c and answer is null"
                    + " order by volunteer_id").bind("c", c.id()).map(row -> row.get("volunteer_id", UUID.class))
                    .all().collectList().block(STEP);
            // The demo's own mediators say yes first when they were asked, so their inboxes show cases.
            asked.sort(java.util.Comparator.comparing(v -> !volunteers.get(VOLUNTEER_1).equals(v)
                    && !volunteers.get(VOLUNTEER_2).equals(v)));
            List<UUID> duo = new ArrayList<>();
            for (UUID v : asked) {
                if (duo.size() == 2) {
                    break;
                }
                if (duo.isEmpty() && asked.size() > 2 && story.nextInt(4) == 0 && !isDemoMediator(v, volunteers)) {
                    mediations.answer(v, c.number(), false).block(STEP);
                    continue;
                }
                mediations.answer(v, c.number(), true).block(STEP);
                duo.add(v);
            }
            if (duo.size() < 2) {
                continue;
            }
            Instant talkA = c.firstAt().plus(Duration.ofDays(6 + story.nextInt(4)));
            Instant talkB = talkA.plus(Duration.ofDays(3 + story.nextInt(5)));
            Instant joint = talkB.plus(Duration.ofDays(7 + story.nextInt(7)));
            Instant close = joint.plus(Duration.ofDays(2 + story.nextInt(6)));
            int fate = story.nextInt(20);
            if (fate < 3 && days > 20) {
                Instant declined = c.firstAt().plus(Duration.ofDays(9));
                mediations.close(c.id(), Outcome.PARTY_DECLINED, DemoTexts.OUTCOME_NOTES.get("PARTY_DECLINED"),
                        Optional.empty(), coordinator).block(STEP);
                closedAt.put(c.id(), declined);
                resolvedAt.put(c.reportId(), declined);
                continue;
            }
            if (talkA.isAfter(plan.end())) {
                continue;
            }
            mediations.recordContact(c.id(), duo.get(0), Conversation.PARTY_A, talkA,
                    DemoTexts.pick(story, DemoTexts.CONTACT_NOTES)).block(STEP);
            if (talkB.isAfter(plan.end())) {
                continue;
            }
            mediations.recordContact(c.id(), duo.get(1), Conversation.PARTY_B, talkB,
                    DemoTexts.pick(story, DemoTexts.CONTACT_NOTES)).block(STEP);
            if (joint.isAfter(plan.end())) {
                continue;
            }
            mediations.recordContact(c.id(), duo.get(0), Conversation.JOINT, joint,
                    DemoTexts.pick(story, DemoTexts.CONTACT_NOTES)).block(STEP);
            if (close.isAfter(plan.end())) {
                continue;
            }
            Outcome outcome = fate < 12 ? Outcome.AGREEMENT : fate < 16 ? Outcome.PARTIAL : Outcome.NO_AGREEMENT;
            mediations.close(c.id(), outcome, DemoTexts.OUTCOME_NOTES.get(outcome.name()), Optional.of(duo.get(0)),
                    coordinator).block(STEP);
            closedAt.put(c.id(), close);
            resolvedAt.put(c.reportId(), close);
        }
    }

    private static boolean isDemoMediator(UUID v, Map<String, UUID> volunteers) {
        return v.equals(volunteers.get(VOLUNTEER_1)) || v.equals(volunteers.get(VOLUNTEER_2));
    }

    // --- Work orders -----------------------------------------------------------------------------------

    private void workOrders() {
        WorkOrders workOrders = context.getBean(WorkOrders.class);
        record Order(UUID id, Instant firstAt, Instant lastAt) {
        }
        List<Order> all = db.sql("""
                select c.id, min(r.received_at) as first_at, max(r.received_at) as last_at
                  from case_file c join case_report cr on cr.case_id = c.id join report r on r.id = cr.report_id
                 where c.type = 'WORK_ORDER' and c.status = 'OPEN'
                 group by c.id order by min(r.received_at), c.id
                """).map(row -> new Order(row.get("id", UUID.class), row.get("first_at", Instant.class),
                row.get("last_at", Instant.class))).all().collectList().block(STEP);
        String actor = "staff:" + WOP;
        for (Order o : all) {
            Instant underway = o.firstAt().plus(Duration.ofHours(4 + story.nextInt(40)));
            Instant done = o.lastAt().plus(Duration.ofHours(20 + story.nextInt(100)));
            if (underway.isAfter(plan.end())) {
                continue;
            }
            workOrders.underway(o.id(), actor).block(STEP);
            underwayAt.put(o.id(), underway);
            if (done.isAfter(plan.end()) || story.nextInt(12) == 0) {
                continue; // still with the team
            }
            workOrders.done(o.id(), DemoTexts.pick(story, DemoTexts.WORK_ORDER_DONE), null, actor).block(STEP);
            closedAt.put(o.id(), done);
            db.sql("select report_id from case_report where case_id = :c").bind("c", o.id())
                    .map(row -> row.get("report_id", UUID.class)).all()
                    .doOnNext(report -> resolvedAt.put(report, done)).then().block(STEP);
        }
    }

    // --- Reports the coordinator handles (triage, worries about a household) ------------------------

    private void triage() {
        ReportService reports = context.getBean(ReportService.class);
        List<UUID> waiting = db.sql("select id from report where status = 'RECEIVED' order by received_at, id")
                .map(row -> row.get("id", UUID.class)).all().collectList().block(STEP);
        String actor = "staff:coordinator";
        for (UUID id : waiting) {
            Filed f = filed.get(id);
            if (f == null) {
                continue;
            }
            Instant received = f.plan().at();
            Instant respond = received.plus(Duration.ofHours(3 + story.nextInt(70)));
            Instant resolve = respond.plus(Duration.ofHours(24 + story.nextInt(24 * 18)));
            if (respond.isAfter(plan.end())) {
                continue;
            }
            reports.changeStatus(f.reference(), ReportStatus.IN_PROGRESS, DemoTexts.pick(story,
                    DemoTexts.IN_PROGRESS_NOTES), actor).block(STEP);
            respondedAt.put(id, respond);
            if (resolve.isAfter(plan.end())) {
                continue;
            }
            boolean closed = story.nextInt(10) < 4;
            reports.changeStatus(f.reference(), closed ? ReportStatus.CLOSED : ReportStatus.RESOLVED,
                    DemoTexts.pick(story, closed ? DemoTexts.CLOSED_NOTES : DemoTexts.RESOLVED_NOTES), actor)
                    .block(STEP);
            resolvedAt.put(id, resolve);
        }
    }

    /** "Bent u tevreden?": some reporters who were asked by text answer it. */
    private void feedback() {
        ReportService reports = context.getBean(ReportService.class);
        List<UUID> asked = db.sql("""
                select id from report where status in ('RESOLVED', 'CLOSED') and satisfaction_asked_at is not null
                 order by received_at, id
                """).map(row -> row.get("id", UUID.class)).all().collectList().block(STEP);
        for (UUID id : asked) {
            Filed f = filed.get(id);
            if (f == null || story.nextInt(10) >= 4) {
                continue;
            }
            boolean satisfied = story.nextInt(10) < 7;
            String reason = DemoTexts.pick(story, satisfied ? DemoTexts.SATISFIED : DemoTexts.NOT_SATISFIED);
            reports.recordFeedback(f.reference(), satisfied, reason.isEmpty() ? null : reason, Feedback.Via.SMS)
                    .block(STEP);
        }
    }

    // --- The case meeting --------------------------------------------------------------------------------

    /** Puts the problem the rules proposed on a meeting's agenda, with actions agreed by the partners. */
    private String caseMeeting() {
        Escalations escalations = context.getBean(Escalations.class);
        escalations.check().block(STEP);
        List<Escalations.Proposal> proposals = escalations.proposals().block(STEP);
        Escalations.Proposal chosen = proposals.stream().filter(p -> p.status() == ProposalStatus.PROPOSED)
                .max(java.util.Comparator.comparingLong((Escalations.Proposal p) -> p.summary().reports())
                        .thenComparing(p -> p.id().toString()))
                .orElse(null);
        if (chosen == null) {
            return null;
        }
        // The proposal came when the rule's fifth report arrived; the meeting a few days after it.
        Instant proposed = db.sql("""
                select received_at from report where cluster_id = :c order by received_at offset 4 limit 1
                """).bind("c", clusterOf(chosen.id()))
                .map(row -> row.get("received_at", Instant.class)).one().defaultIfEmpty(plan.end()).block(STEP);
        LocalDate today = plan.end().atZone(DemoPlan.LOCAL).toLocalDate();
        LocalDate heldOn = proposed.atZone(DemoPlan.LOCAL).toLocalDate().plusDays(5);
        if (heldOn.isAfter(today)) {
            heldOn = today;
        }
        String coordinator = "staff:coordinator";
        Escalations.Meeting meeting = escalations.createMeeting(heldOn, "Casuïstiekoverleg Passart",
                List.of(PARTNER), coordinator).block(STEP);
        Escalations.AgendaItem item = escalations.putOnAgenda(meeting.id(), chosen.id(), coordinator).block(STEP);
        Escalations.Action patrol = escalations.addAction(meeting.id(), item.caseId(), "POLICE",
                "Extra surveillance in de avonduren, drie weken lang", "Wijkagent", heldOn.plusDays(21), coordinator)
                .block(STEP);
        escalations.addAction(meeting.id(), item.caseId(), "HOUSING",
                "Gesprek met de huurders van de betrokken woningen", "Woonconsulent", heldOn.plusDays(14), coordinator)
                .block(STEP);
        escalations.addAction(meeting.id(), item.caseId(), "ENFORCEMENT",
                "Verlichting en begroeiing ter plekke laten aanpassen", "Handhaving", heldOn.plusDays(28), coordinator)
                .block(STEP);
        if (!heldOn.plusDays(4).isAfter(today)) {
            escalations.actionDone(patrol.id(), "Eerste week extra gesurveilleerd; het was rustiger.", PARTNER, true)
                    .block(STEP);
        }
        db.sql("""
                update escalation_proposal set proposed_at = :proposed, decided_at = :decided where id = :p
                """).bind("proposed", proposed.plus(Duration.ofMinutes(5)))
                .bind("decided", min(heldOn.atTime(LocalTime.of(10, 30)).atZone(DemoPlan.LOCAL).toInstant(), plan.end()))
                .bind("p", chosen.id()).then().block(STEP);
        db.sql("update meeting set created_at = :at where id = :m")
                .bind("at", min(proposed.plus(Duration.ofDays(1)), plan.end())).bind("m", meeting.id()).then()
                .block(STEP);
        Instant during = min(heldOn.atTime(LocalTime.of(10, 45)).atZone(DemoPlan.LOCAL).toInstant(), plan.end());
        db.sql("update agreed_action set created_at = :at, done_at = case when done_at is null then null else :done end"
                + " where meeting_id = :m").bind("at", during)
                .bind("done", min(during.plus(Duration.ofDays(4)), plan.end())).bind("m", meeting.id()).then()
                .block(STEP);
        db.sql("update case_file set created_at = :at, updated_at = :at where id = :c").bind("at", during)
                .bind("c", item.caseId()).then().block(STEP);
        return "\"" + meeting.title() + "\" on " + heldOn + ": problem " + chosen.summary().address() + " ("
                + chosen.summary().reports() + " reports), 3 agreed actions";
    }

    private UUID clusterOf(UUID proposalId) {
        return db.sql("select cluster_id from escalation_proposal where id = :p").bind("p", proposalId)
                .map(row -> row.get("cluster_id", UUID.class)).one().block(STEP);
    }

    // --- Outreach visits ------------------------------------------------------------------------------

    private void visits(List<PlannedReport> reports) {
        PersonalData personalData = context.getBean(PersonalData.class);
        Map<PlannedReport, UUID> reportOf = new java.util.IdentityHashMap<>();
        filed.values().forEach(f -> reportOf.put(f.plan(), f.id()));
        for (PlannedReport p : reports) {
            PlannedVisit v = p.visit();
            if (v == null) {
                continue;
            }
            // The household's lookup key, exactly as the contract defines it (street + number, lower case).
            String hash = personalData.lookup("address", v.street().toLowerCase(Locale.ROOT) + " "
                    + v.houseNumber().toLowerCase(Locale.ROOT));
            db.sql("""
                    insert into outreach_visit (id, visited_on, street, house_number_sealed, household_hash,
                                                neighbourhood, topics, follow_up, report_id, worker, recorded_at)
                    values (:id, :on, :street, :number, :hash, :neighbourhood, :topics, :followUp, :report, :worker,
                            :at)
                    """).bind("id", UUID.randomUUID())
                    .bind("on", v.on()).bind("street", v.street()).bind("number", personalData.seal(v.houseNumber()))
                    .bind("hash", hash).bind("neighbourhood", v.neighbourhood())
                    .bind("topics", v.topics().toArray(String[]::new)).bind("followUp", v.followUp())
                    .bind("report", org.springframework.r2dbc.core.Parameter.fromOrEmpty(reportOf.get(p), UUID.class))
                    .bind("worker", OUTREACH).bind("at", min(p.at().plus(Duration.ofMinutes(30)), plan.end()))
                    .then().block(STEP);
        }
    }

    // --- Times -------------------------------------------------------------------------------------------

    /** Moves what the services stamped "now" back to the planned times of the half-year. */
    private void backdate() {
        record Event(long id, UUID reportId, String status, String actor) {
        }
        List<Event> events = db.sql("select id, report_id, status, actor from report_event order by report_id, id")
                .map(row -> new Event(row.get("id", Long.class), row.get("report_id", UUID.class),
                        row.get("status", String.class), row.get("actor", String.class)))
                .all().collectList().block(STEP);
        List<Mono<Void>> updates = new ArrayList<>();
        UUID current = null;
        Instant previous = null;
        for (Event e : events) {
            Filed f = filed.get(e.reportId());
            if (f == null) {
                continue;
            }
            Instant received = f.plan().at();
            Instant at;
            if (!e.reportId().equals(current)) {
                current = e.reportId();
                at = received;
            } else {
                if ("RESOLVED".equals(e.status()) || "CLOSED".equals(e.status())) {
                    at = resolvedAt.getOrDefault(e.reportId(), received.plus(Duration.ofDays(3)));
                } else if ("routing".equals(e.actor())) {
                    at = received.plus(Duration.ofMinutes(2));
                } else {
                    at = respondedAt.getOrDefault(e.reportId(), received.plus(Duration.ofHours(5)));
                }
                // History stays in order, whatever the plan said.
                if (!at.isAfter(previous)) {
                    at = previous.plus(Duration.ofMinutes(1));
                }
            }
            previous = at;
            updates.add(db.sql("update report_event set occurred_at = :at where id = :id").bind("at", at)
                    .bind("id", e.id()).then());
        }
        // History is append-only (a trigger refuses changes); the demo's own, just written, is moved in one
        // transaction with the trigger off only inside it (as the sealing migration V26 does for the audit trail).
        TransactionalOperator tx = context.getBean(TransactionalOperator.class);
        db.sql("alter table report_event disable trigger report_event_append_only").then()
                .then(Flux.concat(updates).then())
                .then(db.sql("alter table report_event enable trigger report_event_append_only").then())
                .as(tx::transactional).block(Duration.ofMinutes(5));

        for (Map.Entry<UUID, Instant> w : underwayAt.entrySet()) {
            Instant done = closedAt.get(w.getKey());
            db.sql("""
                    update work_order_event set occurred_at = case when to_status = 'DONE' then :done else :underway end
                     where case_id = :c
                    """).bind("underway", w.getValue()).bind("done", done == null ? w.getValue() : done)
                    .bind("c", w.getKey()).then().block(STEP);
        }
        for (Map.Entry<UUID, Instant> o : offeredAt.entrySet()) {
            Instant offered = o.getValue();
            Instant answered = offered.plus(Duration.ofHours(5));
            // Open offers keep a deadline ahead, so the service's first start does not expire them at once.
            db.sql("""
                    update case_offer set offered_at = :offered,
                           expires_at = case when answer is null then expires_at else :expires end,
                           answered_at = case when answer is null then null else :answered end
                     where case_id = :c
                    """).bind("offered", offered).bind("expires", offered.plus(Duration.ofHours(48)))
                    .bind("answered", answered).bind("c", o.getKey()).then().block(STEP);
            db.sql("update case_assignment set assigned_at = :at where case_id = :c").bind("at", answered)
                    .bind("c", o.getKey()).then().block(STEP);
        }
        for (Map.Entry<UUID, Instant> c : closedAt.entrySet()) {
            db.sql("update case_file set closed_at = :at, updated_at = :at where id = :c and closed_at is not null")
                    .bind("at", c.getValue()).bind("c", c.getKey()).then().block(STEP);
        }
        for (String sql : List.of(
                // Cases opened by routing, minutes after their first report.
                """
                update case_file c set created_at = x.first_at + interval '2 minutes',
                       updated_at = greatest(x.first_at + interval '2 minutes', coalesce(c.closed_at, x.last_at))
                  from (select cr.case_id, min(r.received_at) as first_at, max(r.received_at) as last_at
                          from case_report cr join report r on r.id = cr.report_id group by cr.case_id) x
                 where x.case_id = c.id and c.type <> 'ESCALATION'
                """,
                // Cases closed along with another (a problem's other work orders): when their reports were solved.
                """
                update case_file c set closed_at = x.at, updated_at = x.at
                  from (select c2.id, coalesce((select max(t.resolved_at) from case_report cr
                                                  join report_timing t on t.report_id = cr.report_id
                                                 where cr.case_id = c2.id), c2.created_at + interval '1 day') as at
                          from case_file c2) x
                 where x.id = c.id and c.closed_at > now() - interval '1 hour'
                """,
                """
                update work_order_event e
                   set occurred_at = case when e.to_status in ('DONE', 'CLOSED') and c.closed_at is not null
                                          then c.closed_at else c.created_at + interval '4 hours' end
                  from case_file c where c.id = e.case_id and e.occurred_at > now() - interval '1 hour'
                """,
                "update case_file set hold_released_at = created_at + interval '1 hour' where hold_released_at is not null",
                "update case_report cr set added_at = r.received_at + interval '2 minutes' from report r where r.id = cr.report_id",
                "update routing_decision d set decided_at = r.received_at + interval '2 minutes' from report r"
                        + " where r.id = d.report_id",
                "update contact_moment set created_at = occurred_at",
                // Proposals still waiting for the coordinator: made when their problem's fifth report came in.
                """
                update escalation_proposal p set proposed_at = coalesce(
                    (select r.received_at from report r where r.cluster_id = p.cluster_id
                      order by r.received_at offset 4 limit 1),
                    (select max(r.received_at) from report r where r.cluster_id = p.cluster_id)) + interval '5 minutes'
                 where p.status = 'PROPOSED'
                """,
                "update cluster_match m set decided_at = r.received_at + interval '3 seconds' from report r"
                        + " where r.id = m.report_id",
                "update cluster set created_at = first_report_at",
                """
                update report r set updated_at = x.last_at,
                       satisfaction_asked_at = case when r.satisfaction_asked_at is null then null else x.resolved_at end
                  from (select e.report_id, max(e.occurred_at) as last_at,
                               min(e.occurred_at) filter (where e.status in ('RESOLVED', 'CLOSED')) as resolved_at
                          from report_event e group by e.report_id) x
                 where x.report_id = r.id
                """,
                "update report_feedback f set answered_at = least(r.satisfaction_asked_at + interval '1 day', r.updated_at"
                        + " + interval '1 day', now() - interval '1 hour') from report r where r.id = f.report_id",
                // Where the problem is, by neighbourhood, as the contract's backfill does (intake does it from now on).
                """
                update report r set neighbourhood = (
                    select s.neighbourhood from street_segment s
                     order by (r.street is not null and lower(s.street) = lower(r.street)) desc,
                              (s.lat - r.lat) ^ 2 + (s.lon - r.lon) ^ 2
                     limit 1)
                 where r.neighbourhood is null
                """,
                """
                update case_file c set neighbourhood = coalesce(
                    (select r.neighbourhood from case_report cr join report r on r.id = cr.report_id
                      where cr.case_id = c.id order by r.received_at limit 1),
                    (select r.neighbourhood from report r where r.cluster_id = c.cluster_id and c.cluster_id is not null
                      order by r.received_at limit 1))
                 where c.neighbourhood is null
                """,
                "update volunteer set created_at = (select min(received_at) from report) - interval '30 days'",
                "update staff_account set created_at = (select min(received_at) from report) - interval '30 days'")) {
            db.sql(sql).then().block(STEP);
        }
    }

    /**
     * Every notification the seeding wrote is marked sent at the time of what it was about: the demo
     * sends nothing (the dispatcher never ran), and none is left for the service's first start to send.
     */
    private void settleNotifications() {
        db.sql("""
                update notification n set status = 'SENT', attempts = greatest(n.attempts, 1), lease_until = null,
                       created_at = coalesce(x.at, y.at), due_at = coalesce(x.at, y.at),
                       updated_at = coalesce(x.at, y.at) + interval '20 seconds'
                  from notification m left join lateral (
                        select coalesce(
                            (select max(e.occurred_at) from report r join report_event e on e.report_id = r.id
                              where r.reference = m.reference),
                            (select coalesce(c.closed_at, c.updated_at) from case_file c
                              where m.reference ~ '^[0-9]+$' and c.number = m.reference::int)) as at) x on true
                  -- About nothing the demo can date: the end of the half-year, never the seeding's own time.
                  cross join (select max(received_at) as at from report) y
                 where n.id = m.id and n.status in ('PENDING', 'SENDING', 'FAILED')
                """).then().block(STEP);
    }

    // --- Summary -------------------------------------------------------------------------------------------

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("reports", count("select count(*) from report"));
        for (String channel : List.of("web", "sms", "phone", "outreach")) {
            counts.put("  via " + channel, count("select count(*) from report where channel = '" + channel + "'"));
        }
        counts.put("  solved or closed", count("select count(*) from report where status in ('RESOLVED', 'CLOSED')"));
        counts.put("  with contact details (sealed)", count("select count(*) from report where reporter_contact_id is not null"));
        counts.put("problems (clusters with 2+ reports)", count("""
                select count(*) from (select cluster_id from report where cluster_id is not null
                                       group by cluster_id having count(*) >= 2) x
                """));
        counts.put("work orders", count("select count(*) from case_file where type = 'WORK_ORDER'"));
        counts.put("  done", count("select count(*) from case_file where type = 'WORK_ORDER' and status = 'DONE'"));
        counts.put("mediation cases", count("select count(*) from case_file where type = 'MEDIATION'"));
        counts.put("  closed", count("select count(*) from case_file where type = 'MEDIATION' and step = 'CLOSED'"));
        counts.put("escalation proposals", count("select count(*) from escalation_proposal"));
        counts.put("meetings", count("select count(*) from meeting"));
        counts.put("agreed actions", count("select count(*) from agreed_action"));
        counts.put("outreach visits", count("select count(*) from outreach_visit"));
        counts.put("  with a report", count("select count(*) from outreach_visit where report_id is not null"));
        counts.put("satisfaction answers", count("select count(*) from report_feedback"));
        counts.put("notifications (marked sent, none sent)", count("select count(*) from notification"));
        return counts;
    }

    /** What was made, and how to look at it. */
    record Summary(Map<String, Long> counts, List<String> accounts, String password, String meeting, long millis) {

        void print(PrintStream out, Environment environment) {
            out.println("Demo data made in " + String.format(Locale.ROOT, "%.1f", millis / 1000.0) + " s:");
            int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
            counts.forEach((k, v) -> out.printf(Locale.ROOT, "  %-" + width + "s %d%n", k, v));
            if (meeting != null) {
                out.println("  meeting: " + meeting);
            }
            out.println();
            out.println("Demo staff accounts (password shown only this once): " + password);
            accounts.forEach(a -> out.println("  " + a));
            out.println();
            String dataDir = environment.getProperty("hartslag.data-dir", "./data");
            boolean embedded = environment.getProperty("hartslag.db.embedded.active", Boolean.class, false);
            out.println("Start the service on the same data:");
            out.println(embedded ? "  java -jar hartslag-api.jar --hartslag.data-dir=" + dataDir
                    : "  java -jar hartslag-api.jar   (with the same database settings)");
            String admin = environment.getProperty("hartslag.bootstrap-admin.username", "coordinator");
            out.println("and log in at http://localhost:<port>/staff/ as '" + admin + "': the first start prints the"
                    + " coordinator's password (or set HARTSLAG_BOOTSTRAP_ADMIN_PASSWORD).");
            out.println("All people, numbers and texts are invented; nothing was sent. Start the service without"
                    + " Twilio or SMTP settings to keep it that way.");
        }
    }

    private long count(String sql) {
        Long n = db.sql(sql).map(row -> row.get(0, Long.class)).one().block(STEP);
        return n == null ? 0 : n;
    }

    private static String nearest(List<DemoPlan.StreetSegment> streets, double lat, double lon) {
        return streets.stream().min(java.util.Comparator.comparingDouble(
                (DemoPlan.StreetSegment s) -> Math.pow(s.lat() - lat, 2) + Math.pow((s.lon() - lon) * 0.63, 2)))
                .map(DemoPlan.StreetSegment::street).orElse(null);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String password() {
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
