package nl.hartslag.norms;

/** What is late: the first response (nobody has moved the report out of RECEIVED) or the resolution. */
public enum Lateness {
    RESPONSE, RESOLUTION;

    public String labelCode() {
        return "norms.late." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
