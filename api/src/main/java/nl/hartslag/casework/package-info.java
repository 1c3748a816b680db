/**
 * Case work: routing each report to an instrument of the approach (configurable rules, every
 * decision recorded with who and why), Buurtbemiddeling (mediation cases offered to volunteers by
 * text and in their inbox, a duo first come first served, contact moments, the outcome), the
 * Woonomgevingploeg's work orders (done with a note, reopened by the resident), and worries about a
 * household, which never reach volunteers or the WOP. The resident hears each visible step through
 * the report feature's outbox messages.
 */
package nl.hartslag.casework;
