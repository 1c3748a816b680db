package nl.hartslag.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import nl.hartslag.report.Channel;

/**
 * The story of the demo half-year, decided up front from the seed alone (and the gazetteer): who
 * reports what, where, when and through which channel; which problems keep coming back (so problems
 * form and one is proposed for the case meeting); the neighbour disputes; the outreach visits. The same
 * seed and gazetteer give the same plan, relative to the day it runs.
 */
final class DemoPlan {

    static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");
    private static final double DAY_SECONDS = 86_400;

    /** A stretch of a gazetteer street (table {@code street_segment}). */
    record StreetSegment(String street, int houseFrom, int houseTo, double lat, double lon, String neighbourhood) {
    }

    /** A named place of the gazetteer (table {@code named_place}), with the street nearest to it. */
    record NamedPlace(String name, double lat, double lon, String neighbourhood, String street) {
    }

    /** A resident of the demo: invented name, number and address. */
    record Resident(String name, String phone, String email, String street, String houseNumber) {
    }

    /** One report to file. {@code problem} numbers a recurring problem (-1: a one-off). */
    record PlannedReport(Instant at, Channel channel, String category, String text, String street, double lat,
            double lon, boolean pin, String addressText, String houseNumber, Resident reporter, boolean withHome,
            int problem, boolean dispute, Resident otherParty, PlannedVisit visit, String outreachNote) {
    }

    /** A door-to-door visit; a report filed during it points back to it. */
    record PlannedVisit(LocalDate on, String street, String houseNumber, String neighbourhood, List<String> topics,
            boolean followUp) {
    }

    private static final List<String> FIRST = List.of("Anouk", "Bram", "Fatima", "Gerard", "Ilse", "Jeroen", "Karin",
            "Lotte", "Mehmet", "Nadia", "Olaf", "Petra", "Rachid", "Sanne", "Theo", "Yvonne", "Wim", "Esra", "Dirk",
            "Marloes", "Hanneke", "Joost", "Samira", "Ruud", "Mila", "Koen", "Leila", "Frank");
    private static final List<String> LAST = List.of("Jansen", "Bosman", "Kuipers", "Lemmens", "Claessens", "Vroomen",
            "Hendriks", "Smeets", "Janssen", "Ramakers", "Bouwens", "Yilmaz", "El Amrani", "Pelzer", "Schreurs",
            "Wetzels", "Houben", "Brouns", "Coenen", "Dassen");
    private static final String[] SINGLE_CATEGORIES = { "litter", "dumping", "noise", "youth_nuisance", "traffic",
            "drugs", "vandalism", "public_lighting", "animal", "domestic", "other" };
    private static final int[] SINGLE_WEIGHTS = { 14, 13, 13, 10, 10, 6, 8, 9, 6, 2, 5 };
    private static final String[] PROBLEM_CATEGORIES = { "noise", "drugs", "dumping", "litter", "youth_nuisance",
            "traffic", "public_lighting", "vandalism", "animal" };
    private static final int[] PROBLEM_WEIGHTS = { 14, 10, 16, 12, 14, 8, 8, 8, 6 };

    private final long seed;
    private final int months;
    private final Instant end;
    private final Instant start;

