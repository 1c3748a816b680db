package nl.hartslag.place;

import static nl.hartslag.db.SqlParams.nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.domain.Refused;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of landmarks. A coordinator's landmark is stored with a {@code NOTIFY} on
 * {@value #CHANNEL} in the same transaction (PostgreSQL delivers it at commit); after the commit
 * this instance reloads its places, and every other instance does when the notification arrives
 * ({@link PlaceNotifications}). Either way {@link PlacesChanged} tells the matching engine and the
 * text reader, and the next report that names the landmark finds it — no restart.
 */
@Service
public class Landmarks {

    /** The channel instances listen on for added landmarks. */
    public static final String CHANNEL = "hartslag_places";

    static final int NAME_MAX = 80;
    static final int ALIAS_MAX = 60;
    static final int ALIASES_MAX = 20;
    private static final Pattern STREET = Pattern.compile("^(.*?)(?:\\s+(\\d{1,5})(?:\\s*[-\u2013]\\s*(\\d{1,5}))?)?$");
    /** Letters (any script), digits, spaces and the punctuation of place names; never the places file's separators. */
    private static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} .'’&()/-]*$");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Places places;

    Landmarks(DatabaseClient db, TransactionalOperator tx, Places places) {
        this.db = db;
        this.tx = tx;
        this.places = places;
    }

    /** Every landmark, seed and added, by name. */
    public Flux<Landmark> all() {
        return db.sql("""
                select name, lat, lon, neighbourhood, aliases, street, added_by, added_at from named_place
                 order by lower(name)
                """)
                .map(row -> {
                    String[] aliases = row.get("aliases", String[].class);
                    java.time.OffsetDateTime at = row.get("added_at", java.time.OffsetDateTime.class);
                    return new Landmark(row.get("name", String.class), row.get("lat", Double.class),
                            row.get("lon", Double.class), row.get("neighbourhood", String.class),
                            aliases == null ? List.of() : List.of(aliases), row.get("street", String.class),
                            row.get("added_by", String.class), at == null ? null : at.toInstant());
                })
                .all();
    }

    /**
     * Adds a landmark, or refuses with every field that is wrong (400) or because its name is
     * taken (409). The places of this instance are reloaded before the answer.
     */
    public Mono<Landmark> add(NewLandmark request, String addedBy) {
        return places.gazetteer().flatMap(gazetteer -> {
            List<Violation> violations = new ArrayList<>();
            String name = request.name() == null ? "" : request.name().strip().replaceAll("\\s+", " ");
            if (name.length() < 2 || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
                violations.add(Violation.of("name", "validation.landmark.name", 2, NAME_MAX));
            }
            if (request.lat() == null || request.lon() == null
                    || !places.area().contains(request.lat(), request.lon())) {
                violations.add(Violation.of(request.lat() == null || request.lon() == null
                        ? (request.lat() == null ? "lat" : "lon") : "lat", "validation.landmark.outside-area"));
            }
            List<String> aliases = aliases(request.aliases(), name, violations);
            String street = street(request.street(), gazetteer, violations);
            String neighbourhood = request.neighbourhood() == null || request.neighbourhood().isBlank() ? null
                    : request.neighbourhood().strip();
            if (neighbourhood != null && (neighbourhood.length() > NAME_MAX || !NAME.matcher(neighbourhood).matches())) {
                violations.add(Violation.of("neighbourhood", "validation.landmark.name", 2, NAME_MAX));
            }
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            // Unless told, the neighbourhood of the nearest street: "hoensbroek" in a text then narrows to it.
            String area = neighbourhood != null ? neighbourhood
                    : gazetteer.nearestNeighbourhood(request.lat(), request.lon()).orElse("");
            Instant now = Instant.now();
            Landmark landmark = new Landmark(name, request.lat(), request.lon(), area, aliases, street, addedBy, now);
            return insert(landmark).then(places.reload()).thenReturn(landmark);
        });
    }

    private Mono<Void> insert(Landmark landmark) {
        Mono<Void> write = db.sql("select count(*) as n from named_place where lower(name) = lower(:name)")
                .bind("name", landmark.name())
                .map(row -> row.get("n", Long.class)).one()
                .flatMap(n -> n > 0 ? Mono.error(new Refused("landmark-exists", landmark.name())) : Mono.just(n))
                .then(Mono.defer(() -> {
                    return db.sql("""
                            insert into named_place (name, lat, lon, neighbourhood, aliases, street, added_by, added_at)
                            values (:name, :lat, :lon, :neighbourhood, :aliases, :street, :addedBy, :addedAt)
                            """)
                            .bind("name", landmark.name())
                            .bind("lat", landmark.lat())
                            .bind("lon", landmark.lon())
                            .bind("neighbourhood", landmark.neighbourhood())
                            .bind("aliases", landmark.aliases().toArray(new String[0]))
                            .bind("street", nullable(landmark.street(), String.class))
                            .bind("addedBy", landmark.addedBy())
                            .bind("addedAt", landmark.addedAt().atOffset(java.time.ZoneOffset.UTC))
                            .fetch().rowsUpdated();
                }))
                // Delivered by PostgreSQL at commit, to every instance listening (this one too).
                .then(db.sql("select pg_notify(:channel, :payload)").bind("channel", CHANNEL)
                        .bind("payload", landmark.name()).fetch().rowsUpdated())
                .then();
        return tx.transactional(write)
                .onErrorMap(org.springframework.dao.DuplicateKeyException.class,
                        e -> new Refused("landmark-exists", landmark.name()));
    }

    private static List<String> aliases(List<String> given, String name, List<Violation> violations) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > ALIASES_MAX) {
            violations.add(Violation.of("aliases", "validation.landmark.aliases", ALIASES_MAX));
            return List.of();
        }
        LinkedHashSet<String> aliases = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String alias = given.get(i) == null ? "" : given.get(i).strip().replaceAll("\\s+", " ");
            if (alias.length() < 2 || alias.length() > ALIAS_MAX || !NAME.matcher(alias).matches()) {
                violations.add(Violation.of("aliases[" + i + "]", "validation.landmark.alias", 2, ALIAS_MAX));
            } else if (!alias.equalsIgnoreCase(name)) {
                aliases.add(alias);
            }
        }
        return List.copyOf(aliases);
    }

    /** "Palmstraat 2", "Passartweg 118-130" or just "Palmstraat": a street of the gazetteer, written as it spells it. */
    private static String street(String given, Gazetteer gazetteer, List<Violation> violations) {
        if (given == null || given.isBlank()) {
            return null;
        }
        Matcher m = STREET.matcher(given.strip());
        if (given.length() > 120 || !m.matches()) {
            violations.add(Violation.of("street", "validation.address.unknown-street"));
            return null;
        }
        Optional<String> known = gazetteer.streetName(m.group(1));
        if (known.isEmpty()) {
            violations.add(Violation.of("street", "validation.address.unknown-street"));
            return null;
        }
        if (m.group(3) != null && Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(2))) {
            violations.add(Violation.of("street", "validation.landmark.street-range"));
            return null;
        }
        return known.get() + (m.group(2) == null ? "" : " " + m.group(2) + (m.group(3) == null ? "" : "-" + m.group(3)));
    }
}
