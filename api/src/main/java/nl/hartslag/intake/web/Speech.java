package nl.hartslag.intake.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.web.util.UriComponentsBuilder;

import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.SsmlBreak;
import com.twilio.twiml.voice.SsmlProsody;
import com.twilio.twiml.voice.SsmlSayAs;

import nl.hartslag.web.Input;

/**
 * The spoken side of one call in one language: every {@code <Say>} and {@code <Gather>} in Dutch
 * (Polly's Lotte, nl-NL) or, after menu 9, English (Amy, en-GB). Texts come from the message
 * bundle, so they are reviewed with the rest of the resident-facing Dutch.
 */
final class Speech {

    private static final String EMERGENCY = "112";

    private final MessageSource messages;
    private final String language;
    private final String publicBaseUrl;

    Speech(MessageSource messages, String language, String publicBaseUrl) {
        this.messages = messages;
        this.language = "en".equals(language) ? "en" : "nl";
        this.publicBaseUrl = publicBaseUrl;
    }

    String language() {
        return language;
    }

    boolean english() {
        return language.equals("en");
    }

    /**
     * Every text that goes into the call's TwiML is made here, so this is where anything that would
     * make it invalid XML is taken out: a caller's words read back, street names, any argument.
     */
    String text(String code, Object... args) {
        return Input.xmlSafe(messages.getMessage(code, args, Locale.forLanguageTag(language)));
    }

    /**
     * A spoken line. "112" is wrapped in {@code <say-as interpret-as="digits">}: read as a number a
     * voice says "honderdtwaalf", and a caller in distress must hear "een een twee".
     */
    Say say(String code, Object... args) {
        String text = text(code, args);
        if (!text.contains(EMERGENCY)) {
            return voice(new Say.Builder(text)).build();
        }
        Say.Builder say = voice(new Say.Builder());
        String[] parts = text.split(EMERGENCY, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                say.sayAs(new SsmlSayAs.Builder(EMERGENCY).interpretAs(SsmlSayAs.InterpretAs.DIGITS).build());
            }
            if (!parts[i].isEmpty()) {
                say.addText(parts[i]);
            }
        }
        return say.build();
    }

    /** A reference spoken slowly, character by character, in its three groups: "H S . 7 K Q 2 . M 9". */
    Say spell(String reference) {
        String[] groups = reference.split("-");
        SsmlProsody.Builder slow = new SsmlProsody.Builder().rate("slow");
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) {
                slow.break_(new SsmlBreak.Builder().time("600ms").build());
            }
            slow.sayAs(new SsmlSayAs.Builder(groups[i]).interpretAs(SsmlSayAs.InterpretAs.CHARACTERS).build());
        }
        return voice(new Say.Builder()).prosody(slow.build()).build();
    }

    /** A question answered by keypad or voice, calling {@code action} also when nothing came. */
    Gather.Builder gather(String action, boolean speech, boolean keys) {
        Gather.Builder gather = new Gather.Builder()
                .action(action)
                .language(english() ? Gather.Language.EN_GB : Gather.Language.NL_NL)
                .actionOnEmptyResult(true);
        if (speech && keys) {
            gather.inputs(java.util.List.of(Gather.Input.DTMF, Gather.Input.SPEECH));
        } else if (speech) {
            gather.inputs(Gather.Input.SPEECH);
        } else {
            gather.inputs(Gather.Input.DTMF);
        }
        if (speech) {
            gather.speechTimeout("auto");
        }
        return gather;
    }

    /** The absolute URL of one of our voice steps, carrying the language and the attempt. */
    String url(String step, int attempt) {
        return UriComponentsBuilder.fromUriString(publicBaseUrl).path("/twilio/voice/" + step)
                .queryParam("lang", language).queryParam("try", attempt).build().toUriString();
    }

    private Say.Builder voice(Say.Builder say) {
        return english() ? say.voice(Say.Voice.POLLY_AMY).language(Say.Language.EN_GB)
                : say.voice(Say.Voice.POLLY_LOTTE).language(Say.Language.NL_NL);
    }
}
