/** HTTP for neighbourhoods: the list, their numbers, loading addresses, and a coordinator's scope. */
package nl.hartslag.neighbourhood.web;
