/** The coordinators' view and CSV export of the audit trail ({@code /api/v1/staff/audit}). */
package nl.hartslag.audit.web;
