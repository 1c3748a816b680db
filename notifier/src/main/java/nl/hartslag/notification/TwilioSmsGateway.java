package nl.hartslag.notification;

import java.net.URI;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Texts through Twilio's Messages API with the SDK; its blocking call runs on bounded-elastic threads. */
final class TwilioSmsGateway implements SmsGateway {

    /** Twilio's "recipient has unsubscribed" (they texted STOP to our number). */
    static final String UNSUBSCRIBED = "21610";

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

    static SendFailure classify(Throwable e) {
        if (e instanceof ApiException api && api.getStatusCode() != null) {
            int status = api.getStatusCode();
            String code = api.getCode() == null ? null : String.valueOf(api.getCode());
            // 401/403 mean our credentials are wrong or being rotated, not that this message is bad:
            // keep it and try again (it ends DEAD, visible to coordinators, if nobody fixes them).
            boolean transientError = status == 429 || status >= 500 || status == 401 || status == 403;
            return new SendFailure(!transientError, status, code, "Twilio " + status
                    + (code == null ? "" : " (" + code + ")") + ": " + api.getMessage(), e);
        }
        if (e instanceof ApiConnectionException || causedBy(e, java.io.IOException.class)) {
            return new SendFailure(false, null, null, "No answer from Twilio: " + rootMessage(e), e);
        }
        return new SendFailure(false, null, null, "Sending failed: " + rootMessage(e), e);
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
