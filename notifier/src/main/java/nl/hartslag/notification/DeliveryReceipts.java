package nl.hartslag.notification;

import java.util.Locale;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

/** Twilio's status callbacks: every receipt is kept, and a final one moves its notification. */
public final class DeliveryReceipts {

    private static final Pattern SID = Pattern.compile("^[A-Z]{2}[0-9a-f]{32}$");
    private static final Pattern STATUS = Pattern.compile("^[a-z_]{2,40}$");

    private final OutboxRepository repository;

    DeliveryReceipts(OutboxRepository repository) {
        this.repository = repository;
    }

    /** A Twilio message SID: two letters and 32 hex digits. */
    public static boolean isSid(String value) {
        return value != null && SID.matcher(value).matches();
    }

    public static boolean isStatus(String value) {
        return value != null && STATUS.matcher(value.toLowerCase(Locale.ROOT)).matches();
    }

    /** Absent, empty, or a number. */
    public static boolean isErrorCode(String value) {
        return value == null || value.isEmpty() || value.matches("^[0-9]{1,10}$");
    }

    public Mono<Void> record(String messageSid, String messageStatus, String errorCode) {
        return repository.recordReceipt(messageSid, messageStatus.toLowerCase(Locale.ROOT),
                errorCode == null || errorCode.isEmpty() ? null : errorCode);
    }
}
