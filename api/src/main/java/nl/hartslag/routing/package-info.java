/**
 * Routing: every report goes to an instrument of the approach ({@link nl.hartslag.routing.Instrument})
 * by the coordinators' rules as soon as it is stored, or by a coordinator's hand with a reason; each
 * decision is recorded with who and why, in the transaction of the case it opens. Worries about a
 * household stay with the coordinator whatever a rule says.
 */
package nl.hartslag.routing;
