package nl.hartslag.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hartslag.twilio.*}: credentials come from the environment ({@code HARTSLAG_TWILIO_AUTH_TOKEN}
 * …) and have no defaults. Without an account SID and auth token, texts go to a log-only channel.
 *
 * @param phoneNumber         our sender number, E.164; or use {@code messagingServiceSid}
 * @param apiBaseUrl          Twilio's REST API; point it at a local fake for tests and trial runs
 */
@ConfigurationProperties("hartslag.twilio")
public record TwilioSettings(String accountSid, String authToken, String phoneNumber, String messagingServiceSid,
        @DefaultValue("https://api.twilio.com") String apiBaseUrl) {

    public boolean configured() {
        return notBlank(accountSid) && notBlank(authToken);
    }

    public boolean hasSender() {
        return notBlank(phoneNumber) || notBlank(messagingServiceSid);
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", apiBaseUrl=" + apiBaseUrl + ", authToken redacted]";
    }
}
