/** HTTP for the figures: {@code GET /api/v1/staff/figures} as JSON or CSV. */
package nl.hartslag.figures.web;
