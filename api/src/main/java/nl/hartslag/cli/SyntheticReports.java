package nl.hartslag.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import nl.hartslag.cli.NuisanceTexts.Kind;
import nl.hartslag.cli.NuisanceTexts.Where;
import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import nl.hartslag.matching.IncomingReport;

/**
 * An endless, deterministic stream of synthetic reports in the order they arrive, for the
 * benchmark. Problems start at random (a Poisson process) at a street address or a named place
 * of the gazetteer; each is reported once (about half) or again and again by several residents,
 * through web forms, SMS, phone calls and outreach visits, hours (an event) or days (an ongoing
 * problem) apart. Web pins lie 5-60 m from the spot or at the reporter's home; SMS and phone carry
 * no coordinates unless a map link was shared; about 15% of the chosen categories are wrong.
 * The same seed gives the same stream.
 */
final class SyntheticReports implements Iterator<SyntheticReports.Synthetic> {

    /** A report and the problem it is really about (the ground truth the engine does not see). */
    record Synthetic(IncomingReport report, int problem) {
    }

    /** Mean number of reports a problem gets, from {@link #problemSize}. */
    static final double MEAN_REPORTS_PER_PROBLEM = 0.47 * 1 + 0.35 * 3.5 + 0.15 * 10.5 + 0.03 * 28;

    private static final double METRES_PER_DEGREE = 111_320;
    private static final long MAX_GAP_SECONDS = Duration.ofDays(25).toSeconds();
    /** Problems run for months; the stream starts this long before {@code start} so it is in full swing then. */
    private static final long BURN_IN_SECONDS = Duration.ofDays(120).toSeconds();

    private final List<StreetSegment> streets;
    private final List<NamedPlace> places;
    private final List<List<StreetSegment>> streetsNearPlace = new ArrayList<>();
    private final SplittableRandom random;
    private final double meanSecondsBetweenNewProblems;
    private final PriorityQueue<Problem> open = new PriorityQueue<>(
            Comparator.comparingLong((Problem p) -> p.nextAt).thenComparingInt(p -> p.id));
    private final int[] kindWeights;
    private final int totalKindWeight;
    private final long startSecond;
    private double nextNewProblemAt;
    private int problems;
    private int problemsReported;
    private long reports;

    /**
     * @param reportsOverSpan how many reports should arrive within {@code span} from {@code start}
     *        (the rate; the stream itself does not end)
     */
    SyntheticReports(List<StreetSegment> streets, List<NamedPlace> places, long seed, long reportsOverSpan,
            Instant start, Duration span) {
        if (streets.isEmpty()) {
            throw new IllegalArgumentException("synthetic reports need at least one street segment");
        }
        this.streets = List.copyOf(streets);
        this.places = List.copyOf(places);
        for (NamedPlace place : places) {
            List<StreetSegment> nearest = new ArrayList<>(streets);
            nearest.sort(Comparator.comparingDouble(s -> metres(place.lat(), place.lon(), s.lat(), s.lon())));
            streetsNearPlace.add(List.copyOf(nearest.subList(0, Math.min(3, nearest.size()))));
        }
        this.random = new SplittableRandom(seed);
        double reportsPerSecond = (double) reportsOverSpan / span.toSeconds();
        this.meanSecondsBetweenNewProblems = MEAN_REPORTS_PER_PROBLEM / reportsPerSecond;
        Kind[] kinds = Kind.values();
        this.kindWeights = new int[kinds.length];
        int total = 0;
        for (int i = 0; i < kinds.length; i++) {
            total += kinds[i].weight;
            kindWeights[i] = total;
        }
        this.totalKindWeight = total;
        this.startSecond = start.getEpochSecond();
        this.nextNewProblemAt = startSecond - BURN_IN_SECONDS + exponential(meanSecondsBetweenNewProblems);
    }

    /** How many distinct problems the reports so far are about. */
    int problems() {
        return problemsReported;
    }

    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public Synthetic next() {
        Synthetic report;
        do {
            report = step();
        } while (report == null);
        return report;
    }

