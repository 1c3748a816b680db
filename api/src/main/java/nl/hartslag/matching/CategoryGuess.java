package nl.hartslag.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report categories a text's words point to, ranked, with how strongly (0..1): what the web form
 * suggests while a resident types, and what a text or call is filed under when it has no form (the
 * first of the ranking, {@link TextReading}). Read with the matcher's own vocabulary
 * ({@code nuisance-lexicon.txt} → concepts, {@code nuisance-kinds.txt} → categories), so a word taught
 * to the matcher is a word the form understands.
 *
 * <p>Rules, in order:
 * <ul>
 * <li>Violence against a person or a worry about a household ({@link ViolenceSignal}) puts
 * {@code domestic} first, whatever else is named: such a report must reach a coordinator.</li>
 * <li>Every kind of problem named votes for its category, once per mention; a category's score is its
 * share of the votes times how sure its own mentions make it (one mention 0.6, two 0.84, three 0.94).
 * Equal votes go to the category named first.</li>
 * <li>"De buren" says who, not what: alone it suggests {@code neighbour_dispute}; beside another kind
 * (noise from the neighbours) it is offered after that kind.</li>
 * <li>A word the lexicon does not know but that is one typo from a lexicon word of a kind of problem
 * ("muzik", "lawai", "parkerren") counts as that word, for the suggestion only. Never a word that
 * is a lexicon word cut short ("harde" is hard, not "harder", speeding); never for violence, whose words
 * must be written as they are (a misread "gemeld" is not "geweld"); never for the matcher.</li>
 * </ul>
 * Only categories with evidence are returned; no words, no categories. Thread-safe.
 */
public final class CategoryGuess {

    /** A category code and how strongly the words point to it, 0..1 (two decimals). */
    public record Scored(String code, double score) {
    }

    private static final String DOMESTIC = "domestic";
    private static final String NEIGHBOUR_DISPUTE = "neighbour_dispute";
    private static final String NEIGHBOUR = "qqneighbour";
    /** How sure one mention makes a category: 1 - 0.4^mentions. */
    private static final double DOUBT_PER_MENTION = 0.4;
    private static final double NEIGHBOURS_ALONE = 0.45;
    private static final double NEIGHBOURS_BESIDE = 0.3;
    /** A long text is read whole for its words; typos are looked up for this many unknown words at most. */
    private static final int TYPO_LOOKUPS_MAX = 200;
    /** Shorter words are too easily another word with one letter changed. */
    private static final int TYPO_MIN_LENGTH = 5;
    private static final int TWO_TYPOS_MIN_LENGTH = 9;
    private static final Pattern WORD = Pattern.compile("\\p{L}+");

    /**
     * Everyday words one letter from a lexicon word: read as themselves, never as the typo ("boven"
     * is above, not "boren", drilling; "wagen" a car, not "waken").
     */
    private static final Set<String> EVERYDAY = Set.of("boven", "beneden", "woont", "wonen", "komen", "komt",
            "kunnen", "zitten", "staan", "staat", "laten", "maken", "liggen", "ligt", "lopen", "loopt", "zeggen",
            "zegt", "horen", "hoort", "weten", "zien", "gaan", "gaat", "hebben", "heeft", "worden", "wordt", "vinden",
            "vindt", "wagen", "waken", "stoep", "tuinen", "morgen", "middag", "zaterdag", "zondag", "maandag",
            "dinsdag", "woensdag", "donderdag", "vrijdag", "elkaar", "samen", "steeds", "altijd", "vaker",
            "laatst", "langs", "achter", "naast", "voorbij", "tussen", "buiten", "binnen", "graag", "bedankt",
            "could", "would", "there", "their", "where", "other", "every", "about", "after", "again", "since",
            "times", "night", "nights", "going", "doing", "being", "house", "place", "still", "today", "people");

    private final NuisanceAnalysis analysis;
    /** Lexicon words (one word, folded) of kinds that have a category, by first letter, with their concept. */
    private final Map<Character, List<Map.Entry<String, String>>> kindWords;
    private final Set<String> lexiconWords;

    private CategoryGuess(NuisanceAnalysis analysis) {
        this.analysis = analysis;
        Map<Character, List<Map.Entry<String, String>>> byLetter = new HashMap<>();
        Set<String> words = new HashSet<>();
        for (NuisanceAnalysis.Entry entry : analysis.entries()) {
            if (!entry.isSingleWord()) {
                // A word of a phrase ("trekken" of "belletje trekken") is known: put right, it would break it.
                words.addAll(List.of(entry.words().split("[^\\p{L}]+")));
                continue;
            }
            words.add(entry.words());
            for (String concept : entry.concepts()) {
                String family = NuisanceKinds.familyOf(concept);
                boolean typoSafe = NuisanceKinds.categoryOf(concept).isPresent() && !family.equals(DOMESTIC)
                        && !family.equals(NuisanceKinds.CONTEXT) && !family.equals(NuisanceKinds.PLACE);
                if (typoSafe && entry.words().length() >= TYPO_MIN_LENGTH - 1) {
                    byLetter.computeIfAbsent(entry.words().charAt(0), c -> new ArrayList<>())
                            .add(Map.entry(entry.words(), concept));
                }
            }
        }
        this.kindWords = byLetter;
        this.lexiconWords = Set.copyOf(words);
    }

