/** The Twilio webhooks for texts ({@code /twilio/sms}) and calls ({@code /twilio/voice/**}), answered in TwiML. */
package nl.hartslag.intake.web;
