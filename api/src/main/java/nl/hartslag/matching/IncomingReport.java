package nl.hartslag.matching;

import java.time.Instant;

/**
 * A report as the engine sees it: what was said, where (GPS pin and/or typed address, both
 * optional and often the reporter's own home), when, through which channel, and the category the
 * resident chose (a hint: wrong about 15% of the time, usually absent for SMS and phone).
 */
public record IncomingReport(String id, Instant receivedAt, String channel, String text, Double lat, Double lon,
        String address, String category) {

    public IncomingReport {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a report needs an id");
        }
        if (receivedAt == null) {
            throw new IllegalArgumentException("a report needs received_at");
        }
        // Issue 15: no phone number or e-mail address is read, scored or indexed (the index is on disk).
        text = text == null ? "" : ContactDetails.strip(text);
        address = ContactDetails.strip(address);
        if ((lat == null) != (lon == null)) {
            throw new IllegalArgumentException("lat and lon come together");
        }
    }

    boolean hasCoordinates() {
        return lat != null;
    }
}
