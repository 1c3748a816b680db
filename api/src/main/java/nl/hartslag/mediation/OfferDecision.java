package nl.hartslag.mediation;

import java.util.EnumMap;
import java.util.Map;

/**
 * What a volunteer's JA or NEE to an offer does, as a table of (where the offer stands, whether a
 * place in the duo is free, yes or no). A volunteer already in the duo is answered before this table
 * (nothing to decide). Replaces a chain of seven ifs whose order was the rule.
 */
enum OfferDecision {
    /** Takes a place in the duo. */
    ACCEPT(OfferAnswer.ACCEPTED, null, false),
    /** NEE: the offer goes to the next volunteer. */
    DECLINE(OfferAnswer.DECLINED, Mediations.Answer.DECLINED, true),
    /** Answered too late: recorded as expired, and the next volunteer is asked. */
    EXPIRE(OfferAnswer.EXPIRED, Mediations.Answer.EXPIRED, true),
    /** The duo is complete (or the case closed) before they answered. */
    TAKE(OfferAnswer.TAKEN, Mediations.Answer.TAKEN, false),
    /** A second NEE changes nothing. */
    STILL_DECLINED(null, Mediations.Answer.DECLINED, false),
    /** An expired offer stays expired, whatever the answer. */
    STILL_EXPIRED(null, Mediations.Answer.EXPIRED, false),
    /** The offer is over (taken by others); nothing changes. */
    STILL_TAKEN(null, Mediations.Answer.TAKEN, false);

    /** Where an offer stands when the answer comes in: its stored answer, or LAPSED when open past its time. */
    enum Standing {
        OPEN, LAPSED, ACCEPTED, DECLINED, EXPIRED, TAKEN;

        static Standing of(OfferAnswer stored, boolean pastExpiry) {
            return stored == OfferAnswer.OPEN && pastExpiry ? LAPSED : valueOf(stored.name());
        }
    }

    /** Only while a place in the duo is free (the case open, fewer than two mediators). */
    private static final Map<Standing, OfferDecision[]> PLACE_FREE = new EnumMap<>(Map.of(
            // { after NEE, after JA }
            Standing.OPEN, new OfferDecision[] { DECLINE, ACCEPT },
            Standing.LAPSED, new OfferDecision[] { EXPIRE, EXPIRE },
            Standing.DECLINED, new OfferDecision[] { STILL_DECLINED, ACCEPT },
            Standing.EXPIRED, new OfferDecision[] { STILL_EXPIRED, STILL_EXPIRED },
            Standing.TAKEN, new OfferDecision[] { STILL_TAKEN, STILL_TAKEN },
            // Accepted but not in the duo cannot happen (assignments are never removed); nothing to do.
            Standing.ACCEPTED, new OfferDecision[] { STILL_TAKEN, STILL_TAKEN }));

    /** The duo is complete or the case closed: an unanswered offer is taken, any other stays as it is. */
    private static final Map<Standing, OfferDecision> NO_PLACE = new EnumMap<>(Map.of(
            Standing.OPEN, TAKE,
            Standing.LAPSED, TAKE,
            Standing.DECLINED, STILL_TAKEN,
            Standing.EXPIRED, STILL_TAKEN,
            Standing.TAKEN, STILL_TAKEN,
            Standing.ACCEPTED, STILL_TAKEN));

    /** The answer written to the offer (null: unchanged). */
    final OfferAnswer writes;
    /** What the volunteer hears (null for ACCEPT: it depends on whether the duo is now complete). */
    final Mediations.Answer answer;
    /** Whether the next volunteer is asked. */
    final boolean asksNext;

    OfferDecision(OfferAnswer writes, Mediations.Answer answer, boolean asksNext) {
        this.writes = writes;
        this.answer = answer;
        this.asksNext = asksNext;
    }

    static OfferDecision of(Standing standing, boolean placeFree, boolean yes) {
        return placeFree ? PLACE_FREE.get(standing)[yes ? 1 : 0] : NO_PLACE.get(standing);
    }
}
