/**
 * The matching engine: recognises reports about the same problem and keeps live clusters. Plain
 * Java + Lucene, no Spring and no database; the service feeds it and stores its decisions.
 * No Lucene type leaves this package's public API.
 */
package nl.hartslag.matching;
