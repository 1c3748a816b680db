package nl.hartslag.mediation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A volunteer's answer to an offer ({@code case_offer.answer}; OPEN is stored as null). Allowed moves
 * as a table; what a JA or NEE does in each situation is {@link OfferDecision}'s table.
 */
public enum OfferAnswer {
    /** Asked, not answered yet. */
    OPEN,
    ACCEPTED,
    DECLINED,
    /** Not answered within the offer time: the offer went to the next volunteer. */
    EXPIRED,
    /** The duo was complete (or the case closed) before they answered. */
    TAKEN;

    private static final Map<OfferAnswer, Set<OfferAnswer>> ALLOWED = new EnumMap<>(Map.of(
            OPEN, EnumSet.of(ACCEPTED, DECLINED, EXPIRED, TAKEN),
            // A volunteer may change their mind after a NEE, as long as the duo is not complete.
            DECLINED, EnumSet.of(ACCEPTED),
            ACCEPTED, EnumSet.noneOf(OfferAnswer.class),
            EXPIRED, EnumSet.noneOf(OfferAnswer.class),
            TAKEN, EnumSet.noneOf(OfferAnswer.class)));

    public boolean canMoveTo(OfferAnswer next) {
        return ALLOWED.get(this).contains(next);
    }

    /** The answer stored in {@code case_offer.answer} (null: not answered). */
    static OfferAnswer stored(String value) {
        return value == null ? OPEN : valueOf(value);
    }

    /** What {@code case_offer.answer} holds for this answer. */
    String column() {
        return this == OPEN ? null : name();
    }
}
