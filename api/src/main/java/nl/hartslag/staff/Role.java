package nl.hartslag.staff;

/** What a staff member does; each sees only what that work needs. */
public enum Role {
    COORDINATOR, VOLUNTEER, WOP, PARTNER,
    /** Door-to-door outreach: files reports on a resident's behalf and records visits (issue 16). */
    OUTREACH;

    public String authority() {
        return "ROLE_" + name();
    }
}
