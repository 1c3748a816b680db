package nl.hartslag.escalation;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an action agreed in a meeting stands (stored in {@code agreed_action.status}, in step with
 * {@code done_at}). Overdue is not a state: it is an open action past its due date.
 *
 * <pre>
 * OPEN → DONE (by the action's own agency taking part in its meeting, or the coordinator)
 * DONE → nothing (done is recorded once, with its note; a new need is a new action)
 * </pre>
 */
public enum ActionStatus {
    OPEN, DONE;

    private static final Map<ActionStatus, Set<ActionStatus>> ALLOWED = Map.of(
            OPEN, EnumSet.of(DONE),
            DONE, EnumSet.noneOf(ActionStatus.class));

    public boolean canMoveTo(ActionStatus next) {
        return ALLOWED.get(this).contains(next);
    }
}
