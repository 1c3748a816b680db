package nl.hartslag.place;

import java.util.List;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The gazetteer as loaded from PostgreSQL (the seed migrations fill it). Read once and kept; read
 * again when a landmark is added ({@link #reload()}, here or on another instance, see
 * {@link PlaceNotifications}), and then {@link PlacesChanged} tells whoever keeps its own copy.
 */
@Service
public class Places {

    /** The gazetteer's rows as stored, for features that build their own index of them (matching). */
    public record Rows(List<StreetSegment> streets, List<NamedPlace> places) {
    }

    private final DatabaseClient db;
    private final ServiceArea configured;
    private volatile ServiceArea area;
    private final ApplicationEventPublisher events;
    private volatile Mono<Rows> rows;
    private volatile Mono<Gazetteer> gazetteer;

    Places(DatabaseClient db, ServiceArea area, ApplicationEventPublisher events) {
        this.db = db;
        this.configured = area;
        this.area = area;
        this.events = events;
        // The first read (at start, by the matching engine's lifecycle) widens the area for loaded neighbourhoods.
        this.rows = load().doOnNext(r -> this.area = configured.including(r.streets())).cache();
        this.gazetteer = rows.map(r -> new Gazetteer(r.streets(), r.places())).cache();
    }

    private Mono<Rows> load() {
        Mono<List<StreetSegment>> streets = db.sql(
                "select street, house_from, house_to, postcode, lat, lon, neighbourhood from street_segment order by id")
                .map(row -> new StreetSegment(row.get("street", String.class), row.get("house_from", Integer.class),
                        row.get("house_to", Integer.class), row.get("postcode", String.class),
                        row.get("lat", Double.class), row.get("lon", Double.class),
                        row.get("neighbourhood", String.class)))
                .all().collectList();
        Mono<List<NamedPlace>> places = db.sql(
                "select name, lat, lon, neighbourhood, aliases, street from named_place order by id")
                .map(row -> {
                    String[] aliases = row.get("aliases", String[].class);
                    return new NamedPlace(row.get("name", String.class), row.get("lat", Double.class),
                            row.get("lon", Double.class), row.get("neighbourhood", String.class),
                            aliases == null ? List.of() : List.of(aliases), row.get("street", String.class));
                })
                .all().collectList();
        return Mono.zip(streets, places, (s, p) -> new Rows(List.copyOf(s), List.copyOf(p)));
    }

    /**
     * Reads the rows again; when they differ from what was kept, keeps the new ones and publishes
     * {@link PlacesChanged}. Emits whether they changed.
     */
    public Mono<Boolean> reload() {
        return load().flatMap(fresh -> rows.map(old -> {
            synchronized (this) {
                if (fresh.equals(old)) {
                    return false;
                }
                rows = Mono.just(fresh);
                area = configured.including(fresh.streets());
                gazetteer = Mono.just(new Gazetteer(fresh.streets(), fresh.places()));
            }
            events.publishEvent(new PlacesChanged(fresh));
            return true;
        }));
    }

    /**
     * Every name of a place the service knows: streets, neighbourhoods, named places and their aliases
     * (the retention job keeps them in a pseudonymised text: a place is not personal data).
     */
    public Mono<List<String>> knownNames() {
        return rows().map(r -> {
            java.util.Set<String> names = new java.util.TreeSet<>();
            r.streets().forEach(s -> {
                names.add(s.street());
                if (s.neighbourhood() != null) {
                    names.add(s.neighbourhood());
                }
            });
            r.places().forEach(p -> {
                names.add(p.name());
                names.addAll(p.aliases());
                if (p.neighbourhood() != null) {
                    names.add(p.neighbourhood());
                }
            });
            return List.copyOf(names);
        });
    }

    /** The service area's street names, sorted, each once. */
    public Mono<List<String>> streetNames() {
        return rows().map(r -> r.streets().stream().map(StreetSegment::street).distinct().sorted().toList());
    }

    public Mono<Gazetteer> gazetteer() {
        return Mono.defer(() -> gazetteer);
    }

    public Mono<Rows> rows() {
        return Mono.defer(() -> rows);
    }

    /**
     * The area we serve: the configured rectangle, widened to cover every loaded neighbourhood with
     * streets outside it (see {@link ServiceArea#including}).
     */
    public ServiceArea area() {
        return area;
    }

    /** The rectangle as configured ({@code hartslag.service-area.*}), before any widening. */
    public ServiceArea configuredArea() {
        return configured;
    }
}