    /** Builds the vocabulary once (a few hundred milliseconds); keep the instance. */
    public static CategoryGuess standard() {
        return new CategoryGuess(new NuisanceAnalysis());
    }

    static CategoryGuess over(NuisanceAnalysis analysis) {
        return new CategoryGuess(analysis);
    }

    /** The categories the words point to, strongest first; empty for no text or no evidence. */
    public List<Scored> rank(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Typos are put right in the text itself, so what they name keeps its place in the order (ties
        // go to the kind named first) and phrases read whole ("vuilnis zakke"). Violence is read from the
        // words as written.
        return rank(analysis.concepts(corrected(text)), ViolenceSignal.in(analysis, text));
    }

    /** The ranking from concepts already read ({@link TextReading} reads them once for place and category). */
    static List<Scored> rank(Map<String, Integer> concepts, boolean violence) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        concepts.forEach((concept, count) -> {
            // Kinds of problem point to a category (nuisance-kinds.txt); places ("park", "playground")
            // and times ("night") say nothing about it.
            NuisanceKinds.categoryOf(concept).ifPresent(category -> votes.merge(category, count, Integer::sum));
        });
        int total = votes.values().stream().mapToInt(Integer::intValue).sum();
        List<Scored> ranked = new ArrayList<>();
        // Stable sort: on equal votes the category named first stays first.
        votes.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue()))
                .forEach(e -> ranked.add(new Scored(e.getKey(),
                        round((double) e.getValue() / total * (1 - Math.pow(DOUBT_PER_MENTION, e.getValue()))))));
        boolean neighbours = concepts.containsKey(NEIGHBOUR);
        if (neighbours && !votes.containsKey(NEIGHBOUR_DISPUTE)) {
            // Never over another kind: the noise is still noise when the neighbours make it.
            double top = ranked.isEmpty() ? 1 : ranked.get(0).score();
            ranked.add(new Scored(NEIGHBOUR_DISPUTE, ranked.isEmpty() ? NEIGHBOURS_ALONE
                    : Math.min(NEIGHBOURS_BESIDE, round(top * 0.75))));
        }
        // Violence against a person ("de buurman slaat zijn vrouw") outranks every other kind named with it.
        if (votes.containsKey(DOMESTIC) || violence) {
            ranked.removeIf(s -> s.code().equals(DOMESTIC));
            ranked.add(0, new Scored(DOMESTIC, 1.0));
        }
        return List.copyOf(ranked);
    }

    /** The text, folded, with each unknown word that is one typo from a kind-of-problem word put right. */
    private String corrected(String text) {
        Matcher words = WORD.matcher(PlaceFinder.fold(text));
        StringBuilder out = new StringBuilder();
        Map<String, String> seen = new HashMap<>();
        while (words.find()) {
            String word = words.group();
            String right = seen.size() < TYPO_LOOKUPS_MAX || seen.containsKey(word)
                    ? seen.computeIfAbsent(word, this::correction) : word;
            words.appendReplacement(out, Matcher.quoteReplacement(right));
        }
        words.appendTail(out);
        return out.toString();
    }

    /** The lexicon word an unknown word is a typo of, or the word itself. */
    private String correction(String word) {
        if (word.length() < TYPO_MIN_LENGTH || lexiconWords.contains(word) || EVERYDAY.contains(word)
                || analysis.isStopWord(word) || !analysis.concepts(word).isEmpty()) {
            // Known, everyday, or read by the analysis (a stem, a compound of known parts): no typo.
            return word;
        }
        String closest = closest(word);
        return closest == null ? word : closest;
    }

    /** The one lexicon word (same first letter) within the typos allowed for its length, or null. */
    private String closest(String word) {
        int allowed = word.length() >= TWO_TYPOS_MIN_LENGTH ? 2 : 1;
        String found = null;
        String foundConcept = null;
        int best = Integer.MAX_VALUE;
        for (Map.Entry<String, String> candidate : kindWords.getOrDefault(word.charAt(0), List.of())) {
            // A shorter ending is another word, not a typo: "harde" (hard) is not "harder" (speeding); a
            // longer one is most often an inflection the lexicon does not list ("gegild" for "gegil").
            if (candidate.getKey().startsWith(word)) {
                continue;
            }
            int distance = distance(word, candidate.getKey(), allowed);
            if (distance < best) {
                best = distance;
                found = candidate.getKey();
                foundConcept = candidate.getValue();
            } else if (distance == best && distance <= allowed && !candidate.getValue().equals(foundConcept)) {
                // Two kinds equally close: no guess is better than a wrong one.
                found = null;
                foundConcept = "";
            }
        }
        return best <= allowed ? found : null;
    }

    /** Optimal string alignment distance (a swap of two letters is one typo), or max + 1 once above max. */
    static int distance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    private static double round(double score) {
        return Math.round(score * 100) / 100.0;
    }
}
