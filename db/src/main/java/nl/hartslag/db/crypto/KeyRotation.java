package nl.hartslag.db.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Key rotation: a new AES-256-GCM key becomes primary (written to the keyset file), then every value
 * of every {@link SealedColumn} still sealed with an older key is opened and sealed anew, in batches
 * of {@value #BATCH} rows, each row updated only if it still holds the value read (a row changed
 * meanwhile is simply picked up by the next batch). Running it again after an interruption finishes
 * the job. Old keys stay in the keyset; they open nothing once rotation is done, and may then be
 * removed by hand.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);
    static final int BATCH = 500;

    private Keysets keysets;
    private final PersonalData personalData;
    private final DatabaseClient database;
    private final List<SealedColumn> columns;

    public KeyRotation(Keysets keysets, PersonalData personalData, DatabaseClient database,
            List<SealedColumn> columns) {
        this.keysets = keysets;
        this.personalData = personalData;
        this.database = database;
        this.columns = List.copyOf(columns);
    }

    /** What a rotation did: the new keyset (for an operator who keeps it in the environment) and rows re-sealed per column. */
    public record Result(String aeadKeysetJson, Path writtenTo, Map<String, Long> resealed) {
    }

    /** Adds a new primary key and re-seals everything sealed with an older one. */
    public Mono<Result> rotate() {
        return Mono.fromCallable(this::newKey)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(rotated -> resealAll().map(counts -> new Result(rotated.aeadJson(), rotated.writtenTo(), counts)));
    }

    /** Re-seals what an older key sealed, without adding a key (finishes an interrupted rotation). */
    public Mono<Map<String, Long>> resealAll() {
        return Flux.fromIterable(columns)
                .concatMap(column -> reseal(column).map(count -> Map.entry(column.table() + "." + column.column(), count)))
                .collectList()
                .map(entries -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    entries.forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return counts;
                });
    }

    private synchronized Keysets.Rotated newKey() throws GeneralSecurityException, IOException {
        if (database == null) {
            throw new IllegalStateException("Key rotation needs the database");
        }
        Keysets.Rotated rotated = keysets.rotate();
        keysets = rotated.keysets();
        personalData.use(rotated.keysets());
        log.info("Personal-data key rotated; new primary key {}", personalData.primaryKeyPrefix());
        return rotated;
    }

    private Mono<Long> reseal(SealedColumn column) {
        return batch(column).expand(done -> done == BATCH ? batch(column) : Mono.empty())
                .reduce(0L, Long::sum)
                .doOnNext(count -> log.info("Re-sealed {} values of {}.{}", count, column.table(), column.column()));
    }

    private Mono<Long> batch(SealedColumn column) {
        String prefix = personalData.primaryKeyPrefix();
        String select = "select " + column.keyColumn() + "::text as k, " + column.column() + " as v from "
                + column.table() + " where " + column.column() + " is not null and " + column.column()
                + " not like :prefix limit " + BATCH;
        String update = "update " + column.table() + " set " + column.column() + " = :fresh where "
                + column.keyColumn() + "::text = :k and " + column.column() + " = :old";
        return database.sql(select)
                .bind("prefix", prefix + "%")
                .map((row, meta) -> new String[] {row.get("k", String.class), row.get("v", String.class)})
                .all()
                .concatMap(kv -> database.sql(update)
                        .bind("fresh", personalData.seal(personalData.open(kv[1])))
                        .bind("k", kv[0])
                        .bind("old", kv[1])
                        .fetch()
                        .rowsUpdated())
                .count();
    }
}
