/**
 * The {@code demo} command: a realistic synthetic half-year in an empty database, for a first look at
 * the desk, the problem map, the work orders, the meetings and the figures ({@link nl.hartslag.demo.DemoCommand}).
 */
package nl.hartslag.demo;
