/**
 * The Woonomgevingploeg's work orders: one per problem, listed by urgency, moved along
 * {@link nl.hartslag.workorder.WorkOrderStatus} (onderweg, klaar, niet voor ons) by
 * {@link nl.hartslag.workorder.WorkOrders}, the one writer; reopened when a resident says it is not solved.
 */
package nl.hartslag.workorder;
