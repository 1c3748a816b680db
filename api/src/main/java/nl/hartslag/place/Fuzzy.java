package nl.hartslag.place;

import java.util.BitSet;
import java.util.List;

/** Edit distances for typed names: bounded, so a scan over thousands of names stays cheap. */
final class Fuzzy {

    private Fuzzy() {
    }

    /**
     * The fewest typos (insert, delete, change, or two letters swapped) that make {@code query}
     * appear somewhere inside {@code text} ("pasartweg" in "passartweg", "jasminhof" in
     * "speeltuinjasmijnhof"), or {@code max + 1} when more than {@code max} are needed.
     */
    /** The letter pairs (a-z) of the keys, for {@link #mayMatch}. */
    static BitSet bigrams(String key, List<String> more) {
        BitSet grams = new BitSet(26 * 26);
        add(grams, key);
        more.forEach(k -> add(grams, k));
        return grams;
    }

    private static void add(BitSet grams, String key) {
        for (int i = 0; i + 1 < key.length(); i++) {
            int gram = gram(key, i);
            if (gram >= 0) {
                grams.set(gram);
            }
        }
    }

    private static int gram(String key, int i) {
        int a = key.charAt(i) - 'a';
        int b = key.charAt(i + 1) - 'a';
        return a < 0 || a >= 26 || b < 0 || b >= 26 ? -1 : a * 26 + b;
    }

    /**
     * Whether {@code query} can be within {@code typos} edits of a key with these letter pairs: one
     * insert, delete or change breaks at most two of the query's pairs, a swap of two letters three
     * (the q-gram lemma), so at least pairs − 3 × typos must occur in it. A necessary condition only,
     * cheap enough to run on every name.
     */
    static boolean mayMatch(String query, BitSet grams, int typos) {
        int pairs = query.length() - 1;
        int needed = pairs - 3 * typos;
        if (needed <= 0) {
            return true;
        }
        int found = 0;
        for (int i = 0; i < pairs; i++) {
            int gram = gram(query, i);
            if (gram >= 0 && grams.get(gram) && ++found >= needed) {
                return true;
            }
        }
        return false;
    }

    static int inside(String query, String text, int max) {
        return distance(query, text, max, true);
    }

    /** The fewest typos that make {@code query} the start of {@code text} ("pasart" of "passartweg"). */
    static int atStart(String query, String text, int max) {
        return distance(query, text, max, false);
    }

    private static int distance(String query, String text, int max, boolean anywhere) {
        int n = query.length();
        int m = text.length();
        if (n == 0) {
            return 0;
        }
        if (n - max > m) {
            return max + 1;
        }
        // Sellers: anywhere, a match may start at any letter of the text (first row all zeros); rows are
        // the query's letters, and the best of the last row is where the match may end.
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        if (!anywhere) {
            // From the text's first letter on: skipping its start costs a typo a letter.
            for (int j = 0; j <= m; j++) {
                previous[j] = j;
            }
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= m; j++) {
                int cost = query.charAt(i - 1) == text.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && query.charAt(i - 1) == text.charAt(j - 2)
                        && query.charAt(i - 2) == text.charAt(j - 1)) {
                    value = Math.min(value, before[j - 2] + 1);
                }
                current[j] = value;
                rowMin = Math.min(rowMin, value);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        int best = max + 1;
        for (int j = 0; j <= m; j++) {
            best = Math.min(best, previous[j]);
        }
        return best;
    }
}
