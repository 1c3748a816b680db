/** The staff API of mediation: cases, offers, the volunteer's inbox, volunteers. */
package nl.hartslag.mediation.web;
