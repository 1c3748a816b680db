package nl.hartslag.report.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;


import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.place.Gazetteer;
import nl.hartslag.place.Place;
import nl.hartslag.place.Places;
import nl.hartslag.report.Channel;
import nl.hartslag.report.ContactDetails;
import nl.hartslag.report.ContactNeeded;
import nl.hartslag.report.NewReport;
import nl.hartslag.web.Idempotency;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * Every rule a web report must meet, checked at once so the resident sees all problems together.
 * Produces a {@link NewReport} with coordinates in every case.
 */
@Component
class ReportRequestValidator {

    static final int DESCRIPTION_MIN = 3;
    static final int DESCRIPTION_MAX = 4000;
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration OLDEST = Duration.ofDays(366);

    private final CategoryCatalog categories;
    private final Places places;
    private final Clock clock;
    private final ContactNeeded contactNeeded;

    ReportRequestValidator(CategoryCatalog categories, Places places, Optional<Clock> clock,
            ContactNeeded contactNeeded) {
        this.categories = categories;
        this.places = places;
        this.clock = clock.orElse(Clock.systemUTC());
        this.contactNeeded = contactNeeded;
    }

    Mono<NewReport> validate(CreateReportRequest request, Channel channel) {
        return Mono.zip(categories.all(), places.gazetteer(), contactNeeded.categories())
                .map(loaded -> check(request, channel, loaded.getT1(), loaded.getT2(), loaded.getT3()));
    }

    Optional<String> idempotencyKey(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (!Idempotency.isValidKey(header.trim())) {
            throw new InvalidRequestException(Violation.of("Idempotency-Key", "validation.idempotency-key"));
        }
        return Optional.of(header.trim());
    }

    /**
     * The same with the uploaded files (as sent): a retry must carry the same photos. Without files
     * it is {@link #fingerprint(CreateReportRequest)}, so keys stored by the JSON POST still match.
     */
    static byte[] fingerprint(CreateReportRequest r, List<byte[]> files) {
        if (files.isEmpty()) {
            return fingerprint(r);
        }
        StringBuilder digests = new StringBuilder(java.util.HexFormat.of().formatHex(fingerprint(r)));
        for (byte[] file : files) {
            digests.append('|').append(java.util.HexFormat.of().formatHex(Idempotency.fingerprint(
                    java.util.Base64.getEncoder().encodeToString(file))));
        }
        return Idempotency.fingerprint(digests.toString());
    }

    /** Same request, same fingerprint: what makes a retry a retry and not a new report under an old key. */
    static byte[] fingerprint(CreateReportRequest r) {
        CreateReportRequest.Location l = r.location();
        CreateReportRequest.Contact c = r.contact();
        List<String> parts = new ArrayList<>(List.of(Objects.toString(r.category()),
                Objects.toString(r.description()), l == null ? "" : l.lat() + "," + l.lon(),
                Objects.toString(r.address()), r.occurredAt() == null ? "" : r.occurredAt().toInstant().toString(),
                c == null ? "" : c.name() + "|" + c.phone() + "|" + c.email(), Objects.toString(r.language())));
        if (r.home() != null) {
            // Only when given: the fingerprints of requests without a home stay what they were.
            parts.add("home|" + r.home());
        }
        return Idempotency.fingerprint(parts.toArray(String[]::new));
    }

