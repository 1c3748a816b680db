package nl.hartslag.matching;

import java.util.List;
import java.util.Locale;

/**
 * Picks a report's problem place from the place evidence ({@link Features#places()}). Written over
 * what a piece of evidence is rather than over a list of sources, so new kinds of evidence
 * (landmarks, corners…) fall into place:
 * <ol>
 * <li>what the words say: a named place or landmark, then a street with a house number, then a street;</li>
 * <li>a position handed over without words (a map link, a pin);</li>
 * <li>the typed address, street level only, when nothing else says where: it is often the reporter's home.</li>
 * </ol>
 */
final class ProblemPlaces {

    private ProblemPlaces() {
    }

    static ReportReading read(Features features) {
        List<Place> places = features.places();
        IncomingReport report = features.report();
        boolean typed = report.address() != null && !report.address().isBlank();
        boolean typedParsed = typed && places.stream().anyMatch(ProblemPlaces::typed);
        // A map link counts as said (it is in the text); the report's own pin does not.
        boolean inWords = places.stream().anyMatch(p -> !typed(p) && !ownPin(p, report));
        return new ReportReading(choose(places, report), !features.kindVector().isEmpty(), inWords, typed,
                typedParsed);
    }

    static ProblemPlace choose(List<Place> places, IncomingReport report) {
        Place best = null;
        int bestRank = Integer.MAX_VALUE;
        // The evidence comes strongest first: on equal rank the earlier piece wins.
        for (Place p : places) {
            int rank = rank(p);
            if (rank < bestRank) {
                best = p;
                bestRank = rank;
            }
        }
        if (best == null) {
            return ProblemPlace.unknown();
        }
        String source = best.source().name().toLowerCase(Locale.ROOT);
        if (typed(best)) {
            // Street level only: the number is most likely the reporter's own front door.
            return new ProblemPlace(ProblemPlace.TYPED_ADDRESS, best.street(), null, null, best.lat(), best.lon());
        }
        return new ProblemPlace(source, best.street(), best.houseNumber() > 0 ? best.houseNumber() : null,
                best.namedPlace(), best.lat(), best.lon());
    }

    private static int rank(Place p) {
        if (typed(p)) {
            return 5;
        }
        if (handedOver(p)) {
            return 4;
        }
        if (p.namedPlace() != null) {
            return 0;
        }
        if (p.street() != null && p.houseNumber() > 0) {
            return 1;
        }
        if (p.street() != null) {
            return 2;
        }
        return 3;
    }

    private static boolean typed(Place p) {
        return p.source() == Place.Source.TYPED_ADDRESS;
    }

    /** A bare position (a pin, a map link): precise, but neither a name nor a street. */
    private static boolean handedOver(Place p) {
        return p.namedPlace() == null && p.street() == null && p.hasCoordinates();
    }

    /** The report's own coordinates handed back as evidence: a pin, not something the words said. */
    private static boolean ownPin(Place p, IncomingReport report) {
        return handedOver(p) && report.hasCoordinates() && p.lat().equals(report.lat())
                && p.lon().equals(report.lon());
    }
}
