/**
 * Twilio's webhooks as a whole: proving a request comes from Twilio (X-Twilio-Signature) before any feature
 * reads it. The check reads HTTP requests, so it lives in {@code twilio.web}.
 */
package nl.hartslag.twilio;
