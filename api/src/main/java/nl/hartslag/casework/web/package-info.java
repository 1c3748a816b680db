/** The staff API of the work orders and the Casuistiekoverleg (moving to their own features). */
package nl.hartslag.casework.web;
