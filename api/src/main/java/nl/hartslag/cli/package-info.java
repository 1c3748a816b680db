/** The command-line entry points that run without Spring: {@code dedup} (offline clustering) and {@code bench}. */
package nl.hartslag.cli;
