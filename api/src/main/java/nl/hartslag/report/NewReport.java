package nl.hartslag.report;

import java.time.Instant;
import java.util.Optional;

/**
 * A report that passed every rule, ready to store: coordinates always set (from the pin or from
 * the gazetteer), the typed address kept as given.
 */
public record NewReport(String categoryCode, String description, double lat, double lon, String addressText,
        String street, String houseNumber, Instant occurredAt, Optional<Contact> contact, String language,
        Channel channel) {

    /** How to reach the reporter. Personal data: stored apart, never shown publicly or logged. */
    public record Contact(String name, String phoneE164, String email) {

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }
}
