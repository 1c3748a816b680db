/**
 * Figures (issue 16): counts per period and neighbourhood for every instrument, with small-cell
 * suppression so they can be shared with partners; one model ({@link FigureTable}) for JSON and CSV.
 * Reads the other features' tables directly in SQL (read-only), like a report would.
 */
package nl.hartslag.figures;
