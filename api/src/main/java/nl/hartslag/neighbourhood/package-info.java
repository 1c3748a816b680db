/**
 * Neighbourhoods as data (issue 16): each with its municipality, residents and households; its
 * streets loaded from a BAG address extract (endpoint or {@code load-addresses} command) without a
 * restart; and coordinators scoped to some of them ({@link nl.hartslag.neighbourhood.NeighbourhoodScope}).
 */
package nl.hartslag.neighbourhood;
