/** Web adapters of the notifier: coordinators' view of failed notifications, Twilio's delivery receipts, health. */
package nl.hartslag.notification.web;
