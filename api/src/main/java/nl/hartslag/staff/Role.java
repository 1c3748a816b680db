package nl.hartslag.staff;

/** What a staff member does; each sees only what that work needs. */
public enum Role {
    COORDINATOR, VOLUNTEER, WOP, PARTNER;

    public String authority() {
        return "ROLE_" + name();
    }
}
