/** Database infrastructure: where PostgreSQL comes from, migrations and seed data. */
package nl.hartslag.db;
