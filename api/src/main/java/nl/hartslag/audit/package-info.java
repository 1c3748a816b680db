/**
 * The audit trail (issue 15): who looked at or erased whose personal data, when and why, in an
 * append-only table; coordinators read it per report, case or person.
 */
package nl.hartslag.audit;
