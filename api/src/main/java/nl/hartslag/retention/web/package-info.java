/** The coordinators' view of retention: what is due, and running it now ({@code /api/v1/staff/retention}). */
package nl.hartslag.retention.web;
