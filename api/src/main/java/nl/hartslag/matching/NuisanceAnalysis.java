package nl.hartslag.matching;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * (so "drieëntwintig" and an SMS "drieentwintig" meet), Dutch stop words and Snowball stemming.
 * A second chain maps nuisance vocabulary to kinds of problem ("herrie", "harde muziek",
 * "geluidsoverlast" → noise) with a synonym graph, so different words for one problem meet.
 */
final class NuisanceAnalysis {

    static final String CONCEPT_PREFIX = "qq";

    /**
     * English words whose Dutch stem is a word of the lexicon with another meaning ("hits" would become
     * "hit", the stem of "hitte", heat; "mess" would become "mes", knife): the concept chain keeps
     * them as written.
     */
    private static final CharArraySet UNSTEMMED = CharArraySet.unmodifiableSet(
            new CharArraySet(List.of("hits", "mess"), true));

    private final CharArraySet stopWords;
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
        this.content = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
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
                TokenStream stream = new SnowballFilter(new SetKeywordMarkerFilter(
                        new ASCIIFoldingFilter(new LowerCaseFilter(source)), UNSTEMMED), new DutchStemmer());
                stream = new SynonymGraphFilter(stream, lexicon, true);
                stream = new ConceptsOnly(stream);
                return new TokenStreamComponents(source, stream);
            }
        };
    }

    boolean isStopWord(String word) {
        return stopWords.contains(word);
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

    private static SynonymMap lexicon() {
        Analyzer parse = new Analyzer() {
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
        try (Reader reader = new InputStreamReader(
                NuisanceAnalysis.class.getResourceAsStream("nuisance-lexicon.txt"), StandardCharsets.UTF_8)) {
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
