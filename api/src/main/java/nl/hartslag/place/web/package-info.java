/** HTTP adapter for place suggestions. */
package nl.hartslag.place.web;
