/** The embedded-PostgreSQL default: a real server under {@code <hartslag.data-dir>/postgres} when no external one is configured. */
package nl.hartslag.db.embedded;
