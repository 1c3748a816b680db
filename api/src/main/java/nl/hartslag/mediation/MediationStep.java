package nl.hartslag.mediation;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.hartslag.casework.Outcome;

/**
 * The steps of the mediation method ({@code case_file.step}): intake by the coordinator, offered to
 * volunteers, a duo assigned, the conversation with party A, with party B, the joint conversation,
 * closed. Three tables decide every move, so no code compares steps by their order:
 * <ul>
 * <li>{@link #ALLOWED}: which step may follow which;</li>
 * <li>{@link #AFTER_CONVERSATION}: the step a recorded conversation moves the case to (a later
 * conversation never moves it back: after the joint conversation a call with party A keeps it at
 * JOINT);</li>
 * <li>{@link #CLOSES_WITH}: which outcomes may close the case from which step. An outcome about the
 * talks (agreement, partial, no agreement) needs a recorded conversation (TALK_A, TALK_B or JOINT):
 * without one, nobody talked, so nothing was agreed or failed. Outcomes that end a mediation because
 * it cannot happen (a party declined, not suitable, referred elsewhere) are known before any talk,
 * often at intake, so they may close from INTAKE, OFFERED or ASSIGNED too.</li>
 * </ul>
 */
public enum MediationStep {
    INTAKE, OFFERED, ASSIGNED, TALK_A, TALK_B, JOINT, CLOSED;

    private static final Set<Outcome> BEFORE_ANY_TALK = EnumSet.of(Outcome.PARTY_DECLINED, Outcome.NOT_SUITABLE,
            Outcome.REFERRED);
    private static final Set<Outcome> ANY_OUTCOME = EnumSet.allOf(Outcome.class);

    private static final Map<MediationStep, Set<MediationStep>> ALLOWED = new EnumMap<>(Map.of(
            INTAKE, EnumSet.of(OFFERED, CLOSED),
            // The first mediator may talk to a party before the second one joins.
            OFFERED, EnumSet.of(ASSIGNED, TALK_A, TALK_B, JOINT, CLOSED),
            ASSIGNED, EnumSet.of(TALK_A, TALK_B, JOINT, CLOSED),
            TALK_A, EnumSet.of(TALK_B, JOINT, CLOSED),
            TALK_B, EnumSet.of(JOINT, CLOSED),
            JOINT, EnumSet.of(CLOSED),
            CLOSED, EnumSet.noneOf(MediationStep.class)));

    private static final Map<Conversation, MediationStep> FIRST_TALK = Map.of(
            Conversation.PARTY_A, TALK_A, Conversation.PARTY_B, TALK_B, Conversation.JOINT, JOINT);

    /** Where a recorded conversation takes the case; a step missing here records no conversation. */
    private static final Map<MediationStep, Map<Conversation, MediationStep>> AFTER_CONVERSATION = new EnumMap<>(Map.of(
            OFFERED, FIRST_TALK,
            ASSIGNED, FIRST_TALK,
            TALK_A, Map.of(Conversation.PARTY_A, TALK_A, Conversation.PARTY_B, TALK_B, Conversation.JOINT, JOINT),
            TALK_B, Map.of(Conversation.PARTY_A, TALK_B, Conversation.PARTY_B, TALK_B, Conversation.JOINT, JOINT),
            JOINT, Map.of(Conversation.PARTY_A, JOINT, Conversation.PARTY_B, JOINT, Conversation.JOINT, JOINT)));

    private static final Map<MediationStep, Set<Outcome>> CLOSES_WITH = new EnumMap<>(Map.of(
            INTAKE, BEFORE_ANY_TALK,
            OFFERED, BEFORE_ANY_TALK,
            ASSIGNED, BEFORE_ANY_TALK,
            TALK_A, ANY_OUTCOME,
            TALK_B, ANY_OUTCOME,
            JOINT, ANY_OUTCOME,
            CLOSED, EnumSet.noneOf(Outcome.class)));

    public boolean canMoveTo(MediationStep next) {
        return ALLOWED.get(this).contains(next);
    }

    /**
     * The step after a conversation of this kind is recorded: the same step for {@link Conversation#OTHER}
     * or a conversation that does not take the method further; empty when no conversation can be
     * recorded in this step (at intake, when closed).
     */
    public Optional<MediationStep> afterConversation(Conversation conversation) {
        Map<Conversation, MediationStep> moves = AFTER_CONVERSATION.get(this);
        if (moves == null) {
            return Optional.empty();
        }
        return Optional.of(moves.getOrDefault(conversation, this));
    }

    /** The step when the duo is complete: ASSIGNED from OFFERED; a step further along stays. */
    public MediationStep afterDuoComplete() {
        return canMoveTo(ASSIGNED) ? ASSIGNED : this;
    }

    /** The step after the case was offered to volunteers: OFFERED from INTAKE, otherwise unchanged. */
    public MediationStep afterOffer() {
        return canMoveTo(OFFERED) ? OFFERED : this;
    }

    /** Whether a mediation in this step may close with this outcome. */
    public boolean canCloseWith(Outcome outcome) {
        return CLOSES_WITH.get(this).contains(outcome);
    }

    /**
     * The step whose conversation must be recorded before the case may close with this outcome
     * (the first conversation of the method, with party A); empty when it may close now or never.
     */
    public Optional<MediationStep> missingBefore(Outcome outcome) {
        if (this == CLOSED || canCloseWith(outcome)) {
            return Optional.empty();
        }
        return Optional.of(FIRST_TALK.get(Conversation.PARTY_A));
    }

    /** The message key of the step's name, e.g. {@code mediation.step.talk_a} ("gesprek met partij A"). */
    public String labelCode() {
        return "mediation.step." + name().toLowerCase(Locale.ROOT);
    }
}
