/** Hartslag's api application; each subpackage is one feature. */
package nl.hartslag;
