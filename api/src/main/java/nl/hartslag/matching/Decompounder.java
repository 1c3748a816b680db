package nl.hartslag.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits a Dutch compound into known parts, so "hondenpoep" meets "poep van honden" and
 * "scooterrijders" meets "scooters": {@code honden|poep}, {@code scooter|rijders},
 * {@code geluid|s|overlast} (with the linking -s- or -e-). Only a complete split counts: every piece
 * must be a known part of at least {@value #MIN_PART} letters. Lucene's
 * {@code DictionaryCompoundWordTokenFilter} emits every dictionary word found anywhere inside a
 * token, which reads "kast" (a dumped cupboard) in the street name "Kastanjestraat"; here
 * "kastanje|straat" is no split at all, because neither "anjestraat" nor "straat" is a part (street
 * words are never parts, so street names are never split). Thread-safe.
 */
final class Decompounder {

    static final int MIN_PART = 4;

    /** Words shorter than this are never compounds of two parts with a linker worth splitting. */
    static final int MIN_WORD = 2 * MIN_PART;

    /** Longer tokens are links, codes or run-together sentences, not words. */
    static final int MAX_WORD = 40;

    private static final String[] LINKERS = { "", "s", "e" };

    private final Set<String> parts;

    Decompounder(Set<String> parts) {
        this.parts = Set.copyOf(parts);
    }

    /** Words recur in every report: each is segmented once (bounded, cleared when full). */
    private static final int CACHE_SIZE = 50_000;

    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /** The parts of a lower-case, accent-folded word, or an empty list when it is no known compound. */
    List<String> split(String word) {
        if (word.length() < MIN_WORD || word.length() > MAX_WORD) {
            return List.of();
        }
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        if (cache.size() >= CACHE_SIZE) {
            cache.clear();
        }
        List<String> parts = segmentWhole(word);
        cache.put(word, parts);
        return parts;
    }

    private List<String> segmentWhole(String word) {
        // A word that is a part itself ("geluidsoverlast") may still be a compound of parts.
        List<String> best = segment(word, 0, false);
        return best == null || best.size() < 2 ? List.of() : List.copyOf(best);
    }

    /** The shortest segmentation of word[from..] into parts (linkers dropped), or null. */
    private List<String> segment(String word, int from, boolean wholeCounts) {
        int rest = word.length() - from;
        if (wholeCounts && rest >= MIN_PART && parts.contains(word.substring(from))) {
            List<String> whole = new ArrayList<>();
            whole.add(word.substring(from));
            return whole;
        }
        List<String> best = null;
        // Longest first part first: "kinderspeeltuin" is kinder|speeltuin before anything shorter.
        for (int end = word.length() - MIN_PART; end >= from + MIN_PART; end--) {
            String head = word.substring(from, end);
            if (!parts.contains(head)) {
                continue;
            }
            for (String linker : LINKERS) {
                if (!word.startsWith(linker, end)) {
                    continue;
                }
                int next = end + linker.length();
                if (word.length() - next < MIN_PART) {
                    continue;
                }
                List<String> tail = segment(word, next, true);
                if (tail != null && (best == null || tail.size() + 1 < best.size())) {
                    best = new ArrayList<>();
                    best.add(head);
                    best.addAll(tail);
                }
            }
        }
        return best;
    }
}
