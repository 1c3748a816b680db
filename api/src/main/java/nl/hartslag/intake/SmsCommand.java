package nl.hartslag.intake;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a text message asks for. Keywords are read case-insensitively, Dutch and English, and only
 * as the whole message (plus an argument): "stop met die herrie" is a report, not an opt-out.
 * Everything else is a report (or the answer to "Waar is het?").
 */
public sealed interface SmsCommand {

    /** A report, or the place for one we asked about. */
    record Report(String text) implements SmsCommand {
    }

    /** STATUS HS-7KQ2-M9: the status of one's own report. {@code reference} as typed, maybe blank. */
    record Status(String reference) implements SmsCommand {
    }

    /** STOP and its synonyms: no more texts to this number. {@code language} of the keyword. */
    record Stop(String language) implements SmsCommand {
    }

    /** START / AANMELDEN: texts again. */
    record Start(String language) implements SmsCommand {
    }

    /** HELP / INFO: what this number is for. */
    record Help(String language) implements SmsCommand {
    }

    /** NIET OPGELOST HS-7KQ2-M9: the resident says a solved report is not solved. */
    record NotSolved(String reference, String language) implements SmsCommand {
    }

    /**
     * TEVREDEN / NIET TEVREDEN [HS-7KQ2-M9] [reden]: the answer to "Bent u tevreden?".
     * {@code reference} as typed (blank when none: the sender's most recent report that asked).
     */
    record Satisfaction(boolean satisfied, String reference, String reason, String language) implements SmsCommand {
    }

    /**
     * VERWIJDER HS-7KQ2-M9 (DELETE in English): erase one's contact data of that report (issue 15).
     * {@code reference} as typed, maybe blank.
     */
    record Erase(String reference, String language) implements SmsCommand {
    }

    /** A volunteer's answer to a case offer: JA 482 / NEE 482 (also YES / NO). */
    record OfferReply(boolean accept, int caseNumber, String language) implements SmsCommand {
    }

    // Matched against the text as typed, case-insensitively (ASCII keywords), so that what is taken
    // from it (a reference) is exactly what the resident wrote: lower-casing first changes the length
    // of some texts ("İ" becomes two characters) and shifted the reference, or threw.
    Pattern STATUS = Pattern.compile("^(?:status|stand)\\b\\s*[:.]?\\s*(.*)$", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    // Only with a reference-shaped argument or none: "verwijder die auto" is a report, not a request.
    Pattern ERASE = Pattern.compile("^(verwijder|verwijderen|delete|erase)\\b\\s*[:.]?\\s*(hs[-\\s]?[a-z0-9]{4}[-\\s]?[a-z0-9]{2}|)$",
            Pattern.CASE_INSENSITIVE);
    Pattern NOT_SOLVED = Pattern.compile("^(niet opgelost|not solved|not fixed)\\b\\s*[:.]?\\s*(.*)$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    Pattern SATISFIED = Pattern.compile(
            "^(niet tevreden|ontevreden|not satisfied|unsatisfied|dissatisfied|tevreden|satisfied)\\b\\s*[:.,!]?\\s*(.*)$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /** A reference right after the keyword, as residents type it (see Reference.parse). */
    Pattern LEADING_REFERENCE = Pattern.compile("^(hs[-\\s]?[a-z0-9]{4}[-\\s]?[a-z0-9]{2})(?![a-z0-9])\\s*[:.,!-]?\\s*(.*)$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    Pattern OFFER = Pattern.compile("^(ja|yes|nee|no)\\s*[:.#]?\\s*(\\d{1,9})\\s*[.!]?$", Pattern.CASE_INSENSITIVE);

    static SmsCommand parse(String body) {
        String text = body == null ? "" : body.strip();
        // Trailing full stops and exclamation marks are not part of a keyword or a reference.
        String bare = text.replaceAll("[.!]+$", "").strip();
        String lower = bare.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "stop", "afmelden" -> {
                return new Stop("nl");
            }
            case "stopall", "unsubscribe", "cancel", "end", "quit" -> {
                return new Stop("en");
            }
            case "start", "aanmelden" -> {
                return new Start(lower.equals("start") ? Language.of(text) : "nl");
            }
            case "unstop", "subscribe" -> {
                return new Start("en");
            }
            case "help", "info", "" -> {
                return new Help("nl");
            }
            default -> {
                // falls through to the commands with an argument
            }
        }
        Matcher status = STATUS.matcher(bare);
        if (status.matches()) {
            return new Status(status.group(1).strip());
        }
        Matcher erase = ERASE.matcher(bare);
        if (erase.matches()) {
            String word = erase.group(1).toLowerCase(Locale.ROOT);
            return new Erase(erase.group(2).strip(), word.startsWith("verwijder") ? "nl" : "en");
        }
        Matcher notSolved = NOT_SOLVED.matcher(bare);
        if (notSolved.matches()) {
            return new NotSolved(notSolved.group(2).strip(),
                    notSolved.group(1).toLowerCase(Locale.ROOT).startsWith("niet") ? "nl" : "en");
        }
        // Matched on the text as sent (a reason may end with a full stop that belongs to it).
        Matcher satisfied = SATISFIED.matcher(text);
        if (satisfied.matches()) {
            String word = satisfied.group(1).toLowerCase(Locale.ROOT);
            String rest = satisfied.group(2).strip();
            String reference = "";
            Matcher leading = LEADING_REFERENCE.matcher(rest);
            if (leading.matches()) {
                reference = leading.group(1);
                rest = leading.group(2).strip();
            }
            boolean yes = word.equals("tevreden") || word.equals("satisfied");
            boolean dutch = word.equals("tevreden") || word.equals("niet tevreden") || word.equals("ontevreden");
            return new Satisfaction(yes, reference, rest, dutch ? "nl" : "en");
        }
        Matcher offer = OFFER.matcher(bare);
        if (offer.matches()) {
            Optional<Integer> number = parseNumber(offer.group(2));
            if (number.isPresent()) {
                String word = offer.group(1).toLowerCase(Locale.ROOT);
                return new OfferReply(word.equals("ja") || word.equals("yes"), number.get(),
                        word.equals("ja") || word.equals("nee") ? "nl" : "en");
            }
        }
        return new Report(text);
    }

    private static Optional<Integer> parseNumber(String digits) {
        try {
            int n = Integer.parseInt(digits);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
