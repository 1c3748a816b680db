package nl.hartslag.matching;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PatternKeywordMarkerFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The analysis chain for short Dutch report texts: standard tokenizer, lower case, accent folding
 * (so "drieëntwintig" and an SMS "drieentwintig" meet), compound splitting ("hondenpoep" also
 * yields "honden" and "poep"), Dutch stop words and Snowball stemming. A second chain maps nuisance
 * vocabulary ({@code nuisance-lexicon.txt}) to kinds of problem ("herrie", "harde muziek",
 * "geluidsoverlast" → noise) with a synonym graph, so different words for one problem meet; an
 * unknown compound is read there through its parts ("rattenplaag" → ratten, plaag). See
 * docs/vocabulary.md.
 */
final class NuisanceAnalysis {

    static final String CONCEPT_PREFIX = "qq";

    /** How Dutch street names end: never a part of a compound. */
    static final Set<String> STREET_WORDS = Set.of("straat", "weg", "laan", "plein", "hof", "singel", "pad", "dreef",
            "kade", "gracht", "steeg", "park", "wal", "markt", "veld", "hoven", "baan", "erf", "dijk", "dam", "oord");

    /**
     * Words whose Dutch stem is another word: English "hits" would become "hit", the stem of "hitte"
     * (heat), "mess" would become "mes" (knife), and "bijen" (bees) would become the stop word "bij".
     * The concept chain keeps them as written.
     */
    private static final CharArraySet UNSTEMMED = CharArraySet.unmodifiableSet(
            new CharArraySet(List.of("hits", "mess", "bijen"), true));

    private final CharArraySet stopWords;
    private final List<Entry> entries;
    private final Set<String> knownWords;
    private final Decompounder decompounder;
    private final Analyzer content;
    private final Analyzer concepts;

