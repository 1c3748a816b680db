package nl.hartslag.notification;

/**
 * How this instance delivers, for the health endpoint: a log-only channel must be visible.
 *
 * @param smsReal  false: texts are only logged
 * @param mailReal false: e-mails are only logged
 */
public record NotifierStatus(boolean dispatching, boolean smsReal, String sms, boolean mailReal, String mail) {
}
