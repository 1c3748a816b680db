/** Work orders' staff API (the team's list and moves) and the resident's "niet opgelost". */
package nl.hartslag.workorder.web;
