/**
 * How residents reach Hartslag besides the web: its SMS and phone numbers, and where to turn with a
 * worry about a household (Veilig Thuis). Configuration only, shown on the resident's pages.
 */
package nl.hartslag.service;