    /** The next report, or null while burning in (before {@code start}). */
    private Synthetic step() {
        Problem problem = open.peek();
        if (problem != null && problem.nextAt <= nextNewProblemAt) {
            open.poll();
        } else {
            problem = newProblem((long) nextNewProblemAt);
            nextNewProblemAt += exponential(meanSecondsBetweenNewProblems);
        }
        long at = problem.nextAt;
        Synthetic report = at < startSecond ? null : report(problem, at);
        if (report != null && !problem.seen) {
            problem.seen = true;
            problemsReported++;
        }
        problem.reported++;
        if (problem.reported < problem.size) {
            long gap = Math.min(MAX_GAP_SECONDS, 60 + (long) exponential(problem.meanGapSeconds));
            problem.nextAt = at + gap;
            open.add(problem);
        }
        return report;
    }

    private Problem newProblem(long at) {
        Kind kind = kind();
        boolean namedPlace = !places.isEmpty() && random.nextInt(100) < (kind.prefersNamedPlace ? 70 : 12);
        Problem problem;
        if (namedPlace) {
            int index = random.nextInt(places.size());
            NamedPlace place = places.get(index);
            double[] spot = offset(place.lat(), place.lon(), random.nextDouble() * Math.PI * 2, random.nextDouble() * 30);
            StreetSegment near = streetsNearPlace.get(index).get(random.nextInt(streetsNearPlace.get(index).size()));
            problem = new Problem(++problems, kind, new Where(null, 0, place.name()), near, spot);
        } else {
            StreetSegment segment = streets.get(random.nextInt(streets.size()));
            int number = house(segment);
            problem = new Problem(++problems, kind, new Where(segment.street(), number, null), segment,
                    spot(segment, number));
        }
        problem.size = problemSize();
        boolean event = kind == Kind.NOISE || kind == Kind.VANDALISM ? random.nextInt(100) < 60 : random.nextInt(100) < 25;
        problem.meanGapSeconds = event ? 4 * 3600 : 3 * 86_400;
        problem.nextAt = at;
        return problem;
    }

    private Synthetic report(Problem problem, long at) {
        String id = String.format(Locale.ROOT, "b-%07d", ++reports);
        Instant receivedAt = Instant.ofEpochSecond(at);
        Where where = problem.where;
        if (problem.kind == Kind.DISPUTE && problem.reported % 2 == 1 && !where.isNamedPlace()) {
            // the other party of the dispute, next door
            int other = Math.min(problem.segment.houseTo(), where.number() + 2);
            where = new Where(where.street(), other, null);
        }
        int channelDraw = random.nextInt(100);
        String channel = channelDraw < 50 ? "web" : channelDraw < 75 ? "sms" : channelDraw < 90 ? "phone" : "outreach";
        String text;
        Double lat = null;
        Double lon = null;
        String address = null;
        boolean choseCategory;
        switch (channel) {
            case "web" -> {
                text = NuisanceTexts.web(problem.kind, where, random);
                int how = random.nextInt(100);
                if (how < 65) { // GPS pin near the spot
                    double[] pin = offset(problem.spot[0], problem.spot[1], random.nextDouble() * Math.PI * 2,
                            5 + random.nextDouble() * 55);
                    lat = pin[0];
                    lon = pin[1];
                } else if (how < 80) { // pinned at home, home address typed
                    int home = house(problem.segment);
                    double[] pin = spot(problem.segment, home);
                    lat = pin[0];
                    lon = pin[1];
                    address = NuisanceTexts.typedAddress(problem.segment.street(), home, random);
                } else if (!where.isNamedPlace()) { // no pin, the problem's address typed
                    address = NuisanceTexts.typedAddress(where.street(), where.number(), random);
                }
                choseCategory = random.nextInt(100) < 95;
            }
            case "sms" -> {
                text = NuisanceTexts.sms(problem.kind, where, random);
                if (random.nextInt(10) == 0) {
                    double[] pin = offset(problem.spot[0], problem.spot[1], random.nextDouble() * Math.PI * 2,
                            5 + random.nextDouble() * 25);
                    lat = pin[0];
                    lon = pin[1];
                    text += String.format(Locale.ROOT, " https://maps.google.com/?q=%.6f,%.6f", lat, lon);
                }
                choseCategory = random.nextInt(100) < 8;
            }
            case "phone" -> {
                text = NuisanceTexts.phone(problem.kind, where, random);
                if (!where.isNamedPlace() && random.nextInt(5) == 0) {
                    address = where.street() + " " + where.number();
                }
                choseCategory = random.nextInt(100) < 10;
            }
            default -> {
                int visited = house(problem.segment);
                double[] home = offset(spot(problem.segment, visited), random.nextDouble() * Math.PI * 2,
                        random.nextDouble() * 4);
                lat = home[0];
                lon = home[1];
                address = problem.segment.street() + " " + visited;
                text = NuisanceTexts.outreach(problem.kind, where, problem.segment.street(), random);
                choseCategory = true;
            }
        }
        String category = choseCategory ? chosenCategory(problem.kind) : null;
        return new Synthetic(new IncomingReport(id, receivedAt, channel, text, lat, lon, address, category), problem.id);
    }

