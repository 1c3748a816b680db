package nl.hartslag.category.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import nl.hartslag.category.Category;
import nl.hartslag.category.CategoryCatalog;
import nl.hartslag.category.CategorySuggestions;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
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
    private final CategorySuggestions suggestions;

    CategoryController(CategoryCatalog catalog, CategorySuggestions suggestions) {
        this.catalog = catalog;
        this.suggestions = suggestions;
    }

    @Operation(summary = "Categories suggested from what a resident types, strongest first",
            description = "Only categories the words give evidence for, with a score from 0 to 1; an empty list when"
                    + " none. Labels follow Accept-Language. A worry about a household or violence puts domestic"
                    + " first. Text up to 4000 characters.")
    @GetMapping("/api/v1/categories/suggest")
    Mono<List<CategorySuggestions.Suggested>> suggest(@RequestParam(name = "text", defaultValue = "") String text,
            ServerWebExchange exchange) {
        if (text.length() > CategorySuggestions.TEXT_MAX) {
            return Mono.error(new InvalidRequestException(
                    Violation.of("text", "validation.size.max", CategorySuggestions.TEXT_MAX)));
        }
        return suggestions.suggest(text, exchange.getLocaleContext().getLocale());
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
