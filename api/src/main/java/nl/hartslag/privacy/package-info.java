/** Privacy: the privacy statement built from the settings in force, and a person's formal request (find, export, erase). */
package nl.hartslag.privacy;
