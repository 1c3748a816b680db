package nl.hartslag.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The SMS keyword parser is a pure function over whatever a phone sends: any string gives a
 * command or free text, never an exception, and what it takes from the text is really in it.
 * Keyword-shaped texts are generated on purpose (a keyword, odd case, punctuation, any tail),
 * because random strings alone almost never hit a keyword.
 */
class SmsCommandPropertyTests {

    private static final String[] KEYWORDS = { "stop", "afmelden", "stopall", "unsubscribe", "cancel", "end", "quit",
            "start", "aanmelden", "unstop", "subscribe", "help", "info", "status", "stand", "niet opgelost",
            "not solved", "not fixed", "ja", "nee", "yes", "no" };

    @Property(tries = 4500)
    void anyTextIsACommandOrFreeText(@ForAll("texts") String body) {
        SmsCommand command = SmsCommand.parse(body);

        assertThat(command).isNotNull();
        String text = body == null ? "" : body.strip();
        // The reference is what the resident typed after the keyword: a part of their text, never made up.
        if (command instanceof SmsCommand.Report report) {
            assertThat(report.text()).isEqualTo(text);
        } else if (command instanceof SmsCommand.Status status) {
            assertThat(text).contains(status.reference());
        } else if (command instanceof SmsCommand.NotSolved notSolved) {
            assertThat(text).contains(notSolved.reference());
        } else if (command instanceof SmsCommand.Satisfaction answer) {
            assertThat(text).contains(answer.reference()).contains(answer.reason());
            assertThat(answer.language()).isIn("nl", "en");
        } else if (command instanceof SmsCommand.OfferReply reply) {
            assertThat(reply.caseNumber()).isPositive();
        } else if (command instanceof SmsCommand.Stop stop) {
            assertThat(stop.language()).isIn("nl", "en");
        } else if (command instanceof SmsCommand.Start start) {
            assertThat(start.language()).isIn("nl", "en");
        } else {
            assertThat(((SmsCommand.Help) command).language()).isIn("nl", "en");
        }
    }

    @Property(tries = 1500)
    void aStatusReferenceIsTheTailAsTyped(@ForAll("statusTexts") String body) {
        SmsCommand command = SmsCommand.parse(body);

        assertThat(command).isInstanceOf(SmsCommand.Status.class);
        String reference = ((SmsCommand.Status) command).reference();
        String tail = body.strip().substring(body.strip().toLowerCase(Locale.ROOT).startsWith("status") ? 6 : 5);
        assertThat(tail.replaceAll("[.!]+$", "").strip()).endsWith(reference.replaceAll("^[:.]\\s*", ""));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> keyword = Arbitraries.of(KEYWORDS).map(SmsCommandPropertyTests::oddCase);
        Arbitrary<String> tail = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> punctuation = Arbitraries.of("", " ", ".", "!", ":", "#", " .!", "\u0000", "\n");
        Arbitrary<String> keywordShaped = Combinators.combine(keyword, punctuation, tail, punctuation)
                .as((k, p, t, q) -> k + p + t + q);
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withCharRange('\u0000', '\u024f').ofMaxLength(60),
                keywordShaped,
                Arbitraries.just((String) null));
    }

    @Provide
    Arbitrary<String> statusTexts() {
        Arbitrary<String> reference = Arbitraries.strings().withChars("HS-7KQ2M9 ıİßﬀẞΣσς".toCharArray()).ofMaxLength(14)
                .filter(s -> !s.isBlank());
        return Combinators.combine(Arbitraries.of("status", "stand").map(SmsCommandPropertyTests::oddCase),
                Arbitraries.of(" ", ": ", ". "), reference, Arbitraries.of("", ".", "!", "..."))
                .as((k, sep, ref, end) -> k + sep + ref + end);
    }

    private static String oddCase(String word) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            s.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return s.toString();
    }
}
