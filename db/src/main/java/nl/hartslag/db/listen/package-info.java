/** PostgreSQL LISTEN/NOTIFY for the features that keep several instances in step. */
package nl.hartslag.db.listen;
