/** Staff accounts, roles, login (form + session for pages, HTTP Basic for scripts) and the first coordinator. */
package nl.hartslag.staff;
