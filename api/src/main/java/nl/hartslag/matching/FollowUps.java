package nl.hartslag.matching;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Words that make a report an update of a problem already reported ("weer!!", "nog steeds",
 * "zelfde als vorige week", "still not collected") rather than a description of one. Such a report
 * often names no kind of problem at all; it belongs to the most recent problem at its place. The
 * vocabulary is generic Dutch and English of repetition, persistence and reference to an earlier
 * report, not words of any particular problem.
 */
final class FollowUps {

    private static final Pattern WORDS = Pattern.compile(String.join("|",
            // repetition
            "\\b(al)?weer\\b", "\\bwederom\\b", "\\bopnieuw\\b", "\\bnog (een )?keer\\b", "\\bvoor de \\w+ keer\\b",
            "\\bsteeds (weer|maar)\\b", "\\bweer(om)? bezig\\b",
            // persistence
            "\\bnog (steeds|altijd|immer)\\b", "\\bstee?ds nog\\b", "\\bblijft\\b", "\\bblijven\\b",
            "\\bhoudt? (maar )?niet op\\b", "\\bgaat (maar )?door\\b", "\\bnog (steeds )?(niet|niks|niets)\\b",
            "\\bnog geen\\b", "\\bniks (gebeurd|veranderd|gedaan)\\b", "\\bniets (gebeurd|veranderd|gedaan)\\b",
            "\\bnu (al )?(rustiger|beter|opgelost|weg)\\b", "\\bis (nu )?opgelost\\b",
            // a status update: better, done, thanks for what was done
            "\\b(een stuk|veel|iets|wat|stukken|eindelijk) (rustiger|beter|stiller)\\b",
            "\\beindelijk (rustig|stil|weg|opgehaald|opgelost|gerepareerd|gemaakt)\\b", "\\bblij dat\\b",
            "(?<!alvast )\\bdank (aan|voor (het|de|jullie|uw|je))\\b", "\\bvoor het eerst (in|sinds) (weken|maanden|tijden|lange tijd)\\b",
            "\\b(is|zijn|werd|werden) (eindelijk |gisteren |vandaag |nu )?(opgehaald|gerepareerd|verwijderd|weggehaald|opgeruimd"
                    + "|schoongemaakt)\\b",
            // reference to an earlier report
            "\\b(het ?)?zelfde (als|probleem|verhaal|gedoe|als eerder)\\b", "\\bzoals (gisteren|eerder|vorige|vorig|laatst|al gemeld|gemeld)\\b",
            "\\b(al )?eerder gemeld\\b", "\\bal gemeld\\b", "\\bvorige (week|keer|melding|maand)\\b",
            "\\bmijn (vorige|eerdere) melding\\b", "\\baanvulling\\b", "\\bik ook\\b", "\\bhier ook\\b",
            // English
            "\\bagain\\b", "\\bstill\\b", "\\bsame as\\b", "\\bas before\\b", "\\bonce more\\b", "\\bkeeps? (on|happening)\\b",
            "\\bnot yet\\b", "\\balready reported\\b", "\\b(finally|much) (quiet|quieter|better|gone|fixed)\\b", "\\bme too\\b", "\\bfollow[- ]?up\\b", "\\bupdate\\b"));

    private FollowUps() {
    }

    /** Whether the text speaks of an earlier report or of a problem that goes on or came back. */
    static boolean in(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return WORDS.matcher(folded).find();
    }
}
