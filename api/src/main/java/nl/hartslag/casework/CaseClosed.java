package nl.hartslag.casework;

import nl.hartslag.domain.Refused;

/** The case is closed: nothing on it changes any more (problem code {@code case-closed}). */
public class CaseClosed extends Refused {

    public CaseClosed() {
        super("case-closed");
    }
}
