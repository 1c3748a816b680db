package nl.hartslag.category.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Operation;
import reactor.core.publisher.Mono;

@RestController
class CategoryController {

    /** A category as a resident's client shows it, in the language asked for. */
    record CategoryResponse(String code, Category.Kind kind, String label, String description, String icon) {
    }

    private final CategoryCatalog catalog;

    CategoryController(CategoryCatalog catalog) {
        this.catalog = catalog;
    }

    @Operation(summary = "Categories residents can choose from (Accept-Language: nl or en)")
    @GetMapping("/api/v1/categories")
    Mono<List<CategoryResponse>> categories(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return catalog.all().map(all -> all.values().stream()
                .sorted(Comparator.comparingInt(Category::sortOrder))
                .map(c -> new CategoryResponse(c.code(), c.kind(), c.label(locale), c.description(locale), c.icon()))
                .toList());
    }
}
