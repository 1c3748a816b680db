/**
 * The Casuïstiekoverleg: problems that keep coming back are proposed ({@link nl.hartslag.escalation.ProposalStatus}),
 * put on a meeting's agenda as an escalation case, and the actions partners agree to are followed up
 * ({@link nl.hartslag.escalation.ActionStatus}); partners see only their own meetings and close only their own
 * agency's actions. {@link nl.hartslag.escalation.Escalations} is the one writer.
 */
package nl.hartslag.escalation;
