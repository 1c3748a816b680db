package nl.hartslag.notification;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A notification to write to the outbox. The idempotency key names its cause (for example
 * {@code report:<id>:event:<n>}): writing the same key twice sends one message.
 *
 * @param address   an E.164 number for SMS, an e-mail address for EMAIL; personal data, never logged
 * @param reference the report it is about, shown to coordinators; may be null
 */
public record OutgoingNotification(String idempotencyKey, Channel channel, String address, Audience audience,
        Template template, Map<String, String> parameters, String language, Urgency urgency, String reference) {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    public OutgoingNotification {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(urgency, "urgency");
        parameters = Map.copyOf(parameters);
        if (idempotencyKey.length() < 3 || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("idempotency key must be 3 to 200 characters");
        }
        if (!"nl".equals(language) && !"en".equals(language)) {
            throw new IllegalArgumentException("language must be nl or en, not " + language);
        }
        if (channel == Channel.SMS ? !E164.matcher(address).matches()
                : address.length() > 320 || !EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("not a valid " + channel + " address"); // the address itself is not logged
        }
        for (Template.Param p : template.required()) {
            if (p != Template.Param.NOTE && (parameters.get(p.key()) == null || parameters.get(p.key()).isBlank())) {
                throw new IllegalArgumentException(template + " needs parameter " + p.key());
            }
        }
        for (Template.Param p : Template.Param.values()) {
            String value = parameters.get(p.key());
            if (value != null && value.length() > p.maxLength()) {
                throw new IllegalArgumentException(p.key() + " is longer than " + p.maxLength());
            }
        }
    }

    @Override
    public String toString() {
        return "OutgoingNotification[" + idempotencyKey + ", " + channel + ", " + template + ", address redacted]";
    }
}
