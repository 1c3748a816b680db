package nl.hartslag.matching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model's largest contributions in a few plain Dutch words for coordinators: "zelfde plek:
 * Speeltuin Jasmijnhof", "2 dagen later", "zelfde soort overlast", "andere straat genoemd". Inputs
 * that say the same thing (the place score, the same street, closeness of pins) are summed into one
 * topic, so a reason appears once.
 */
final class Reasons {

    /** Below this summed effect (log-odds) a topic is not worth a coordinator's attention. */
    private static final double NOTEWORTHY = 0.3;
    private static final int MAX = 5;

    private enum Topic {
        PLACE, KIND, WORDS, FOLLOW_UP, DISPUTE, TIME, STREET_CONFLICT, PLACE_CONFLICT, NUMBER_CONFLICT,
        KIND_CONFLICT, ADDRESS_KIND_CONFLICT, OTHER
    }

    private static final Map<String, Topic> TOPIC = Map.ofEntries(
            Map.entry("place", Topic.PLACE), Map.entry("samePlace", Topic.PLACE), Map.entry("sameNumber", Topic.PLACE),
            Map.entry("nearNumber", Topic.PLACE), Map.entry("sameStreet", Topic.PLACE),
            Map.entry("distance", Topic.PLACE), Map.entry("vagueXplace", Topic.PLACE),
            Map.entry("vagueXdistance", Topic.PLACE), Map.entry("namedStreet", Topic.PLACE), Map.entry("homePlace", Topic.PLACE),
            Map.entry("placeShare", Topic.PLACE),
            Map.entry("kind", Topic.KIND), Map.entry("family", Topic.KIND), Map.entry("kindMax", Topic.KIND),
            Map.entry("categoryConcepts", Topic.KIND), Map.entry("sameCategory", Topic.KIND),
            Map.entry("placeXkind", Topic.KIND), Map.entry("placeXfamily", Topic.KIND),
            Map.entry("namedStreetXfamily", Topic.KIND),
            Map.entry("text", Topic.WORDS), Map.entry("textMax", Topic.WORDS), Map.entry("grams", Topic.WORDS),
            Map.entry("placeXtext", Topic.WORDS), Map.entry("placeXgrams", Topic.WORDS),
            Map.entry("followUp", Topic.FOLLOW_UP), Map.entry("followUpXplace", Topic.FOLLOW_UP),
            Map.entry("followUpLatest", Topic.FOLLOW_UP), Map.entry("disputeNeighbours", Topic.DISPUTE),
            Map.entry("gap", Topic.TIME), Map.entry("near3days", Topic.TIME),
            Map.entry("streetConflict", Topic.STREET_CONFLICT), Map.entry("placeConflict", Topic.PLACE_CONFLICT),
            Map.entry("numberConflict", Topic.NUMBER_CONFLICT), Map.entry("familyConflict", Topic.KIND_CONFLICT),
            Map.entry("addressKindConflict", Topic.ADDRESS_KIND_CONFLICT));

    private Reasons() {
    }

    static List<String> of(List<MatchExplanation.Contribution> contributions, String placeBasis, Double metres,
            Duration gap) {
        Map<Topic, Double> effect = new LinkedHashMap<>();
        Map<String, Double> value = new LinkedHashMap<>();
        for (MatchExplanation.Contribution c : contributions) {
            effect.merge(TOPIC.getOrDefault(c.feature(), Topic.OTHER), c.effect(), Double::sum);
            value.put(c.feature(), c.value());
        }
        List<Map.Entry<Topic, Double>> positive = new ArrayList<>();
        List<Map.Entry<Topic, Double>> negative = new ArrayList<>();
        effect.entrySet().stream()
                .filter(e -> e.getKey() != Topic.OTHER && e.getKey() != Topic.TIME)
                .filter(e -> Math.abs(e.getValue()) >= NOTEWORTHY)
                .sorted((a, b) -> Double.compare(Math.abs(b.getValue()), Math.abs(a.getValue())))
                .forEach(e -> (e.getValue() > 0 ? positive : negative).add(e));
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<Topic, Double> e : positive) {
            reasons.add(say(e.getKey(), value, placeBasis, metres));
            if (reasons.size() == 1) {
                reasons.add(when(gap)); // "zelfde speeltuin, 2 dagen later, ..."
            }
        }
        if (reasons.isEmpty()) {
            reasons.add(when(gap));
        }
        for (Map.Entry<Topic, Double> e : negative) {
            reasons.add(say(e.getKey(), value, placeBasis, metres));
        }
        return reasons.size() > MAX ? List.copyOf(reasons.subList(0, MAX)) : List.copyOf(reasons);
    }

    private static String when(Duration gap) {
        long days = gap.toDays();
        if (gap.toHours() < 12) {
            return "kort na de vorige melding";
        }
        return days <= 1 ? "1 dag later" : days + " dagen later";
    }

    private static String say(Topic topic, Map<String, Double> value, String basis, Double metres) {
        boolean has = basis != null && !basis.isBlank();
        return switch (topic) {
            case PLACE -> {
                if (value.getOrDefault("samePlace", 0.0) > 0 && has) {
                    yield "zelfde plek: " + basis;
                }
                if (value.getOrDefault("sameNumber", 0.0) > 0 && has) {
                    yield "zelfde adres: " + basis;
                }
                if (has && basis.endsWith(" m") && metres != null) {
                    yield Math.round(metres) + " m van elkaar";
                }
                if (value.getOrDefault("sameStreet", 0.0) > 0 || value.getOrDefault("namedStreet", 0.0) > 0) {
                    yield has ? "zelfde straat: " + basis : "zelfde straat";
                }
                yield has ? "dichtbij: " + basis : "dichtbij";
            }
            case KIND -> "zelfde soort overlast";
            case WORDS -> "veel dezelfde woorden";
            case FOLLOW_UP -> "vervolgmelding ('weer', 'nog steeds') op dezelfde plek";
            case DISPUTE -> "buren die elkaar melden (huisnummers naast elkaar)";
            case STREET_CONFLICT -> "andere straat genoemd";
            case PLACE_CONFLICT -> "andere plek genoemd";
            case NUMBER_CONFLICT -> "ander huisnummer";
            case KIND_CONFLICT -> "ander soort probleem";
            case ADDRESS_KIND_CONFLICT -> "ander probleem op hetzelfde adres";
            case TIME, OTHER -> "";
        };
    }
}
