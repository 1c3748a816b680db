package nl.hartslag.intake.web;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.DomainException;
import nl.hartslag.intake.Purpose;
import nl.hartslag.intake.VoiceIntake;
import nl.hartslag.twilio.web.TwilioRequests;
import nl.hartslag.web.DatabaseUnavailable;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * The phone line, {@code POST /twilio/voice} and its steps. Every answer is TwiML built with the
 * SDK, in Dutch (or English after 9), and starts from "bel 112" on the first step. Silence or an
 * unknown key gets one more try and then a polite goodbye; a failure on our side is apologised for
 * in words, never read out as an error page. The step and attempt travel in the action URL, what
 * the caller said is kept by call (see {@link VoiceIntake}), never in a URL.
 */
@RestController
@RequestMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_XML_VALUE)
class VoiceWebhookController {

    private static final Logger log = LoggerFactory.getLogger(VoiceWebhookController.class);
    private static final Pattern CALL_SID = Pattern.compile("^CA[0-9a-f]{32}$");
    /** Words a caller may say instead of pressing a key in the menu and in "klopt dit?". */
    private static final Map<String, Character> SPOKEN_CHOICES = Map.ofEntries(
            Map.entry("een", '1'), Map.entry("één", '1'), Map.entry("1", '1'), Map.entry("one", '1'),
            Map.entry("overlast", '1'), Map.entry("melden", '1'), Map.entry("ja", '1'), Map.entry("klopt", '1'),
            Map.entry("yes", '1'), Map.entry("correct", '1'),
            Map.entry("twee", '2'), Map.entry("2", '2'), Map.entry("two", '2'), Map.entry("buren", '2'),
            Map.entry("conflict", '2'), Map.entry("bemiddeling", '2'), Map.entry("nee", '2'),
            Map.entry("opnieuw", '2'), Map.entry("no", '2'), Map.entry("again", '2'),
            Map.entry("drie", '3'), Map.entry("3", '3'), Map.entry("three", '3'), Map.entry("status", '3'),
            Map.entry("negen", '9'), Map.entry("9", '9'), Map.entry("nine", '9'), Map.entry("english", '9'),
            Map.entry("engels", '9'));

    private final TwilioRequests twilio;
    private final VoiceIntake intake;
    private final MessageSource messages;
    private final String publicBaseUrl;

