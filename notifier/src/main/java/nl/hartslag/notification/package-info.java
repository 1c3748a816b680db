/**
 * Notifications to residents, volunteers and the Woonomgevingploeg: an outbox written in the same
 * transaction as the change that causes it, delivered by SMS (Twilio) and e-mail with retries.
 * Built out in the notifier issue; the module exists now so the dependency direction
 * (api → notifier → db) is fixed from the start.
 */
package nl.hartslag.notification;
