package nl.hartslag.intake.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.domain.DomainException;
import nl.hartslag.intake.InboundText;
import nl.hartslag.intake.SmsIntake;
import nl.hartslag.report.NewReport;
import nl.hartslag.twilio.web.TwilioRequests;
import nl.hartslag.web.DatabaseUnavailable;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/**
 * {@code POST /twilio/sms}: a text to our number. Answered with TwiML ({@code <Message>}), built
 * with the SDK: the reference of the stored report, a question, or a keyword's answer.
 */
@RestController
class SmsWebhookController {

    private static final Logger log = LoggerFactory.getLogger(SmsWebhookController.class);
    static final MediaType TWIML = MediaType.APPLICATION_XML;
    private static final Pattern SID = Pattern.compile("^[A-Z]{2}[0-9a-f]{32}$");
    private static final int BODY_MAX = 1600;
    private static final int MEDIA_MAX = 10;

    private final TwilioRequests twilio;
    private final SmsIntake intake;
    private final MessageSource messages;

    SmsWebhookController(TwilioRequests twilio, SmsIntake intake, MessageSource messages) {
        this.twilio = twilio;
        this.intake = intake;
        this.messages = messages;
    }

    @Operation(summary = "Twilio incoming text (form-encoded: From, To, Body, MessageSid, NumMedia, MediaUrlN;"
            + " signed with X-Twilio-Signature). Answers TwiML.")
    @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_XML_VALUE)
    Mono<ResponseEntity<String>> receive(ServerWebExchange exchange) {
        return twilio.verifiedForm(exchange)
                .map(SmsWebhookController::inbound)
                .flatMap(text -> intake.receive(text).onErrorResume(e -> !(e instanceof DomainException), e -> {
                    // The resident must hear something; a 500 (or a 503: Twilio retries neither by default)
                    // would leave them without any answer. During a database outage the sender hears the same
                    // "try again later"; the outage itself is logged once, this line names the text for replay.
                    if (DatabaseUnavailable.isCause(e)) {
                        log.warn("Could not take text {} (database unreachable); the sender was asked to try again",
                                text.messageSid());
                    } else {
                        log.error("Could not handle text {}; the sender was asked to try again", text.messageSid(), e);
                    }
                    return Mono.just(messages.getMessage("sms.error", null, Locale.forLanguageTag("nl")));
                }))
                .map(reply -> ResponseEntity.ok().contentType(TWIML).body(twiml(reply)));
    }

    /** The one place an SMS reply becomes TwiML: nothing that would make it invalid XML gets in. */
    static String twiml(String reply) {
        return new MessagingResponse.Builder()
                .message(new Message.Builder().body(new Body.Builder(Input.xmlSafe(reply)).build()).build())
                .build().toXml();
    }

    private static InboundText inbound(Map<String, String> form) {
        List<Violation> violations = new ArrayList<>();
        String sid = form.get("MessageSid");
        if (sid == null || !SID.matcher(sid).matches()) {
            violations.add(Violation.of("MessageSid", "validation.twilio.sid"));
        }
        String from = form.get("From");
        if (from == null || from.isBlank() || from.length() > 30) {
            violations.add(Violation.of("From", "validation.twilio.from"));
        }
        // A phone cannot mean a control character; one would be refused by PostgreSQL (NUL) or break the TwiML.
        String body = Input.xmlSafe(form.getOrDefault("Body", ""));
        if (body.length() > BODY_MAX) {
            violations.add(Violation.of("Body", "validation.size.max", BODY_MAX));
        }
        int media = 0;
        String numMedia = form.getOrDefault("NumMedia", "0");
        try {
            media = Integer.parseInt(numMedia);
        } catch (NumberFormatException e) {
            media = -1;
        }
        if (media < 0 || media > MEDIA_MAX) {
            violations.add(Violation.of("NumMedia", "validation.twilio.num-media", MEDIA_MAX));
        }
        List<NewReport.Photo> photos = new ArrayList<>();
        for (int i = 0; i < Math.max(0, Math.min(media, MEDIA_MAX)); i++) {
            String url = form.get("MediaUrl" + i);
            String type = form.get("MediaContentType" + i);
            if (url == null || !url.startsWith("https://") || url.length() > 1000) {
                violations.add(Violation.of("MediaUrl" + i, "validation.twilio.media-url"));
            } else if (type == null || type.toLowerCase(Locale.ROOT).startsWith("image/")) {
                // Photos only: a voice memo or a contact card is not something a team can look at.
                photos.add(new NewReport.Photo(url, type == null || type.length() > 100 ? null : type));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return new InboundText(from, sid, body, photos);
    }
}