    /** The category a resident picks: right 85% of the time, else "other" or another kind. */
    private String chosenCategory(Kind kind) {
        if (random.nextInt(100) < 85) {
            return kind.category;
        }
        if (kind != Kind.OTHER && random.nextBoolean()) {
            return Kind.OTHER.category;
        }
        Kind[] kinds = Kind.values();
        Kind wrong = kinds[random.nextInt(kinds.length)];
        return (wrong == kind ? kinds[(wrong.ordinal() + 1) % kinds.length] : wrong).category;
    }

    private Kind kind() {
        int draw = random.nextInt(totalKindWeight);
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            if (draw < kindWeights[i]) {
                return kinds[i];
            }
        }
        throw new IllegalStateException();
    }

    /** About half the problems are reported once; a few go on for dozens of reports. */
    private int problemSize() {
        double u = random.nextDouble();
        if (u < 0.47) {
            return 1;
        } else if (u < 0.82) {
            return 2 + random.nextInt(4);
        } else if (u < 0.97) {
            return 6 + random.nextInt(10);
        }
        return 16 + random.nextInt(25);
    }

    private int house(StreetSegment segment) {
        return segment.houseFrom() + random.nextInt(Math.max(1, segment.houseTo() - segment.houseFrom() + 1));
    }

    /**
     * Where a house number lies: the segment has one representative coordinate, so the numbers
     * are laid out along a line through it (up to ±100 m), odd and even on either side.
     */
    static double[] spot(StreetSegment segment, int number) {
        double direction = Math.floorMod(segment.street().hashCode(), 180) * Math.PI / 180;
        double span = Math.max(1, segment.houseTo() - segment.houseFrom());
        double along = ((number - segment.houseFrom()) / span - 0.5) * 200;
        double[] onLine = offset(segment.lat(), segment.lon(), direction, along);
        return offset(onLine, direction + Math.PI / 2, number % 2 == 0 ? 8 : -8);
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dy = (lat2 - lat1) * METRES_PER_DEGREE;
        double dx = (lon2 - lon1) * METRES_PER_DEGREE * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(dx, dy);
    }

    private static double[] offset(double[] from, double bearing, double metres) {
        return offset(from[0], from[1], bearing, metres);
    }

    private static double[] offset(double lat, double lon, double bearing, double metres) {
        double dLat = metres * Math.cos(bearing) / METRES_PER_DEGREE;
        double dLon = metres * Math.sin(bearing) / (METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
        return new double[] { lat + dLat, lon + dLon };
    }

    private double exponential(double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    private static final class Problem {
        final int id;
        final Kind kind;
        final Where where;
        /** The street segment of the spot, or one near the named place (for home addresses). */
        final StreetSegment segment;
        final double[] spot;
        int size;
        int reported;
        boolean seen;
        double meanGapSeconds;
        long nextAt;

        Problem(int id, Kind kind, Where where, StreetSegment segment, double[] spot) {
            this.id = id;
            this.kind = kind;
            this.where = where;
            this.segment = segment;
            this.spot = spot;
        }
    }
}
