/** The map under the problem desk (and the residents' form): tile source, attribution and the gazetteer's outline. */
package nl.hartslag.map;
