/** What residents can report about: categories with their kind (nuisance or mediation) and Dutch/English labels. */
package nl.hartslag.category;
