package nl.hartslag.mediation;

import org.springframework.context.support.DefaultMessageSourceResolvable;

import nl.hartslag.casework.Outcome;
import nl.hartslag.domain.IllegalTransition;

/**
 * An outcome about the talks was asked for before any conversation was recorded (problem code
 * {@code mediation-needs-conversation}; the detail names the missing step in the reader's language).
 */
class MediationNeedsConversation extends IllegalTransition {

    MediationNeedsConversation(MediationStep from, MediationStep missing, Outcome outcome) {
        super("mediation-needs-conversation", from, MediationStep.CLOSED,
                new DefaultMessageSourceResolvable(new String[] { missing.labelCode() }, missing.name()),
                outcome.name());
    }
}
