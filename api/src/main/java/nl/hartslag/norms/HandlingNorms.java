package nl.hartslag.norms;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** The norms per category as stored (V33 {@code handling_norm}); a category without one gets {@link HandlingNorm#fallback}. */
@Service
public class HandlingNorms {

    private final DatabaseClient db;

    HandlingNorms(DatabaseClient db) {
        this.db = db;
    }

    /** Every stored norm by category code. */
    public Mono<Map<String, HandlingNorm>> all() {
        return db.sql("select category_code, response_days, resolution_days, day_kind from handling_norm"
                + " order by category_code")
                .map(row -> new HandlingNorm(row.get("category_code", String.class),
                        row.get("response_days", Integer.class), row.get("resolution_days", Integer.class),
                        DayKind.valueOf(row.get("day_kind", String.class))))
                .all()
                .collectMap(HandlingNorm::categoryCode, n -> n, LinkedHashMap::new);
    }

    /**
     * Stores a category's norm (a coordinator's change). The caller has checked it (days within the
     * table's bounds, resolution not before response); the table's checks refuse anything else.
     */
    public Mono<HandlingNorm> save(HandlingNorm norm) {
        return db.sql("""
                insert into handling_norm (category_code, response_days, resolution_days, day_kind)
                values (:c, :response, :resolution, :kind)
                on conflict (category_code) do update set response_days = excluded.response_days,
                    resolution_days = excluded.resolution_days, day_kind = excluded.day_kind""")
                .bind("c", norm.categoryCode()).bind("response", norm.responseDays())
                .bind("resolution", norm.resolutionDays()).bind("kind", norm.dayKind().name())
                .then().thenReturn(norm);
    }

    /** One category's norm. */
    public Mono<HandlingNorm> of(String categoryCode) {
        return all().map(norms -> norms.getOrDefault(categoryCode, HandlingNorm.fallback(categoryCode)));
    }
}
