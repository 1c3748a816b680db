/** The staff API of case work: cases, offers, the volunteer's inbox, work orders, volunteers and routing rules. */
package nl.hartslag.casework.web;