    DemoPlan(long seed, int months, Clock clock) {
        this.seed = seed;
        this.months = months;
        // Up to a couple of hours ago, so every follow-up fits before "now".
        this.end = clock.instant().minus(Duration.ofHours(2));
        this.start = end.minus(Duration.ofDays(Math.round(months * 30.44)));
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    long seed() {
        return seed;
    }

    /** Every report of the half-year, oldest first. */
    List<PlannedReport> reports(List<StreetSegment> segments, List<NamedPlace> places) {
        Random random = new Random(seed);
        List<StreetSegment> streets = segments.stream()
                .sorted(Comparator.comparing(StreetSegment::street).thenComparingInt(StreetSegment::houseFrom))
                .toList();
        List<NamedPlace> named = places.stream().sorted(Comparator.comparing(NamedPlace::name)).toList();
        List<PlannedReport> plan = new ArrayList<>();
        double span = Duration.between(start, end).toSeconds();

        // Recurring problems: a few a month, each a burst of reports over some weeks at one spot.
        int problems = 3 * months;
        for (int p = 0; p < problems; p++) {
            String category = weighted(random, PROBLEM_CATEGORIES, PROBLEM_WEIGHTS);
            Spot spot = spot(random, streets, named, random.nextInt(10) < 4);
            double days = 10 + random.nextInt(35);
            double first = random.nextDouble() * Math.max(1, span - days * DAY_SECONDS);
            int count = 3 + random.nextInt(6);
            List<Resident> pool = residents(random, spot.street(), streets, 2 + random.nextInt(3));
            problem(random, plan, p, category, spot, first, days, count, pool);
        }
        // One problem in the last weeks that the case meeting rule picks up: many reports, several households.
        Spot hot = spot(random, streets, named, !named.isEmpty());
        double hotDays = 40;
        problem(random, plan, problems, random.nextBoolean() ? "drugs" : "youth_nuisance", hot,
                span - (hotDays + 3) * DAY_SECONDS, hotDays, 10, residents(random, hot.street(), streets, 5));

        // One-off reports.
        int singles = 30 * months;
        for (int i = 0; i < singles; i++) {
            String category = weighted(random, SINGLE_CATEGORIES, SINGLE_WEIGHTS);
            Spot spot = spot(random, streets, named, random.nextInt(10) < 2);
            Instant at = timeOfDay(random, start.plusSeconds((long) (random.nextDouble() * span)), category);
            Channel channel = channel(random);
            Resident reporter = reporterFor(random, channel, residents(random, spot.street(), streets, 1).get(0));
            plan.add(report(random, at, channel, category, spot, reporter, -1, false, null, null, null));
        }

        // Neighbour disputes: one report each, from one party; the mediation adds the other.
        int disputes = Math.max(2, (int) Math.round(months * 1.3));
        for (int d = 0; d < disputes; d++) {
            StreetSegment segment = streets.get(random.nextInt(streets.size()));
            int number = houseNumber(random, segment);
            Resident a = new Resident(name(random), phone(random), null, segment.street(), String.valueOf(number));
            Resident b = new Resident(name(random), phone(random), null, segment.street(),
                    String.valueOf(Math.min(segment.houseTo(), number + 2)));
            Spot spot = new Spot(segment.street(), null, number, segment.lat(), segment.lon(), segment.neighbourhood());
            // Disputes are spread so that early ones are finished and late ones still under way.
            Instant at = timeOfDay(random, start.plusSeconds((long) (span * (d + random.nextDouble() * 0.6) / disputes)),
                    "neighbour_dispute");
            Channel channel = random.nextInt(3) == 0 ? Channel.PHONE : Channel.WEB;
            plan.add(report(random, at, channel, "neighbour_dispute", spot, a, -1, true, b, null, null));
        }

        // Outreach: door-to-door visits on a couple of afternoons a week; some bring a report in.
        int visits = 10 * months;
        for (int v = 0; v < visits; v++) {
            StreetSegment segment = streets.get(random.nextInt(streets.size()));
            int number = houseNumber(random, segment);
            Instant day = start.plusSeconds((long) (random.nextDouble() * span));
            ZonedDateTime local = day.atZone(LOCAL).withHour(13 + random.nextInt(4)).withMinute(random.nextInt(60));
            if (local.toInstant().isAfter(end)) {
                local = local.minusDays(1);
            }
            String category = weighted(random, SINGLE_CATEGORIES, SINGLE_WEIGHTS);
            List<String> topics = random.nextBoolean() ? List.of(category)
                    : List.of(category, weighted(random, PROBLEM_CATEGORIES, PROBLEM_WEIGHTS));
            PlannedVisit visit = new PlannedVisit(local.toLocalDate(), segment.street(), String.valueOf(number),
                    segment.neighbourhood(), topics.stream().distinct().toList(), random.nextInt(10) < 3);
            if (random.nextInt(10) < 4) {
                Resident resident = new Resident(name(random), random.nextBoolean() ? phone(random) : null, null,
                        segment.street(), String.valueOf(number));
                Spot spot = new Spot(segment.street(), null, number, segment.lat(), segment.lon(),
                        segment.neighbourhood());
                String note = random.nextInt(3) == 0 ? DemoTexts.pick(random, DemoTexts.OUTREACH_NOTES) : null;
                plan.add(report(random, local.toInstant(), Channel.OUTREACH, category, spot,
                        resident.phone() == null ? null : resident, -1, false, null, visit, note));
            } else {
                plan.add(new PlannedReport(local.toInstant(), null, null, null, segment.street(), segment.lat(),
                        segment.lon(), false, null, String.valueOf(number), null, false, -1, false, null, visit, null));
            }
        }
        plan.sort(Comparator.comparing(PlannedReport::at));
        return plan;
    }

    private void problem(Random random, List<PlannedReport> plan, int p, String category, Spot spot, double first,
            double days, int count, List<Resident> pool) {
        for (int i = 0; i < count; i++) {
            double offset = first + (i == 0 ? 0 : random.nextDouble() * days * DAY_SECONDS);
            Instant at = timeOfDay(random, start.plusSeconds((long) offset), category);
            if (at.isAfter(end)) {
                at = end.minus(Duration.ofHours(1 + random.nextInt(20)));
            }
            Channel channel = channel(random);
            Resident reporter = random.nextInt(10) < 8 ? pool.get(random.nextInt(pool.size())) : null;
            if (channel == Channel.SMS && reporter == null) {
                reporter = pool.get(0);
            }
            plan.add(report(random, at, channel, category, spot, reporterFor(random, channel, reporter), p, false, null,
                    null, null));
        }
    }

    private PlannedReport report(Random random, Instant at, Channel channel, String category, Spot spot,
            Resident reporter, int problem, boolean dispute, Resident otherParty, PlannedVisit visit, String note) {
        boolean again = problem >= 0 && random.nextInt(3) == 0;
        String text = DemoTexts.text(random, category, channel, plek(random, spot, channel), again);
        double lat = spot.lat();
        double lon = spot.lon();
        boolean pin = false;
        String addressText = null;
        String houseNumber = null;
        if (channel == Channel.WEB) {
            pin = random.nextInt(4) > 0;
            if (pin) {
                lat += (random.nextDouble() - 0.5) * 0.0006;
                lon += (random.nextDouble() - 0.5) * 0.0009;
            }
            if (reporter != null && reporter.houseNumber() != null && random.nextInt(10) < 3) {
                addressText = reporter.street() + " " + reporter.houseNumber();
                houseNumber = reporter.houseNumber();
            }
        } else if (channel == Channel.OUTREACH && visit != null) {
            addressText = visit.street() + " " + visit.houseNumber();
            houseNumber = visit.houseNumber();
        }
        if (dispute) {
            addressText = reporter.street() + " " + reporter.houseNumber();
            houseNumber = reporter.houseNumber();
        }
        boolean withHome = reporter != null && reporter.houseNumber() != null && random.nextInt(10) < 3;
        return new PlannedReport(at, channel, category, text, spot.street(), lat, lon, pin, addressText, houseNumber,
                reporter, withHome, problem, dispute, otherParty, visit, note);
    }

    /** Where a problem is: a named place, or a street (with a house number it is near). */
    record Spot(String street, String place, int number, double lat, double lon, String neighbourhood) {
    }

    private static Spot spot(Random random, List<StreetSegment> streets, List<NamedPlace> named, boolean place) {
        if (place && !named.isEmpty()) {
            NamedPlace p = named.get(random.nextInt(named.size()));
            return new Spot(p.street(), p.name(), 0, p.lat(), p.lon(), p.neighbourhood());
        }
        StreetSegment s = streets.get(random.nextInt(streets.size()));
        return new Spot(s.street(), null, random.nextBoolean() ? houseNumber(random, s) : 0, s.lat(), s.lon(),
                s.neighbourhood());
    }

    private static String plek(Random random, Spot spot, Channel channel) {
        if (spot.place() != null) {
            String[] forms = { "bij ", "rond ", "vlakbij ", "bij " };
            return forms[random.nextInt(forms.length)] + spot.place();
        }
        String street = spot.street();
        String in = street.toLowerCase(Locale.ROOT).endsWith("straat") || street.toLowerCase(Locale.ROOT).endsWith("hof")
                ? "in de " : random.nextBoolean() ? "aan de " : "op de ";
        if (spot.number() > 0 && random.nextInt(3) > 0) {
            return switch (random.nextInt(3)) {
                case 0 -> "bij nummer " + spot.number() + " " + in + street;
                case 1 -> "ter hoogte van " + street + " " + spot.number();
                default -> in + street + " bij huisnummer " + spot.number();
            };
        }
        return in + street;
    }

    private List<Resident> residents(Random random, String street, List<StreetSegment> streets, int n) {
        List<Resident> residents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Most reporters live on or near the street; others pass by.
            StreetSegment home = streets.stream().filter(s -> s.street().equals(street)).findFirst()
                    .filter(s -> random.nextInt(10) < 7).orElse(streets.get(random.nextInt(streets.size())));
            String name = name(random);
            String email = random.nextBoolean() ? null
                    : name.toLowerCase(Locale.ROOT).replace(' ', '.').replace("..", ".") + "@example.nl";
            residents.add(new Resident(name, phone(random), email, home.street(),
                    String.valueOf(houseNumber(random, home))));
        }
        return residents;
    }

