/** Twilio's webhooks as a whole: proving a request comes from Twilio (X-Twilio-Signature) before any feature reads it. */
package nl.hartslag.twilio;
