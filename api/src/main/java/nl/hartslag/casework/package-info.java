/**
 * The case kernel shared by every instrument of the approach: a case ({@code case_file}) with its
 * type ({@link nl.hartslag.casework.CaseType}), its status workflow ({@link nl.hartslag.casework.CaseStatus}),
 * its reports and what they say, mediation outcomes, the case-work settings and messages to staff.
 * The instruments are features of their own: {@code nl.hartslag.routing} (which instrument a report
 * goes to), {@code nl.hartslag.mediation} (Buurtbemiddeling); the work orders and the
 * Casuistiekoverleg still live here until they move to {@code workorder} and {@code escalation}.
 */
package nl.hartslag.casework;
