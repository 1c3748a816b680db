package nl.hartslag.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kinds of landmark and the words residents use for them ({@code place-kinds.txt}): "speeltuin",
 * "playground" → playground; "buurthuis", "wijkcentrum", "community centre" → community. Kept apart
 * from the nuisance lexicon: these words say where, not what, and a landmark's kinds come from them.
 */
final class PlaceKinds {

    /** A kind named in a text: which kind, and the tokens [from, to) that named it. */
    record Mention(String kind, int from, int to) {
    }

    private final Map<String, String> kindOfWord = new HashMap<>();
    private final List<String> compoundEnds = new ArrayList<>();
    private final Map<String, String> firstWord = new HashMap<>();

    private PlaceKinds(Map<String, List<String>> kinds) {
        kinds.forEach((kind, words) -> {
            if (!words.isEmpty()) {
                firstWord.put(kind, words.get(0));
            }
            for (String word : words) {
                String key = PlaceFinder.key(word);
                kindOfWord.putIfAbsent(key, kind);
                if (key.length() >= 4) {
                    compoundEnds.add(key);
                }
            }
        });
        // The longest ending first: "schoolplein" is a school before it is a square.
        compoundEnds.sort((a, b) -> Integer.compare(b.length(), a.length()));
    }

    static PlaceKinds standard() {
        Map<String, List<String>> kinds = new java.util.LinkedHashMap<>();
        try (InputStream in = PlaceKinds.class.getResourceAsStream("place-kinds.txt")) {
            if (in == null) {
                throw new IllegalStateException("place-kinds.txt is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                if (colon < 1) {
                    throw new IllegalStateException("place-kinds.txt: not 'kind: words': " + line);
                }
                List<String> words = new ArrayList<>();
                for (String w : trimmed.substring(colon + 1).split(",")) {
                    if (!w.isBlank()) {
                        words.add(w.strip());
                    }
                }
                kinds.computeIfAbsent(trimmed.substring(0, colon).strip(), k -> new ArrayList<>()).addAll(words);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlaceKinds(kinds);
    }

    /** The word to say a kind with (the first of its line: Dutch), e.g. "speeltuin" for playground; the code if none. */
    String wordFor(String kind) {
        return firstWord.getOrDefault(kind, kind);
    }

    /** The kind a word (or two glued) names on its own, or null; a diminutive too ("winkelstripje", "flatje"). */
    String kindOf(String key) {
        String kind = kindOfWord.get(key);
        if (kind == null) {
            for (String ending : DIMINUTIVE) {
                if (key.length() > ending.length() + 3 && key.endsWith(ending)) {
                    kind = kindOfWord.get(key.substring(0, key.length() - ending.length()));
                    if (kind != null) {
                        break;
                    }
                }
            }
        }
        return kind;
    }

    private static final List<String> DIMINUTIVE = List.of("tjes", "jes", "tje", "je");

    /** Kinds of a landmark from its name and aliases: whole words, or compounds ending in a kind word. */
    Set<String> kindsOfName(String name) {
        Set<String> kinds = new LinkedHashSet<>();
        List<String> tokens = PlaceFinder.words(PlaceFinder.fold(name));
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String kind = kindOfWord.get(token);
            if (kind == null && i + 1 < tokens.size()) {
                kind = kindOfWord.get(token + tokens.get(i + 1));
            }
            if (kind == null) {
                kind = compoundKind(token);
            }
            if (kind != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** "Passartplein" → square: a long word ending in a kind word (the rest at least three letters). */
    private String compoundKind(String token) {
        for (String end : compoundEnds) {
            if (token.length() >= end.length() + 3 && token.endsWith(end)) {
                return kindOfWord.get(end);
            }
        }
        return null;
    }

    /** Every kind a text names, with where: "bij de speeltuin", "the community centre". */
    List<Mention> mentions(List<String> tokens) {
        List<Mention> found = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (i + 1 < tokens.size()) {
                String two = kindOfWord.get(tokens.get(i) + tokens.get(i + 1));
                if (two != null) {
                    found.add(new Mention(two, i, i + 2));
                    i++;
                    continue;
                }
            }
            String kind = kindOf(tokens.get(i));
            if (kind == null && tokens.get(i).length() >= 7) {
                kind = compoundKind(tokens.get(i));
            }
            if (kind != null) {
                found.add(new Mention(kind, i, i + 1));
            }
        }
        return found;
    }
}