    VoiceWebhookController(TwilioRequests twilio, VoiceIntake intake, MessageSource messages,
            @Value("${hartslag.public-base-url}") String publicBaseUrl) {
        this.twilio = twilio;
        this.intake = intake;
        this.messages = messages;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    @Operation(summary = "Twilio incoming call: the 112 warning and the menu (TwiML)")
    @PostMapping("/twilio/voice")
    Mono<ResponseEntity<String>> call(ServerWebExchange exchange) {
        return step(exchange, "nl", (form, speech) -> Mono.just(menu(speech, 1, true)));
    }

    @Operation(summary = "Twilio call step: the caller's menu choice (Digits or SpeechResult)")
    @PostMapping("/twilio/voice/menu")
    Mono<ResponseEntity<String>> menuChoice(ServerWebExchange exchange, @RequestParam(defaultValue = "nl") String lang,
            @RequestParam(name = "try", defaultValue = "1") int attempt) {
        return step(exchange, lang, (form, speech) -> {
            char choice = choice(form);
            switch (choice) {
                case '1', '2' -> {
                    Purpose purpose = choice == '1' ? Purpose.NUISANCE : Purpose.MEDIATION;
                    return intake.start(form.get("CallSid"), form.get("From"), purpose, speech.language())
                            .then(describe(speech, purpose, 1, false));
                }
                case '3' -> {
                    return Mono.just(askReference(speech, 1, false));
                }
                case '9' -> {
                    // 9 switches language: to English from the Dutch menu, back to Dutch from the English one.
                    return Mono.just(menu(new Speech(messages, speech.english() ? "nl" : "en", publicBaseUrl), 1,
                            true));
                }
                default -> {
                    return Mono.just(attempt < 2 ? menu(speech, attempt + 1, false) : goodbye(speech));
                }
            }
        });
    }

    @Operation(summary = "Twilio call step: what the caller said about the problem (SpeechResult, Confidence)")
    @PostMapping("/twilio/voice/report")
    Mono<ResponseEntity<String>> report(ServerWebExchange exchange, @RequestParam(defaultValue = "nl") String lang,
            @RequestParam(name = "try", defaultValue = "1") int attempt,
            @RequestParam(defaultValue = "NUISANCE") Purpose purpose) {
        return step(exchange, lang, (form, speech) -> {
            String said = said(form).strip();
            if (said.isEmpty()) {
                return attempt < 2 ? describe(speech, purpose, attempt + 1, true) : Mono.just(goodbye(speech));
            }
            return intake.heard(form.get("CallSid"), said, confidence(form))
                    .map(heard -> heard.placeExact() ? readBack(speech, heard.speech(), 1)
                            : askPlace(speech, 1, false))
                    .defaultIfEmpty(sorry(speech));
        });
    }

    @Operation(summary = "Twilio call step: where the problem is, when the first answer did not say")
    @PostMapping("/twilio/voice/place")
    Mono<ResponseEntity<String>> place(ServerWebExchange exchange, @RequestParam(defaultValue = "nl") String lang,
            @RequestParam(name = "try", defaultValue = "1") int attempt) {
        return step(exchange, lang, (form, speech) -> {
            String said = said(form).strip();
            if (said.isEmpty() && attempt < 2) {
                return Mono.just(askPlace(speech, attempt + 1, true));
            }
            // Said nothing twice: read back what we have; the coordinator can call back about the place.
            Mono<VoiceIntake.Heard> heard = said.isEmpty() ? intake.soFar(form.get("CallSid"))
                    : intake.heard(form.get("CallSid"), said, confidence(form));
            return heard.map(h -> readBack(speech, h.speech(), 1)).defaultIfEmpty(sorry(speech));
        });
    }

    @Operation(summary = "Twilio call step: 1 = correct (the report is stored), 2 = say it again")
    @PostMapping("/twilio/voice/confirm")
    Mono<ResponseEntity<String>> confirm(ServerWebExchange exchange, @RequestParam(defaultValue = "nl") String lang,
            @RequestParam(name = "try", defaultValue = "1") int attempt) {
        return step(exchange, lang, (form, speech) -> {
            char choice = choice(form);
            if (choice == '1') {
                return intake.confirm(form.get("CallSid")).map(confirmation -> stored(speech, confirmation));
            }
            if (choice == '2') {
                return intake.forget(form.get("CallSid")).defaultIfEmpty(Purpose.NUISANCE)
                        .flatMap(purpose -> describe(speech, purpose, 1, false));
            }
            if (attempt < 2) {
                VoiceResponse.Builder twiml = new VoiceResponse.Builder().say(speech.say("voice.not-understood"));
                return Mono.just(twiml.gather(speech.gather(speech.url("confirm", attempt + 1), true, true)
                        .numDigits(1).hints(speech.text("voice.confirm.hints"))
                        .say(speech.say("voice.confirm")).build()).build().toXml());
            }
            return Mono.just(goodbye(speech));
        });
    }

    @Operation(summary = "Twilio call step: a report's reference (Digits or SpeechResult), answered with its status")
    @PostMapping("/twilio/voice/status")
    Mono<ResponseEntity<String>> status(ServerWebExchange exchange, @RequestParam(defaultValue = "nl") String lang,
            @RequestParam(name = "try", defaultValue = "1") int attempt) {
        return step(exchange, lang, (form, speech) -> {
            String keys = form.getOrDefault("Digits", "");
            String said = said(form);
            if (keys.isBlank() && said.isBlank()) {
                return Mono.just(attempt < 2 ? askReference(speech, attempt + 1, true) : goodbye(speech));
            }
            return intake.status(form.get("From"), keys, said).map(answer -> {
                if (answer instanceof VoiceIntake.Found found) {
                    return new VoiceResponse.Builder()
                            .say(speech.say("voice.status.found"))
                            .say(speech.spell(found.reference().value()))
                            .say(speech.say("voice.status.is",
                                    speech.text(found.status().labelCode()).toLowerCase(Locale.ROOT)))
                            .say(speech.say("voice.goodbye"))
                            .hangup(new Hangup.Builder().build()).build().toXml();
                }
                if (answer instanceof VoiceIntake.Withheld) {
                    return new VoiceResponse.Builder().say(speech.say("voice.status.withheld"))
                            .say(speech.say("voice.goodbye")).hangup(new Hangup.Builder().build()).build().toXml();
                }
                return attempt < 2 ? askReference(speech, attempt + 1, false, "voice.status.not-found")
                        : new VoiceResponse.Builder().say(speech.say("voice.status.not-found"))
                                .say(speech.say("voice.goodbye")).hangup(new Hangup.Builder().build()).build().toXml();
            });
        });
    }

    // --- the TwiML of each step

    private String menu(Speech speech, int attempt, boolean welcome) {
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        if (welcome) {
            twiml.say(speech.say("voice.emergency")).say(speech.say("voice.welcome"));
        } else {
            twiml.say(speech.say("voice.not-understood"));
        }
        return twiml.gather(speech.gather(speech.url("menu", attempt), true, true).numDigits(1).timeout(6)
                .hints(speech.text("voice.menu.hints"))
                .say(speech.say("voice.menu")).build()).build().toXml();
    }

    private Mono<String> describe(Speech speech, Purpose purpose, int attempt, boolean again) {
        return intake.speechHints().map(streets -> {
            VoiceResponse.Builder twiml = new VoiceResponse.Builder();
            if (again) {
                twiml.say(speech.say("voice.nothing-heard"));
            }
            String action = speech.url("report", attempt) + "&purpose=" + purpose.name();
            return twiml.gather(speech.gather(action, true, false).timeout(6).hints(Input.xmlSafe(streets))
                    .say(speech.say(purpose == Purpose.MEDIATION ? "voice.describe.mediation"
                            : "voice.describe.nuisance"))
                    .build()).build().toXml();
        });
    }

    private String askPlace(Speech speech, int attempt, boolean again) {
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        if (again) {
            twiml.say(speech.say("voice.nothing-heard"));
        }
        return twiml.gather(speech.gather(speech.url("place", attempt), true, false).timeout(6)
                .say(speech.say("voice.where")).build()).build().toXml();
    }

    private String readBack(Speech speech, String heard, int attempt) {
        return new VoiceResponse.Builder()
                .say(speech.say("voice.read-back", heard))
                .gather(speech.gather(speech.url("confirm", attempt), true, true).numDigits(1)
                        .hints(speech.text("voice.confirm.hints"))
                        .say(speech.say("voice.confirm")).build())
                .build().toXml();
    }

    private String askReference(Speech speech, int attempt, boolean again) {
        return askReference(speech, attempt, again, null);
    }

    private String askReference(Speech speech, int attempt, boolean again, String before) {
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        if (before != null) {
            twiml.say(speech.say(before));
        } else if (again) {
            twiml.say(speech.say("voice.nothing-heard"));
        }
        return twiml.gather(speech.gather(speech.url("status", attempt), true, true).timeout(8).finishOnKey("#")
                .hints(speech.text("voice.reference.hints"))
                .say(speech.say("voice.reference")).build()).build().toXml();
    }

    private String stored(Speech speech, VoiceIntake.Confirmation confirmation) {
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        if (confirmation instanceof VoiceIntake.Stored stored) {
            twiml.say(speech.say("voice.stored")).say(speech.spell(stored.reference().value()))
                    .pause(new Pause.Builder().length(1).build())
                    .say(speech.say("voice.repeat")).say(speech.spell(stored.reference().value()));
            if (stored.textFollows()) {
                twiml.say(speech.say("voice.text-follows"));
            }
        } else if (confirmation instanceof VoiceIntake.Limited limited) {
            twiml.say(speech.say(limited.thisNumber() ? "voice.limit.number" : "voice.limit.everyone"));
        } else {
            twiml.say(speech.say("voice.error"));
        }
        return twiml.say(speech.say("voice.goodbye")).hangup(new Hangup.Builder().build()).build().toXml();
    }

    private String goodbye(Speech speech) {
        return new VoiceResponse.Builder().say(speech.say("voice.no-input"))
                .hangup(new Hangup.Builder().build()).build().toXml();
    }

    private String sorry(Speech speech) {
        return new VoiceResponse.Builder().say(speech.say("voice.error")).say(speech.say("voice.goodbye"))
                .hangup(new Hangup.Builder().build()).build().toXml();
    }

    // --- plumbing

    private interface Step {
        Mono<String> answer(Map<String, String> form, Speech speech);
    }

    /** Verifies the signature (403 otherwise), checks the call id, answers, and never reads out an error. */
    private Mono<ResponseEntity<String>> step(ServerWebExchange exchange, String lang, Step step) {
        Speech speech = new Speech(messages, lang, publicBaseUrl);
        return twilio.verifiedForm(exchange)
                .flatMap(form -> {
                    String sid = form.get("CallSid");
                    if (sid == null || !CALL_SID.matcher(sid).matches()) {
                        return Mono.error(new InvalidRequestException(Violation.of("CallSid", "validation.twilio.call-sid")));
                    }
                    return step.answer(form, speech).onErrorResume(e -> !(e instanceof DomainException)
                            && !(e instanceof InvalidRequestException), e -> {
                                if (DatabaseUnavailable.isCause(e)) {
                                    // A caller is live: an apology in their language, not Twilio's error voice.
                                    log.warn("A step of call {} failed (database unreachable); the caller heard an"
                                            + " apology", sid);
                                } else {
                                    log.error("A call step failed; the caller heard an apology", e);
                                }
                                return Mono.just(sorry(speech));
                            });
                })
                .map(xml -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml));
    }

    /** What the caller said, as text we can store and read back (see {@link Input#xmlSafe}). */
    private static String said(Map<String, String> form) {
        return Input.xmlSafe(form.getOrDefault("SpeechResult", ""));
    }

    private static Float confidence(Map<String, String> form) {
        try {
            float value = Float.parseFloat(form.getOrDefault("Confidence", ""));
            return value >= 0 && value <= 1 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The key pressed, or the choice a spoken answer names; '?' when neither. */
    private static char choice(Map<String, String> form) {
        String digits = form.getOrDefault("Digits", "").strip();
        if (!digits.isEmpty()) {
            return digits.charAt(0);
        }
        for (String word : said(form).toLowerCase(Locale.ROOT).split("[^\\p{L}0-9]+")) {
            Character choice = SPOKEN_CHOICES.get(word);
            if (choice != null) {
                return choice;
            }
        }
        return '?';
    }
}
