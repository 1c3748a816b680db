package nl.hartslag.category;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** The categories, read once from PostgreSQL (they change only by migration). */
@Service
public class CategoryCatalog {

    private final Mono<Map<String, Category>> byCode;

    CategoryCatalog(DatabaseClient db) {
        this.byCode = db.sql("select code, kind, label_nl, label_en, description_nl, description_en, icon, sort_order"
                        + " from category order by sort_order")
                .map(row -> new Category(row.get("code", String.class),
                        Category.Kind.valueOf(row.get("kind", String.class)), row.get("label_nl", String.class),
                        row.get("label_en", String.class), row.get("description_nl", String.class),
                        row.get("description_en", String.class), row.get("icon", String.class),
                        row.get("sort_order", Integer.class)))
                .all()
                .collectMap(Category::code, c -> c, LinkedHashMap::new)
                .map(Map::copyOf)
                .cache();
    }

    /** All categories, in the order residents see them. */
    public Mono<Map<String, Category>> all() {
        return byCode;
    }
}
