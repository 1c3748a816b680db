package nl.hartslag.report;

import java.time.Instant;

/**
 * The safeguard of a report that was ever about a worry in a household: whatever its category
 * became, it reaches volunteers or the WOP only once a second coordinator agreed with the first
 * one's change. {@code changedBy} made the last category change, {@code agreedBy} (another account)
 * agreed to it; a new category change needs a new agreement.
 */
public record Safeguard(boolean safeguarded, String changedBy, String agreedBy, Instant agreedAt) {

    static final Safeguard NONE = new Safeguard(false, null, null, null);

    /** True while the report may go to nobody but the coordinator. */
    public boolean holds() {
        return safeguarded && agreedBy == null;
    }
}
