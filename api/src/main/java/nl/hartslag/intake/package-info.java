/**
 * Reports by text message and by phone call (Twilio webhooks): reading a free text for place and
 * category, the short conversations that complete a report ("Waar is het?", "Klopt dit?"), the
 * SMS keywords (STATUS, STOP, START, HELP, JA/NEE from volunteers) and the rate limits. Reports are
 * stored through the report feature, so they are matched and followed up like web reports.
 */
package nl.hartslag.intake;
