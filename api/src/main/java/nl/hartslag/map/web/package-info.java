/** HTTP adapter of the map: its configuration and the vector outline, both public. */
package nl.hartslag.map.web;
