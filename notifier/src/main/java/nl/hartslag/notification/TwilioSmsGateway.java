package nl.hartslag.notification;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.hc.client5.http.ConnectTimeoutException;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Texts through Twilio's Messages API with the SDK; its blocking call runs on bounded-elastic threads. */
final class TwilioSmsGateway implements SmsGateway {

    /** Twilio's "recipient has unsubscribed" (they texted STOP to our number). */
    static final String UNSUBSCRIBED = "21610";

    /** At most this many messages are read when looking for one whose answer was lost. */
    private static final long LOOKUP_LIMIT = 200;

    private final TwilioRestClient client;
    private final TwilioSettings settings;
    private final URI statusCallback;

    TwilioSmsGateway(TwilioRestClient client, TwilioSettings settings, String publicBaseUrl) {
        this.client = client;
        this.settings = settings;
        this.statusCallback = URI.create(publicBaseUrl.replaceAll("/+$", "") + "/twilio/status");
    }

    @Override
    public Mono<String> send(String to, String body) {
        return Mono.fromCallable(() -> {
            MessageCreator creator = TwilioSettings.notBlank(settings.messagingServiceSid())
                    ? Message.creator(new PhoneNumber(to), settings.messagingServiceSid(), body)
                    : Message.creator(new PhoneNumber(to), new PhoneNumber(settings.phoneNumber()), body);
            return creator.setStatusCallback(statusCallback).create(client).getSid();
        }).subscribeOn(Schedulers.boundedElastic()).onErrorMap(e -> !(e instanceof SendFailure), TwilioSmsGateway::classify);
    }

    /**
     * Looks for a message to {@code to} with this body whose DateSent is after {@code since}: from
     * our number, or (with a Messaging Service, whose sender varies) carrying our service's SID.
     * The SDK's reader pages on its own; a resident's number gets a handful of texts a day.
     */
    @Override
    public Mono<String> findSent(String to, String body, Instant since) {
        return Mono.fromCallable(() -> {
            boolean viaService = TwilioSettings.notBlank(settings.messagingServiceSid());
            MessageReader reader = Message.reader().setTo(new PhoneNumber(to))
                    .setDateSentAfter(since.atZone(ZoneOffset.UTC)).setPageSize(50L);
            if (!viaService) {
                reader.setFrom(new PhoneNumber(settings.phoneNumber()));
            }
            for (Message m : reader.limit(LOOKUP_LIMIT).read(client)) {
                boolean ours = viaService ? settings.messagingServiceSid().equals(m.getMessagingServiceSid())
                        : m.getFrom() != null && settings.phoneNumber().equals(m.getFrom().toString());
                if (ours && body.strip().equals(m.getBody() == null ? null : m.getBody().strip())) {
                    return m.getSid();
                }
            }
            return null;
        }).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof SendFailure), e -> {
                    SendFailure f = classify(e);
                    return new SendFailure(false, f.httpStatus(), f.code(), "Asking Twilio failed: " + f.getMessage(), e);
                });
    }

    static SendFailure classify(Throwable e) {
        if (e instanceof ApiException api && api.getStatusCode() != null) {
            int status = api.getStatusCode();
            String code = api.getCode() == null ? null : String.valueOf(api.getCode());
            // 401/403 mean our credentials are wrong or being rotated, not that this message is bad:
            // keep it and try again (it ends DEAD, visible to coordinators, if nobody fixes them).
            boolean transientError = status == 429 || status >= 500 || status == 401 || status == 403;
            // A 5xx may come after Twilio stored the message: whether it was sent is unknown.
            return new SendFailure(!transientError, status, code, "Twilio " + status
                    + (code == null ? "" : " (" + code + ")") + ": " + api.getMessage(), e, status >= 500);
        }
        if (e instanceof ApiConnectionException || causedBy(e, java.io.IOException.class)) {
            // Only a connection that was never made proves the request never reached Twilio.
            boolean neverSent = causedBy(e, ConnectException.class) || causedBy(e, ConnectTimeoutException.class)
                    || causedBy(e, UnknownHostException.class);
            return new SendFailure(false, null, null, "No answer from Twilio: " + rootMessage(e), e, !neverSent);
        }
        return new SendFailure(false, null, null, "Sending failed: " + rootMessage(e), e, true);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }

    @Override
    public boolean real() {
        return true;
    }

    @Override
    public String describe() {
        return "Twilio (" + settings.apiBaseUrl() + ")";
    }
}