    /** Who a channel knows: a text always has the sender's number, a call often shows it, the web form only if typed. */
    private static Resident reporterFor(Random random, Channel channel, Resident resident) {
        if (resident == null) {
            return null;
        }
        return switch (channel) {
            case SMS -> new Resident(null, resident.phone(), null, resident.street(), resident.houseNumber());
            case PHONE -> random.nextInt(10) < 7 ? resident : null;
            case WEB -> random.nextInt(10) < 5 ? resident : null;
            case OUTREACH -> resident;
        };
    }

    private static Channel channel(Random random) {
        int r = random.nextInt(100);
        return r < 58 ? Channel.WEB : r < 82 ? Channel.SMS : Channel.PHONE;
    }

    /** Evenings and nights for noise, youth and drugs; daytime for the rest. */
    private static Instant timeOfDay(Random random, Instant day, String category) {
        ZonedDateTime local = day.atZone(LOCAL);
        int hour = switch (category) {
            case "noise", "youth_nuisance", "drugs" -> (19 + random.nextInt(7)) % 24;
            default -> 7 + random.nextInt(14);
        };
        return local.withHour(hour).withMinute(random.nextInt(60)).withSecond(random.nextInt(60)).toInstant();
    }

    private static int houseNumber(Random random, StreetSegment segment) {
        int from = Math.max(1, segment.houseFrom());
        int to = Math.max(from, segment.houseTo());
        return from + random.nextInt(to - from + 1);
    }

    private static String name(Random random) {
        return FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
    }

    /** A Dutch mobile number in the 06-1… range; invented, and never texted (the demo sends nothing). */
    private static String phone(Random random) {
        return "+3161" + (1_000_000 + random.nextInt(8_999_999));
    }

    private static String weighted(Random random, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
