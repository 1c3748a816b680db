/** {@code GET /api/v1/privacy} (the statement) and the coordinators' {@code /api/v1/staff/persons} (a formal request). */
package nl.hartslag.privacy.web;
