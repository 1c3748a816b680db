package nl.hartslag.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the lexicon's concepts mean ({@code nuisance-kinds.txt}): the family each belongs to (music and
 * shouting are both noise) and the report category it suggests. Data beside the lexicon, so adding a
 * kind of problem is a change of two text files, both checked by tests, not of code.
 */
final class NuisanceKinds {

    /** Concepts that say where, when or who, not what: place is scored on its own. */
    static final String PLACE = "place";

    /** The violence signal's context words: no kind of problem. */
    static final String CONTEXT = "context";

    private static final Map<String, String> FAMILY;
    private static final Map<String, String> CATEGORY;

    static {
        Map<String, String> family = new LinkedHashMap<>();
        Map<String, String> category = new LinkedHashMap<>();
        try (InputStream in = NuisanceKinds.class.getResourceAsStream("nuisance-kinds.txt")) {
            if (in == null) {
                throw new IllegalStateException("nuisance-kinds.txt is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] columns = trimmed.split("\\s+");
                if (columns.length != 3 || !columns[0].startsWith(NuisanceAnalysis.CONCEPT_PREFIX)
                        || family.put(columns[0], columns[1]) != null) {
                    throw new IllegalStateException("nuisance-kinds.txt line " + number
                            + ": expected a new concept, its family and its category: " + line);
                }
                if (!columns[2].equals("-")) {
                    category.put(columns[0], columns[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        FAMILY = Map.copyOf(family);
        CATEGORY = Map.copyOf(category);
    }

    private NuisanceKinds() {
    }

    /** Every concept the table knows. */
    static Set<String> concepts() {
        return FAMILY.keySet();
    }

    /** Concept → family, for every concept (place and context concepts included, as such). */
    static Map<String, String> families() {
        return FAMILY;
    }

    static String familyOf(String concept) {
        return FAMILY.getOrDefault(concept, concept);
    }

    static Optional<String> categoryOf(String concept) {
        return Optional.ofNullable(CATEGORY.get(concept));
    }

    /** Concepts of one family (in no particular order). */
    static Set<String> conceptsOf(String family) {
        Set<String> out = new LinkedHashSet<>();
        FAMILY.forEach((c, f) -> {
            if (f.equals(family)) {
                out.add(c);
            }
        });
        return out;
    }
}
