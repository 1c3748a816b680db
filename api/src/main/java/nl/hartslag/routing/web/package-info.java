/** The coordinators' routing API: the rules, a routing by hand, a report's decisions. */
package nl.hartslag.routing.web;
