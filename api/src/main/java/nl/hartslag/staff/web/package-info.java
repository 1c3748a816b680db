/** HTTP adapters for staff accounts. */
package nl.hartslag.staff.web;
