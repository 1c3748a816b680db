package nl.hartslag.matching;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits compounds ({@link Decompounder}) in a token stream. Two ways, one per chain:
 * <ul>
 * <li>{@code keepWhole}: the compound stays and its parts are stacked on its position, as Lucene's
 * compound filters do; for the content words, so "hondenpoep" and "poep van honden" share "poep" and
 * "hond" while two reports that both say "hondenpoep" share that too.</li>
 * <li>otherwise the parts replace the compound, one position each, as if the resident had written them
 * apart; for the kinds of problem, whose synonym graph reads phrases position by position and
 * cannot read stacked tokens. A compound the lexicon knows as a whole ({@code known}) is left alone:
 * "hondenpoep" is dog mess, not dog plus mess.</li>
 * </ul>
 */
final class CompoundSplitFilter extends TokenFilter {

    private final Decompounder decompounder;
    private final Predicate<String> known;
    private final boolean keepWhole;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();
    private State whole;

    CompoundSplitFilter(TokenStream in, Decompounder decompounder, Predicate<String> known, boolean keepWhole) {
        super(in);
        this.decompounder = decompounder;
        this.known = known;
        this.keepWhole = keepWhole;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            restoreState(whole);
            term.setEmpty().append(pending.poll());
            increment.setPositionIncrement(keepWhole ? 0 : 1);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String word = term.toString();
        List<String> parts = decompounder.split(word);
        // Most words are no compound; only those that are need the (stemming) lexicon check.
        if (parts.isEmpty() || (!keepWhole && known.test(word))) {
            return true;
        }
        whole = captureState();
        if (keepWhole) {
            pending.addAll(parts);
            return true;
        }
        pending.addAll(parts.subList(1, parts.size()));
        term.setEmpty().append(parts.get(0));
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
        whole = null;
    }
}