    NuisanceAnalysis() {
        CharArraySet stops = new CharArraySet(DutchAnalyzer.getDefaultStopSet(), true);
        // Words every report uses that say nothing about which problem it is.
        stops.addAll(List.of("weer", "wr", "nog", "steeds", "elke", "iedere", "avond", "dag", "vandaag", "gisteren",
                "melding", "melden", "bel", "bellen", "ik", "wij", "we", "hier", "daar", "ja", "hallo", "eh",
                "goedemorgen", "goedemiddag", "goedenavond", "goedenacht", "graag", "even", "echt", "gewoon", "gwn",
                "al", "toch", "ook", "the", "and", "again", "is", "at", "in", "of", "to", "a", "it", "on", "my",
                "uur", "keer", "week", "weken", "maand", "nu", "inmiddels", "bewoner", "bewoonster", "meldt",
                "wil", "wou", "willen", "mijn", "mn", "onze", "ons", "je", "jullie", "iemand", "mensen", "straat",
                "weg", "nr", "nummer", "no", "bij", "hoek"));
        this.stopWords = CharArraySet.unmodifiableSet(stops);
        this.entries = List.copyOf(readEntries());
        Set<String> known = new HashSet<>();
        Set<String> parts = new HashSet<>(readParts());
        DutchStemmer stemmer = new DutchStemmer();
        for (Entry entry : entries) {
            if (!entry.isSingleWord()) {
                continue;
            }
            known.add(entry.words());
            known.add(stem(stemmer, entry.words()));
            // Violence and its context words are matched as written, never read inside compounds.
            boolean kind = entry.concepts().stream().map(NuisanceKinds::familyOf)
                    .noneMatch(f -> f.equals(NuisanceKinds.CONTEXT) || f.equals("domestic"));
            if (kind && entry.words().length() >= Decompounder.MIN_PART && entry.words().chars().allMatch(Character::isLetter)) {
                parts.add(entry.words());
            }
        }
        // Street-name endings are never parts, or "Xpark" and "Xhof" would be read as compounds.
        parts.removeAll(STREET_WORDS);
        this.knownWords = Set.copyOf(known);
        this.decompounder = new Decompounder(parts);
        this.content = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                stream = new CompoundSplitFilter(stream, decompounder, w -> false, true);
                stream = new StopFilter(stream, stopWords);
                stream = new SnowballFilter(stream, new DutchStemmer());
                return new TokenStreamComponents(source, stream);
            }
        };
        SynonymMap lexicon = lexicon();
        this.concepts = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
                DutchStemmer own = new DutchStemmer();
                stream = new CompoundSplitFilter(stream, decompounder,
                        w -> knownWords.contains(w) || knownWords.contains(stem(own, w)), false);
                stream = new SnowballFilter(new SetKeywordMarkerFilter(stream, UNSTEMMED), new DutchStemmer());
                stream = new SynonymGraphFilter(stream, lexicon, true);
                stream = new ConceptsOnly(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    private static String stem(DutchStemmer stemmer, String word) {
        stemmer.setCurrent(word);
        stemmer.stem();
        return stemmer.getCurrent();
    }

    /** One line of the lexicon, one word or phrase on its left: what a resident writes and the concepts it means. */
    record Entry(String words, List<String> concepts, int line) {
        boolean isSingleWord() {
            return words.chars().allMatch(Character::isLetterOrDigit);
        }
    }

    /** Every word and phrase of the lexicon as written (lower case, accents folded), with its concepts. */
    List<Entry> entries() {
        return entries;
    }

    /** The compound splitter both chains use. */
    Decompounder decompounder() {
        return decompounder;
    }

    boolean isStopWord(String word) {
        return stopWords.contains(word);
    }

    /** The stop words of the content chain, as written. */
    Set<String> stopWords() {
        Set<String> out = new HashSet<>();
        for (Object word : stopWords) {
            out.add(new String((char[]) word));
        }
        return out;
    }

    /** The analyzer for the index's text field. */
    Analyzer contentAnalyzer() {
        return content;
    }

    /** Stemmed content words, in order. */
    List<String> terms(String text) {
        return tokens(content, text);
    }

    /** Kinds of problem the text speaks of, with how often. */
    Map<String, Integer> concepts(String text) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String concept : tokens(concepts, text)) {
            counts.merge(concept, 1, Integer::sum);
        }
        return counts;
    }

    /** A concept where the text names it: the position of the words it stands for. */
    record Located(String concept, int position) {
    }

    /** Kinds of problem (and the violence signal's context) the text speaks of, with where. */
    List<Located> locatedConcepts(String text) {
        List<Located> out = new ArrayList<>();
        try (TokenStream stream = concepts.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                out.add(new Located(term.toString(), position));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static final String LEXICON = "nuisance-lexicon.txt";
    static final String PARTS = "compound-parts.txt";

    private static String resource(String name) {
        try (InputStream in = NuisanceAnalysis.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fold(String word) {
        char[] out = new char[word.length() * 4];
        int n = ASCIIFoldingFilter.foldToASCII(word.toCharArray(), 0, out, 0, word.length());
        return new String(out, 0, n).toLowerCase(java.util.Locale.ROOT);
    }

    /** The lexicon's entries as written ("words => concepts"), for the compound splitter and the tests. */
    private static List<Entry> readEntries() {
        List<Entry> out = new ArrayList<>();
        String[] lines = resource(LEXICON).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow < 0) {
                throw new IllegalStateException(LEXICON + " line " + (i + 1) + " has no \"=>\": " + line);
            }
            List<String> concepts = new ArrayList<>();
            for (String c : line.substring(arrow + 2).split(",")) {
                concepts.add(c.strip());
            }
            for (String words : line.substring(0, arrow).split(",")) {
                out.add(new Entry(fold(words.strip()), List.copyOf(concepts), i + 1));
            }
        }
        return out;
    }

    /** Parts of compounds that name no kind of problem on their own ("rijders", "overlast"). */
    private static Set<String> readParts() {
        Set<String> out = new HashSet<>();
        for (String line : resource(PARTS).split("\\R")) {
            String word = line.strip();
            if (!word.isEmpty() && !word.startsWith("#")) {
                out.add(fold(word));
            }
        }
        return out;
    }

    /** How the lexicon's own words are read: the concept chain without compound splitting. */
    private static final Analyzer LEXICON_WORDS = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            // Concept names ("qqnoise") are outputs, not words: keep them unstemmed.
            TokenStream stream = new PatternKeywordMarkerFilter(new SetKeywordMarkerFilter(
                    new ASCIIFoldingFilter(new LowerCaseFilter(source)), UNSTEMMED),
                    java.util.regex.Pattern.compile("qq.*"));
            return new TokenStreamComponents(source, new SnowballFilter(stream, new DutchStemmer()));
        }
    };

    /** The stems a lexicon entry is matched by, in order ("verdachte auto's" → verdacht, auto's). */
    static List<String> entryStems(String words) {
        return tokens(LEXICON_WORDS, words);
    }

    private static SynonymMap lexicon() {
        Analyzer parse = LEXICON_WORDS;
        try (Reader reader = new StringReader(resource(LEXICON))) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, parse);
            parser.parse(reader);
            return parser.build();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("The nuisance lexicon cannot be read", e);
        }
    }

    /** Keeps only the concept tokens the synonym graph added. */
    private static final class ConceptsOnly extends FilteringTokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

        ConceptsOnly(TokenStream in) {
            super(in);
        }

        @Override
        protected boolean accept() {
            return term.length() > 2 && term.charAt(0) == 'q' && term.charAt(1) == 'q';
        }
    }
}
