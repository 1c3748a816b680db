/** Reports: intake, the reference and tracking token a resident follows them by, status and public history. */
package nl.hartslag.report;
