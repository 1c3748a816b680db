/**
 * Notifications: the outbox that other features write to in their own transactions, and the
 * dispatchers that deliver it by SMS (Twilio) and e-mail (SMTP), with retries, receipts, opt-outs,
 * quiet hours and the message templates.
 */
package nl.hartslag.notification;
