package nl.hartslag.casework;

/** Categories the case kernel treats apart, the same for every instrument. */
public final class Categories {

    /**
     * A worry about a household: it stays with the coordinator, never reaches volunteers or the WOP
     * (enforced in the rule table, in {@code case_file}'s check, and in every volunteer and WOP query).
     */
    public static final String DOMESTIC = "domestic";

    private Categories() {
    }

    public static boolean isDomestic(String categoryCode) {
        return DOMESTIC.equals(categoryCode);
    }
}
