package nl.hartslag.category;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Service;

import nl.hartslag.matching.CategoryGuess;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Categories suggested from the words a resident is typing, ranked: the matching engine's reading of
 * kinds of problem ({@link CategoryGuess}, the rule that also files texts and calls), limited to
 * the categories of the catalog.
 */
@Service
public class CategorySuggestions {

    /** A suggested category: code, label in the reader's language, strength 0..1. */
    public record Suggested(String code, String label, double score) {
    }

    /** Longest text read, as a report's description. */
    public static final int TEXT_MAX = 4000;

    private final CategoryCatalog catalog;
    /** The vocabulary is built once, off the event loop, on first use. */
    private final Mono<CategoryGuess> guess = Mono.fromCallable(CategoryGuess::standard)
            .subscribeOn(Schedulers.boundedElastic()).cache();

    CategorySuggestions(CategoryCatalog catalog) {
        this.catalog = catalog;
    }

    /** Strongest first; empty for a blank text or words that name no kind of problem. */
    public Mono<List<Suggested>> suggest(String text, Locale locale) {
        if (text == null || text.isBlank()) {
            return Mono.just(List.of());
        }
        return Mono.zip(guess, catalog.all()).map(both -> {
            Map<String, Category> known = both.getT2();
            return both.getT1().rank(text).stream()
                    .filter(s -> known.containsKey(s.code()))
                    .map(s -> new Suggested(s.code(), known.get(s.code()).label(locale), s.score()))
                    .toList();
        });
    }
}
