/** Seed data loaded by migrations: the street gazetteer and named places of the service area. */
package nl.hartslag.db.seed;
