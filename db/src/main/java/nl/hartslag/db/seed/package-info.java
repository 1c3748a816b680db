/**
 * Seed data loaded by migrations: the street gazetteer and named places of the service area. A named
 * interface of the db module: the place feature, the matching engine and the offline commands read
 * the gazetteer's records ({@code GazetteerCsv}); the migrations are public only for Flyway.
 */
@NamedInterface("seed")
package nl.hartslag.db.seed;

import org.springframework.modulith.NamedInterface;
