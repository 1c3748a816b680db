package nl.hartslag.place;

import java.util.List;

import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The gazetteer as loaded from PostgreSQL (the seed migration fills it). Read once and kept: it
 * changes only with a migration, which means a restart.
 */
@Service
public class Places {

    /** The gazetteer's rows as stored, for features that build their own index of them (matching). */
    public record Rows(List<StreetSegment> streets, List<NamedPlace> places) {
    }

    private final Mono<Rows> rows;
    private final Mono<Gazetteer> gazetteer;
    private final ServiceArea area;

    Places(DatabaseClient db, ServiceArea area) {
        this.area = area;
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
        this.rows = Mono.zip(streets, places, (s, p) -> new Rows(List.copyOf(s), List.copyOf(p))).cache();
        this.gazetteer = rows.map(r -> new Gazetteer(r.streets(), r.places())).cache();
    }

    /** The service area's street names, sorted, each once. */
    public Mono<List<String>> streetNames() {
        return rows.map(r -> r.streets().stream().map(StreetSegment::street).distinct().sorted().toList());
    }

    public Mono<Gazetteer> gazetteer() {
        return gazetteer;
    }

    public Mono<Rows> rows() {
        return rows;
    }

    public ServiceArea area() {
        return area;
    }
}
