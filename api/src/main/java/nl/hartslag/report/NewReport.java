package nl.hartslag.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import nl.hartslag.photo.ProcessedPhoto;

/**
 * A report that passed every rule, ready to store: coordinates always set (from the pin or from
 * the gazetteer), the typed address kept as given; {@code pin} says whether they are a GPS pin. A text or call that never said where gets the
 * service area's middle with {@code placeKnown} false, so nothing the resident told us is lost.
 */
public record NewReport(String categoryCode, String description, double lat, double lon, String addressText,
        String street, String houseNumber, Instant occurredAt, Optional<Contact> contact, String language,
        Channel channel, boolean placeKnown, List<Photo> photos, Float speechConfidence, boolean pin) {

    public NewReport {
        photos = List.copyOf(photos);
    }

    /** Not a GPS pin: lat/lon came from the typed address, the words, a cluster or the area's middle. */
    public NewReport(String categoryCode, String description, double lat, double lon, String addressText,
            String street, String houseNumber, Instant occurredAt, Optional<Contact> contact, String language,
            Channel channel, boolean placeKnown, List<Photo> photos, Float speechConfidence) {
        this(categoryCode, description, lat, lon, addressText, street, houseNumber, occurredAt, contact, language,
                channel, placeKnown, photos, speechConfidence, false);
    }

    /** The same report, its lat/lon a GPS pin the resident dropped: where they stood, not their typed address. */
    public NewReport withPin() {
        return new NewReport(categoryCode, description, lat, lon, addressText, street, houseNumber, occurredAt,
                contact, language, channel, placeKnown, photos, speechConfidence, true);
    }

    /** A web report: the place is always known, no photos by URL, no speech. */
    public NewReport(String categoryCode, String description, double lat, double lon, String addressText,
            String street, String houseNumber, Instant occurredAt, Optional<Contact> contact, String language,
            Channel channel) {
        this(categoryCode, description, lat, lon, addressText, street, houseNumber, occurredAt, contact, language,
                channel, true, List.of(), null);
    }

    /** The same report with photos the resident uploaded (already stripped and downscaled). */
    public NewReport withUploads(List<ProcessedPhoto> uploads) {
        List<Photo> all = new java.util.ArrayList<>(photos);
        uploads.forEach(u -> all.add(Photo.stored(u)));
        return new NewReport(categoryCode, description, lat, lon, addressText, street, houseNumber, occurredAt,
                contact, language, channel, placeKnown, all, speechConfidence, pin);
    }

    /**
     * A photo: one sent with a text message (MMS), by the URL Twilio keeps it at, or one uploaded
     * with a web report and kept by us ({@code stored}: {@code url} is then null until it is stored,
     * and read back as the staff URL that serves it).
     */
    public record Photo(String url, String contentType, ProcessedPhoto stored) {

        public Photo(String url, String contentType) {
            this(url, contentType, null);
        }

        static Photo stored(ProcessedPhoto photo) {
            return new Photo(null, photo.contentType(), photo);
        }

        /** A smaller version to show in a list, when we keep one (null for MMS photos and HEIC). */
        public String thumbnailUrl() {
            return url != null && url.startsWith("/api/") && "image/jpeg".equals(contentType) ? url + "?size=thumb"
                    : null;
        }
    }

    /**
     * How to reach the reporter, and where they live if they said ("Waar woont u?", null when not).
     * Personal data: stored apart, never shown publicly or logged.
     */
    public record Contact(String name, String phoneE164, String email, Home home) {

        public Contact(String name, String phoneE164, String email) {
            this(name, phoneE164, email, null);
        }

        /** The same contact with the reporter's home. */
        public Contact withHome(Home home) {
            return new Contact(name, phoneE164, email, home);
        }

        @Override
        public String toString() {
            return "Contact[redacted]";
        }
    }

    /**
     * The reporter's home as the gazetteer spells it ("Eikstraat", "12a"): where they live, which is
     * not where the problem is. Only ever shown to coordinators.
     */
    public record Home(String street, String houseNumber) {

        public Home {
            if (street == null || street.isBlank() || houseNumber == null || houseNumber.isBlank()) {
                throw new IllegalArgumentException("a home is a street and a house number");
            }
        }

        /** "Eikstraat 12a". */
        public String label() {
            return street + " " + houseNumber;
        }

        @Override
        public String toString() {
            return "Home[redacted]";
        }
    }
}