    private NewReport check(CreateReportRequest r, Channel channel, Map<String, Category> known, Gazetteer gazetteer,
            Set<String> needContact) {
        List<Violation> violations = new ArrayList<>();

        String category = Input.trimmed(r.category());
        if (category == null) {
            violations.add(Violation.of("category", "validation.category.required"));
        } else if (!known.containsKey(category)) {
            violations.add(Violation.of("category", "validation.category.unknown", category));
        }

        String description = Input.trimmed(r.description());
        if (description == null) {
            violations.add(Violation.of("description", "validation.description.required", DESCRIPTION_MIN));
        } else if (description.length() < DESCRIPTION_MIN || description.length() > DESCRIPTION_MAX) {
            violations.add(Violation.of("description", "validation.description.size", DESCRIPTION_MIN, DESCRIPTION_MAX));
        }

        Double lat = null;
        Double lon = null;
        Place place = null;
        String address = Input.trimmed(r.address());
        if (r.location() != null) {
            lat = r.location().lat();
            lon = r.location().lon();
            if (lat == null || lat < -90 || lat > 90) {
                violations.add(Violation.of("location.lat", "validation.location.lat"));
            }
            if (lon == null || lon < -180 || lon > 180) {
                violations.add(Violation.of("location.lon", "validation.location.lon"));
            }
            if (lat != null && lon != null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
                    && !places.area().contains(lat, lon)) {
                violations.add(Violation.of("location", "validation.location.outside-area"));
            }
        }
        if (address != null) {
            place = gazetteer.resolve(address, "address", violations).orElse(null);
        }
        if (r.location() == null && address == null) {
            violations.add(Violation.of("location", "validation.place.required"));
        }

        Instant occurredAt = r.occurredAt() == null ? null : r.occurredAt().toInstant();
        Instant now = clock.instant();
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(Violation.of("occurredAt", "validation.occurred-at.future"));
        } else if (occurredAt != null && occurredAt.isBefore(now.minus(OLDEST))) {
            violations.add(Violation.of("occurredAt", "validation.occurred-at.too-old"));
        }

        Optional<NewReport.Contact> contact = contact(r.contact(), violations);
        if (category != null && known.containsKey(category) && needsContact(known.get(category), needContact)
                && !reachable(r.contact())) {
            // Buurtbemiddeling works by talking to people: "we nemen contact met u op" must be true.
            violations.add(Violation.of("contact", "validation.contact.mediation"));
        }
        Optional<NewReport.Home> home = home(r.home(), gazetteer, violations);
        if (home.isPresent()) {
            contact = Optional.of(contact.orElse(new NewReport.Contact(null, null, null)).withHome(home.get()));
        }

        String language = Input.language(r.language(), "language", violations);

        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        // A GPS pin is where the resident stands; the typed address is kept as the place named.
        double storedLat = r.location() != null ? lat : place.lat();
        double storedLon = r.location() != null ? lon : place.lon();
        NewReport report = new NewReport(category, description, storedLat, storedLon, address,
                place == null ? null : place.street(), place == null ? null : place.houseNumber(), occurredAt,
                contact, language, channel);
        return r.location() != null ? report.withPin() : report;
    }

    /** A mediation category, or one the routing rules send to Buurtbemiddeling. */
    private static boolean needsContact(Category category, Set<String> needContact) {
        return category.kind() == Category.Kind.MEDIATION || needContact.contains(category.code());
    }

    /** A phone number or e-mail address was typed (whether it is valid is checked on its own field). */
    private static boolean reachable(CreateReportRequest.Contact c) {
        return c != null && (Input.trimmed(c.phone()) != null || Input.trimmed(c.email()) != null);
    }

    /**
     * "Waar woont u?": a street and house number of the gazetteer, or a violation on {@code home}. A
     * landmark is no home.
     */
    private static Optional<NewReport.Home> home(String typed, Gazetteer gazetteer, List<Violation> violations) {
        String home = Input.trimmed(typed);
        if (home == null) {
            return Optional.empty();
        }
        if (home.length() > Gazetteer.ADDRESS_MAX) {
            violations.add(Violation.of("home", "validation.size.max", Gazetteer.ADDRESS_MAX));
            return Optional.empty();
        }
        Gazetteer.Resolution resolution = gazetteer.resolve(home);
        if (resolution.place().isEmpty()) {
            violations.add(Violation.of("home", "validation.home." + switch (resolution.miss()) {
                case UNKNOWN_STREET -> "unknown-street";
                case NO_HOUSE_NUMBER -> "no-house-number";
                case HOUSE_NUMBER_NOT_ON_STREET -> "unknown-number";
            }));
            return Optional.empty();
        }
        Place place = resolution.place().get();
        if (place.houseNumber() == null) {
            violations.add(Violation.of("home", "validation.home.not-an-address"));
            return Optional.empty();
        }
        return Optional.of(new NewReport.Home(place.street(), place.houseNumber()));
    }

    private static Optional<NewReport.Contact> contact(CreateReportRequest.Contact c, List<Violation> violations) {
        return c == null ? Optional.empty() : ContactDetails.check(c.name(), c.phone(), c.email(), violations);
    }
}
