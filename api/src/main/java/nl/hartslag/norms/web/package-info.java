/** The norms over HTTP: coordinators read and change the norms and see the "te laat" list. */
package nl.hartslag.norms.web;
