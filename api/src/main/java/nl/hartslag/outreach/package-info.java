/** Door-to-door outreach (issue 16): reports filed on a resident's behalf, visits, and the worker's note for coordinators. */
package nl.hartslag.outreach;
