/** The service area and its gazetteer: turning "Passartweg 14" into coordinates, and suggestions for typing it. */
package nl.hartslag.place;
