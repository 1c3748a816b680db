package nl.hartslag.notification;

/**
 * Why a provider did not take a message. {@code permanent}: sending it again cannot help (an
 * invalid number, an unsubscribed recipient, SMTP 5xx); otherwise it is retried later.
 * {@code outcomeUnknown}: the request may have reached the provider and been accepted (a timeout
 * or a connection lost after sending, a 5xx); before a text is sent again, Twilio is asked.
 */
final class SendFailure extends RuntimeException {

    private final boolean permanent;
    private final Integer httpStatus;
    private final String code;
    private final boolean outcomeUnknown;

    SendFailure(boolean permanent, Integer httpStatus, String code, String reason, Throwable cause) {
        this(permanent, httpStatus, code, reason, cause, false);
    }

    SendFailure(boolean permanent, Integer httpStatus, String code, String reason, Throwable cause,
            boolean outcomeUnknown) {
        super(reason, cause);
        this.permanent = permanent;
        this.httpStatus = httpStatus;
        this.code = code;
        this.outcomeUnknown = outcomeUnknown;
    }

    boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    boolean permanent() {
        return permanent;
    }

    Integer httpStatus() {
        return httpStatus;
    }

    String code() {
        return code;
    }
}
