/** The outreach workers' API: reports on a resident's behalf and visits. */
package nl.hartslag.outreach.web;
