package nl.hartslag.neighbourhood;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import nl.hartslag.domain.NotFound;
import nl.hartslag.place.Landmarks;
import nl.hartslag.place.Places;
import nl.hartslag.place.ServiceArea;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one writer of neighbourhoods and of the street segments an address file brings (issue 16).
 * Loading a neighbourhood's addresses is one transaction: its row upserted, its segments replaced,
 * and a {@code NOTIFY} on the places channel ({@link Landmarks#CHANNEL}) that PostgreSQL delivers
 * at commit to every running instance, which then reads its places again: the report form, the
 * text reader and the matching engine know the streets without a restart.
 */
@Service
public class Neighbourhoods {

    /** A neighbourhood as coordinators see it; {@code streets}: distinct street names in the gazetteer. */
    public record Neighbourhood(String name, String municipality, int residents, int households, int streets,
            int segments) {
    }

    /** New numbers for a neighbourhood; a null leaves what is stored (a new one needs a municipality). */
    public record Numbers(String municipality, Integer residents, Integer households) {

        public static final Numbers NONE = new Numbers(null, null, null);
    }

    /**
     * What a load stored. {@code outsideArea}: segments outside the configured service-area rectangle
     * (the area widens to cover them, see {@link ServiceArea}); {@code area} the area as it is now.
     */
    public record Loaded(AddressExtract.Format format, int rows, int segments, long streets,
            Map<String, Integer> segmentsPerNeighbourhood, int outsideArea) {
    }

    static final int NAME_MAX = 100;
    static final int RESIDENTS_MAX = 10_000_000;
    /** Letters (any script), digits, spaces and the punctuation of place names. */
    static final Pattern NAME = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} .,'’&()/-]*$");

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Places places;

    Neighbourhoods(DatabaseClient db, TransactionalOperator tx, Places places) {
        this.db = db;
        this.tx = tx;
        this.places = places;
    }

    /** Every neighbourhood, by name. */
    public Flux<Neighbourhood> all() {
        return select("");
    }

    public Mono<Neighbourhood> get(String name) {
        return select(" where lower(n.name) = lower(:name)", name).next();
    }

    private Flux<Neighbourhood> select(String where, String... name) {
        var spec = db.sql("""
                select n.name, n.municipality, n.residents, n.households,
                       (select count(distinct lower(s.street)) from street_segment s where s.neighbourhood = n.name)
                           as streets,
                       (select count(*) from street_segment s where s.neighbourhood = n.name) as segments
                  from neighbourhood n
                """ + where + " order by lower(n.name)");
        if (name.length > 0) {
            spec = spec.bind("name", name[0]);
        }
        return spec.map(row -> new Neighbourhood(row.get("name", String.class), row.get("municipality", String.class),
                row.get("residents", Integer.class), row.get("households", Integer.class),
                row.get("streets", Long.class).intValue(), row.get("segments", Long.class).intValue())).all();
    }

    /**
     * Sets a neighbourhood's municipality and numbers, creating it when new (then the municipality
     * is required). Refused with every wrong field (400).
     */
    public Mono<Neighbourhood> update(String name, Numbers numbers) {
        String clean = clean(name);
        return get(clean).map(n -> n.name()).defaultIfEmpty("").flatMap(existing -> {
            List<Violation> violations = check(clean, numbers, !existing.isEmpty());
            if (!violations.isEmpty()) {
                return Mono.error(new InvalidRequestException(violations));
            }
            String stored = existing.isEmpty() ? clean : existing;
            return upsert(stored, numbers).as(tx::transactional).then(get(stored));
        });
    }

    /** What is wrong with a name and numbers; {@code exists}: the municipality may then be left out. */
    static List<Violation> check(String name, Numbers numbers, boolean exists) {
        List<Violation> violations = new ArrayList<>();
        if (name.length() < 2 || name.length() > NAME_MAX || !NAME.matcher(name).matches()) {
            violations.add(Violation.of("name", "validation.neighbourhood.name", 2, NAME_MAX));
        }
        String municipality = numbers.municipality() == null ? null : clean(numbers.municipality());
        if (municipality == null ? !exists
                : municipality.length() < 2 || municipality.length() > NAME_MAX
                        || !NAME.matcher(municipality).matches()) {
            violations.add(Violation.of("municipality", "validation.neighbourhood.municipality", 2, NAME_MAX));
        }
        if (numbers.residents() != null && (numbers.residents() < 0 || numbers.residents() > RESIDENTS_MAX)) {
            violations.add(Violation.of("residents", "validation.range", 0, RESIDENTS_MAX));
        }
        if (numbers.households() != null && (numbers.households() < 0 || numbers.households() > RESIDENTS_MAX)) {
            violations.add(Violation.of("households", "validation.range", 0, RESIDENTS_MAX));
        } else if (numbers.households() != null && numbers.residents() != null && numbers.residents() > 0
                && numbers.households() > numbers.residents()) {
            violations.add(Violation.of("households", "validation.neighbourhood.households"));
        }
        return violations;
    }

    private static String cut(String payload) {
        return payload.length() <= 200 ? payload : payload.substring(0, 200);
    }

    static String clean(String value) {
        return value == null ? "" : value.strip().replaceAll("\\s+", " ");
    }

    private Mono<Void> upsert(String name, Numbers numbers) {
        return db.sql("""
                insert into neighbourhood (name, municipality, residents, households)
                values (:name,
                        -- The stored one when not given: checks run on the proposed row, before the conflict.
                        coalesce(:municipality, (select m.municipality from neighbourhood m where m.name = :name)),
                        coalesce(:residents, 0), coalesce(:households, 0))
                on conflict (name) do update
                   set municipality = coalesce(:municipality, neighbourhood.municipality),
                       residents = coalesce(:residents, neighbourhood.residents),
                       households = coalesce(:households, neighbourhood.households),
                       updated_at = now()
                """)
                .bind("name", name)
                .bind("municipality", nl.hartslag.db.SqlParams.nullable(
                        numbers.municipality() == null ? null : clean(numbers.municipality()), String.class))
                .bind("residents", nl.hartslag.db.SqlParams.nullable(numbers.residents(), Integer.class))
                .bind("households", nl.hartslag.db.SqlParams.nullable(numbers.households(), Integer.class))
                .then();
    }

    /**
     * Stores what an address file held and reads the places of this instance again before it
     * answers (the endpoint's way). Other instances read them when the notification arrives.
     */
    public Mono<Loaded> loadHere(AddressExtract.Extract extract, Numbers numbers) {
        return load(extract, numbers).flatMap(loaded -> places.reload().thenReturn(loaded));
    }

    /**
     * Stores what an address file held, in one transaction, and notifies every instance at commit.
     * {@code numbers} apply to every neighbourhood in the file (give residents and households only
     * for a file of one). A neighbourhood not stored yet needs a municipality: from {@code numbers}
     * or the file's gemeente/woonplaats column. Refused (400) with every problem.
     */
    public Mono<Loaded> load(AddressExtract.Extract extract, Numbers numbers) {
        return Flux.fromIterable(extract.neighbourhoods())
                .concatMap(name -> get(name).map(n -> Map.entry(name, n.name())).defaultIfEmpty(Map.entry(name, "")))
                .collectList()
                .flatMap(known -> {
                    List<Violation> violations = new ArrayList<>();
                    Map<String, Numbers> each = new LinkedHashMap<>();
                    Map<String, String> storedName = new LinkedHashMap<>();
                    for (Map.Entry<String, String> k : known) {
                        String name = k.getKey();
                        boolean exists = !k.getValue().isEmpty();
                        String municipality = numbers.municipality() != null ? numbers.municipality()
                                : exists ? null : extract.municipalities().get(name);
                        Numbers n = new Numbers(municipality, numbers.residents(), numbers.households());
                        check(name, n, exists).forEach(v -> violations.add(v.field().equals("name")
                                ? Violation.of("neighbourhood", v.code(), v.args().toArray()) : v));
                        each.put(name, n);
                        // "passart" in a file loads Passart: one neighbourhood, however it is written.
                        storedName.put(name, exists ? k.getValue() : name);
                    }
                    if (!violations.isEmpty()) {
                        return Mono.error(new InvalidRequestException(violations.stream().distinct().toList()));
                    }
                    Mono<Void> write = Flux.fromIterable(each.entrySet())
                            .concatMap(e -> upsert(storedName.get(e.getKey()), e.getValue())
                                    .then(replaceSegments(storedName.get(e.getKey()), extract.segments().stream()
                                            .filter(s -> s.neighbourhood().equals(e.getKey())).toList())))
                            .then(db.sql("select pg_notify(:channel, :payload)").bind("channel", Landmarks.CHANNEL)
                                    // Only a hint for logs: listeners read everything again (a payload has < 8000 bytes).
                                    .bind("payload", cut("neighbourhood:" + String.join(",", storedName.values())))
                                    .fetch().rowsUpdated())
                            .then();
                    Map<String, Integer> perNeighbourhood = new LinkedHashMap<>();
                    extract.segments().forEach(s -> perNeighbourhood.merge(storedName.get(s.neighbourhood()), 1,
                            Integer::sum));
                    ServiceArea configured = places.configuredArea();
                    int outside = (int) extract.segments().stream()
                            .filter(s -> !configured.contains(s.lat(), s.lon())).count();
                    return tx.transactional(write).thenReturn(new Loaded(extract.format(), extract.rows(),
                            extract.segments().size(), extract.streets(), perNeighbourhood, outside));
                });
    }

    private Mono<Void> replaceSegments(String neighbourhood, List<AddressExtract.Segment> segments) {
        Mono<Void> delete = db.sql("delete from street_segment where neighbourhood = :n").bind("n", neighbourhood)
                .then();
        if (segments.isEmpty()) {
            return delete;
        }
        // One statement for the whole neighbourhood: a few thousand rows in one round trip.
        return delete.then(db.sql("""
                insert into street_segment (street, house_from, house_to, postcode, lat, lon, neighbourhood)
                select street, house_from, house_to, postcode, lat, lon, :n
                  from unnest(:streets::text[], :froms::integer[], :tos::integer[], :postcodes::text[],
                              :lats::double precision[], :lons::double precision[])
                       as s(street, house_from, house_to, postcode, lat, lon)
                """)
                .bind("n", neighbourhood)
                .bind("streets", segments.stream().map(AddressExtract.Segment::street).toArray(String[]::new))
                .bind("froms", segments.stream().map(AddressExtract.Segment::houseFrom).toArray(Integer[]::new))
                .bind("tos", segments.stream().map(AddressExtract.Segment::houseTo).toArray(Integer[]::new))
                .bind("postcodes", segments.stream().map(AddressExtract.Segment::postcode).toArray(String[]::new))
                .bind("lats", segments.stream().map(AddressExtract.Segment::lat).toArray(Double[]::new))
                .bind("lons", segments.stream().map(AddressExtract.Segment::lon).toArray(Double[]::new))
                .then());
    }

    /** Reads the places of this instance again (after a load by the command on another process, say). */
    public Mono<Boolean> reloadPlaces() {
        return places.reload();
    }

    /** The service area as it is now (the configured rectangle, widened for neighbourhoods outside it). */
    public ServiceArea area() {
        return places.area();
    }

    /** The service area as configured, before any widening. */
    public ServiceArea configuredArea() {
        return places.configuredArea();
    }

    /** A neighbourhood that must exist: {@link NotFound} otherwise. */
    public Mono<Neighbourhood> existing(String name) {
        return get(clean(name)).switchIfEmpty(Mono.error(NotFound::new));
    }
}
