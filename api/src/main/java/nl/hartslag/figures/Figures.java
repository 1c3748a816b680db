package nl.hartslag.figures;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import nl.hartslag.domain.NotPermitted;
import nl.hartslag.figures.FigureQueries.ReportRow;
import nl.hartslag.figures.FigureQueries.Scope;
import nl.hartslag.figures.Suppression.Draft;
import nl.hartslag.norms.HandlingNorm;
import nl.hartslag.norms.HandlingNorms;
import nl.hartslag.norms.WorkingDays;
import reactor.core.publisher.Mono;

/**
 * Builds the figures of a period (docs/monitoring-figures.md has every table and definition). Reads each source
 * once for the whole period, buckets in Java, then suppresses small cells before anything leaves.
 */
@Service
public class Figures {

    private static final List<String> STEPS = List.of("INTAKE", "OFFERED", "ASSIGNED", "TALK_A", "TALK_B", "JOINT");

    private final FigureQueries queries;
    private final HandlingNorms norms;
    private final FiguresSettings settings;
    private final Clock clock;

    Figures(FigureQueries queries, HandlingNorms norms, FiguresSettings settings) {
        this.queries = queries;
        this.norms = norms;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    public FiguresSettings settings() {
        return settings;
    }

    /** The last full quarter before today (Europe/Amsterdam): the period when none is asked. */
    public LocalDate[] lastFullQuarter() {
        LocalDate today = clock.instant().atZone(WorkingDays.LOCAL).toLocalDate();
        LocalDate thisQuarter = LocalDate.of(today.getYear(), (today.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
        return new LocalDate[] { thisQuarter.minusMonths(3), thisQuarter.minusDays(1) };
    }

    public LocalDate today() {
        return clock.instant().atZone(WorkingDays.LOCAL).toLocalDate();
    }

    /**
     * The figures for {@code request} as {@code username} sees them: a coordinator limited to some
     * neighbourhoods (staff_neighbourhood) gets only those, and asking for another is refused.
     */
    public Mono<FigureReport> figures(FigureRequest request, String username) {
        return Mono.zip(queries.neighbourhoods().collectList(), queries.scopeOf(username).collectList())
                .flatMap(t -> {
                    List<Neighbourhood> known = t.getT1();
                    List<String> mine = t.getT2();
                    String asked = request.neighbourhood();
                    List<Neighbourhood> choosable = mine.isEmpty() ? known
                            : known.stream().filter(n -> mine.contains(n.name())).toList();
                    Scope scope;
                    if (asked != null) {
                        if (known.stream().noneMatch(n -> n.name().equals(asked))) {
                            return Mono.error(new UnknownNeighbourhood(asked));
                        }
                        if (!mine.isEmpty() && !mine.contains(asked)) {
                            return Mono.error(new NotPermitted("neighbourhood-not-yours", asked));
                        }
                        scope = new Scope(false, List.of(asked));
                    } else {
                        scope = new Scope(mine.isEmpty(), mine);
                    }
                    List<Neighbourhood> selection = asked != null
                            ? known.stream().filter(n -> n.name().equals(asked)).toList() : choosable;
                    return compute(request, scope, known, selection, choosable);
                });
    }

    private Mono<FigureReport> compute(FigureRequest request, Scope scope, List<Neighbourhood> known,
            List<Neighbourhood> selection, List<Neighbourhood> choosable) {
        List<Bucket> buckets = request.groupBy().buckets(request.from(), request.to());
        Bucket whole = new Bucket("all", request.from(), request.to().plusDays(1));
        Instant since = buckets.stream().map(b -> b.previous().start()).min(Comparator.naturalOrder()).orElseThrow();
        Instant start = whole.start();
        Instant end = whole.end();
        List<String> municipalities = selection.stream().map(Neighbourhood::municipality).distinct().sorted().toList();
        Mono<List<ReportRow>> reports = queries.reports(scope, since, start, end).collectList();
        Mono<Map<String, Map<LocalDate, Long>>> municipalityDays = queries.municipalityDays(municipalities, since, end)
                .collect(Collectors.groupingBy(FigureQueries.DayCount::municipality,
                        Collectors.toMap(FigureQueries.DayCount::day, FigureQueries.DayCount::reports, Long::sum)));
        Mono<Sources> sources = Mono.zip(queries.mediations(scope, start, end).collectList(),
                queries.workOrders(scope, start, end).collectList(), queries.proposals(scope, start, end).collectList(),
                queries.actions(scope, whole.from(), whole.until()).collectList(),
                queries.visits(scope, whole.from(), whole.until()).collectList(),
                queries.notifications(scope, start, end).collectList(), queries.feedback(scope, start, end).collectList())
                .map(t -> new Sources(t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5(), t.getT6(), t.getT7()));
        return Mono.zip(reports, municipalityDays, sources, norms.all()).map(t -> {
            Suppression suppression = new Suppression(settings.sensitiveCategories(), settings.threshold());
            List<Draft> drafts = build(buckets, t.getT1(), t.getT2(), t.getT3(), t.getT4(), selection, known);
            suppression.apply(drafts.get(0), drafts);
            return new FigureReport(request.from(), request.to(), request.groupBy().code(), request.neighbourhood(),
                    buckets.stream().map(Bucket::label).toList(), choosable,
                    new FigureReport.SuppressionRule(settings.sensitiveCategories().stream().sorted().toList(),
                            settings.threshold(), suppression.small, Suppression.HIDDEN),
                    drafts.stream().map(Draft::table).toList());
        });
    }

    private record Sources(List<FigureQueries.MediationRow> mediations, List<FigureQueries.WorkOrderRow> workOrders,
            List<FigureQueries.ProposalRow> proposals, List<FigureQueries.ActionRow> actions,
            List<FigureQueries.VisitRow> visits, List<FigureQueries.NotificationRow> notifications,
            List<FigureQueries.FeedbackRow> feedback) {
    }

    private List<Draft> build(List<Bucket> buckets, List<ReportRow> reports,
            Map<String, Map<LocalDate, Long>> municipalityDays, Sources s, Map<String, HandlingNorm> norms,
            List<Neighbourhood> selection, List<Neighbourhood> known) {
        Instant now = clock.instant();
        Draft byCategory = new Draft("reports_by_category").key("period").category("category").count("reports");
        Draft byChannel = new Draft("reports_by_channel").key("period").key("channel").count("reports").totals();
        Draft households = new Draft("households").key("period").count("households").count("reports").totals();
        Draft rates = new Draft("reports_per_1000").key("period").key("area").key("residents").count("reports")
                .value("per_1000").count("previous_reports").value("previous_per_1000").value("change_pct")
                .key("municipality").value("municipality_per_1000").totals();
        Draft mediation = new Draft("mediation").key("period").count("opened").count("closed");
        Draft steps = new Draft("mediation_steps").key("period").key("step").count("cases");
        Draft outcomes = new Draft("mediation_outcomes").key("period").key("outcome").count("cases");
        Draft workOrders = new Draft("work_orders").key("period").count("opened").count("done")
                .value("median_days_to_done");
        Draft escalations = new Draft("escalations").key("period").count("proposed").count("put_on_agenda")
                .count("actions_due").count("actions_done_on_time").count("actions_done_late").count("actions_open");
        Draft outreach = new Draft("outreach").key("period").count("visits").count("households_visited")
                .count("visits_with_report").count("outreach_reports");
        Draft notifications = new Draft("notifications").key("period").key("channel").count("sent").count("failed");
        Draft times = new Draft("response_times").key("period").category("category").count("reports")
                .count("responded").value("median_response_days").value("response_within_norm").count("resolved")
                .value("median_resolution_days").value("resolution_within_norm").key("day_kind")
                .key("response_norm_days").key("resolution_norm_days");
        Draft late = new Draft("late_work").key("period").category("category").count("late_response")
                .count("late_resolution");
        Draft satisfaction = new Draft("satisfaction").key("period").count("satisfied").count("dissatisfied");
        Draft coverage = new Draft("coverage").key("period").key("channel").count("reports").count("read")
                .count("no_kind_word").count("no_place").totals();

        // Per 1,000 residents: only neighbourhoods whose residents are known count, on both sides of the fraction.
        Set<String> counted = selection.stream().filter(n -> n.residents() > 0).map(Neighbourhood::name)
                .collect(Collectors.toSet());
        long residents = selection.stream().mapToLong(Neighbourhood::residents).sum();
        String area = selection.size() == 1 ? selection.get(0).name() : "all";
        String municipality = selection.stream().map(Neighbourhood::municipality).distinct().count() == 1
                ? selection.get(0).municipality() : null;
        long municipalityResidents = municipality == null ? 0
                : known.stream().filter(n -> n.municipality().equals(municipality)).mapToLong(Neighbourhood::residents)
                        .sum();
        Map<LocalDate, Long> municipalityCounts = municipality == null ? Map.of()
                : municipalityDays.getOrDefault(municipality, Map.of());

        // Each report once: its bucket, its deadlines, and (for the trend) the sorted moments of the counted ones,
        // so a year of weeks does not walk every report for every week.
        TreeMap<Instant, Bucket> byStart = new TreeMap<>();
        buckets.forEach(b -> byStart.put(b.start(), b));
        Map<Bucket, List<ReportRow>> received = new java.util.HashMap<>();
        for (ReportRow r : reports) {
            Map.Entry<Instant, Bucket> e = byStart.floorEntry(r.received());
            if (e != null && e.getValue().contains(r.received())) {
                received.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(r);
            }
        }
        long[] countedMoments = reports.stream().filter(r -> counted.contains(r.neighbourhood()))
                .mapToLong(r -> r.received().toEpochMilli()).sorted().toArray();
        Map<ReportRow, Instant[]> deadlines = new java.util.IdentityHashMap<>();
        for (ReportRow r : reports) {
            HandlingNorm norm = norms.getOrDefault(r.category(), HandlingNorm.fallback(r.category()));
            deadlines.put(r, new Instant[] { norm.respondBy(r.received()), norm.resolveBy(r.received()) });
        }

        for (Bucket b : buckets) {
            String p = b.label();
            List<ReportRow> in = received.getOrDefault(b, List.of());
            countBy(in, ReportRow::category).forEach((k, v) -> byCategory.row(p, k, v));
            countBy(in, ReportRow::channel).forEach((k, v) -> byChannel.row(p, k, v));
            households.row(p, (long) in.stream().map(ReportRow::household).filter(h -> h != null).distinct().count(),
                    (long) in.size());

            long rateReports = in.stream().filter(r -> counted.contains(r.neighbourhood())).count();
            Bucket prev = b.previous();
            long prevReports = between(countedMoments, prev.start(), prev.end());
            Double rate = per1000(rateReports, residents);
            Double prevRate = per1000(prevReports, residents);
            long municipalityReports = municipalityCounts.entrySet().stream().filter(e -> b.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            rates.row(p, area, residents, rateReports, rate, prevReports, prevRate, change(rate, prevRate),
                    municipality, municipality == null ? null : per1000(municipalityReports, municipalityResidents));

            mediation.row(p, count(s.mediations(), m -> b.contains(m.created())),
                    count(s.mediations(), m -> b.contains(m.closed())));
            Map<String, Long> reached = countBy(s.mediations().stream().filter(m -> b.contains(m.created())).toList(),
                    FigureQueries.MediationRow::reached);
            STEPS.stream().filter(reached::containsKey).forEach(step -> steps.row(p, step, reached.get(step)));
            countBy(s.mediations().stream().filter(m -> b.contains(m.closed()) && m.outcome() != null).toList(),
                    FigureQueries.MediationRow::outcome).forEach((k, v) -> outcomes.row(p, k, v));

            List<Double> toDone = s.workOrders().stream().filter(w -> b.contains(w.done()))
                    .map(w -> (w.done().toEpochMilli() - w.created().toEpochMilli()) / 86_400_000.0).toList();
            workOrders.row(p, count(s.workOrders(), w -> b.contains(w.created())), (long) toDone.size(),
                    round(median(toDone), 1));

            List<FigureQueries.ActionRow> due = s.actions().stream().filter(a -> b.contains(a.due())).toList();
            escalations.row(p, count(s.proposals(), x -> b.contains(x.proposed())),
                    count(s.proposals(), x -> "ON_AGENDA".equals(x.status()) && b.contains(x.decided())),
                    (long) due.size(),
                    count(due, a -> a.done() != null && !localDay(a.done()).isAfter(a.due())),
                    count(due, a -> a.done() != null && localDay(a.done()).isAfter(a.due())),
                    count(due, a -> a.done() == null));

            List<FigureQueries.VisitRow> visits = s.visits().stream().filter(v -> b.contains(v.visited())).toList();
            outreach.row(p, (long) visits.size(),
                    (long) visits.stream().map(FigureQueries.VisitRow::household).filter(h -> h != null).distinct().count(),
                    count(visits, v -> v.report() != null), count(in, r -> "outreach".equals(r.channel())));

            List<FigureQueries.NotificationRow> sent = s.notifications().stream().filter(n -> b.contains(n.created()))
                    .toList();
            new TreeSet<>(sent.stream().map(FigureQueries.NotificationRow::channel).toList()).forEach(channel -> {
                List<FigureQueries.NotificationRow> of = sent.stream().filter(n -> n.channel().equals(channel)).toList();
                notifications.row(p, channel, count(of, n -> Set.of("SENT", "DELIVERED").contains(n.status())),
                        count(of, n -> Set.of("UNDELIVERED", "FAILED", "DEAD").contains(n.status())));
            });

            Map<String, List<ReportRow>> perCategory = new TreeMap<>(
                    in.stream().collect(Collectors.groupingBy(ReportRow::category)));
            perCategory.forEach((category, rows) -> {
                HandlingNorm norm = norms.getOrDefault(category, HandlingNorm.fallback(category));
                List<ReportRow> responded = rows.stream().filter(r -> r.firstResponse() != null).toList();
                List<ReportRow> resolved = rows.stream().filter(r -> r.resolved() != null).toList();
                times.row(p, category, (long) rows.size(), (long) responded.size(),
                        round(median(responded.stream().map(r -> (double) WorkingDays.between(r.received(),
                                r.firstResponse(), norm.dayKind())).toList()), 1),
                        share(count(responded, r -> r.firstResponse().isBefore(deadlines.get(r)[0])), responded.size()),
                        (long) resolved.size(),
                        round(median(resolved.stream().map(r -> (double) WorkingDays.between(r.received(),
                                r.resolved(), norm.dayKind())).toList()), 1),
                        share(count(resolved, r -> r.resolved().isBefore(deadlines.get(r)[1])), resolved.size()),
                        norm.dayKind().name(), norm.responseDays(), norm.resolutionDays());
            });

            // Late work: open at the end of the period (or now, for the current one) and past its deadline then.
            Instant at = b.end().isAfter(now) ? now : b.end();
            Map<String, long[]> lateCounts = new TreeMap<>();
            for (ReportRow r : reports) {
                if (!r.received().isBefore(at)) {
                    continue;
                }
                Instant[] by = deadlines.get(r);
                boolean lateResponse = (r.firstResponse() == null || !r.firstResponse().isBefore(at))
                        && !by[0].isAfter(at);
                boolean lateResolution = (r.resolved() == null || !r.resolved().isBefore(at)) && !by[1].isAfter(at);
                if (lateResponse || lateResolution) {
                    long[] c = lateCounts.computeIfAbsent(r.category(), k -> new long[2]);
                    c[0] += lateResponse ? 1 : 0;
                    c[1] += lateResolution ? 1 : 0;
                }
            }
            lateCounts.forEach((category, c) -> late.row(p, category, c[0], c[1]));

            List<FigureQueries.FeedbackRow> answers = s.feedback().stream().filter(f -> b.contains(f.answered()))
                    .toList();
            satisfaction.row(p, count(answers, FigureQueries.FeedbackRow::satisfied), count(answers, f -> !f.satisfied()));

            // The matcher's coverage, as CoverageController defines it: of the reports the engine read, those
            // without a kind word, and those with a kind word but no place at all.
            new TreeSet<>(in.stream().map(ReportRow::channel).toList()).forEach(channel -> {
                List<ReportRow> of = in.stream().filter(r -> r.channel().equals(channel)).toList();
                coverage.row(p, channel, (long) of.size(), count(of, r -> r.readKindWord() != null),
                        count(of, r -> Boolean.FALSE.equals(r.readKindWord())),
                        count(of, r -> r.readKindWord() != null && "none".equals(r.problemSource())));
            });
        }
        return List.of(byCategory, byChannel, households, rates, mediation, steps, outcomes, workOrders, escalations,
                outreach, notifications, times, late, satisfaction, coverage);
    }

    /** How many of the sorted moments fall in [start, end). */
    private static long between(long[] sorted, Instant start, Instant end) {
        return lowerBound(sorted, end.toEpochMilli()) - lowerBound(sorted, start.toEpochMilli());
    }

    private static int lowerBound(long[] sorted, long value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static LocalDate localDay(Instant instant) {
        return instant.atZone(WorkingDays.LOCAL).toLocalDate();
    }

    private static <T> Map<String, Long> countBy(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static <T> long count(Collection<T> items, Predicate<T> test) {
        return items.stream().filter(test).count();
    }

    static Double per1000(long reports, long residents) {
        return residents <= 0 ? null : round(1000.0 * reports / residents, 2);
    }

    static Double change(Double now, Double before) {
        return now == null || before == null || before == 0 ? null : round(100.0 * (now - before) / before, 1);
    }

    static Double share(long part, long whole) {
        return whole == 0 ? null : round((double) part / whole, 3);
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static Double round(Double value, int decimals) {
        if (value == null) {
            return null;
        }
        return java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
