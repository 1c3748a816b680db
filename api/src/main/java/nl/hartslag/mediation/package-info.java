/**
 * Buurtbemiddeling: a mediation case is offered to volunteers by text and in their inbox, the first
 * two who accept are the duo, they record conversations, and an outcome closes it. Its workflows are
 * tables: {@link nl.hartslag.mediation.MediationStep} (which step a conversation moves to, from which
 * step an outcome may close), {@link nl.hartslag.mediation.OfferAnswer} (an offer's answer) and
 * {@link nl.hartslag.mediation.OfferDecision} (what a volunteer's JA/NEE does).
 */
package nl.hartslag.mediation;
