package nl.hartslag.report;

/** How a report reached us. */
public enum Channel {
    WEB, SMS, PHONE, OUTREACH;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
