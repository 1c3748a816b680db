/** Test fixtures other modules' tests use too, published as db's test-jar: the per-JVM data directory. */
package nl.hartslag.db.testing;
