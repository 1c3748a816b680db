package nl.hartslag.notification;

/**
 * Why a provider did not take a message. {@code permanent}: sending it again cannot help (an
 * invalid number, an unsubscribed recipient, SMTP 5xx); otherwise it is retried later.
 */
final class SendFailure extends RuntimeException {

    private final boolean permanent;
    private final Integer httpStatus;
    private final String code;

    SendFailure(boolean permanent, Integer httpStatus, String code, String reason, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
        this.httpStatus = httpStatus;
        this.code = code;
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
