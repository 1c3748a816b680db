/**
 * What the operator commands of the service ({@code rotate-keys}, {@code load-addresses},
 * {@code demo}) share: the application's own context without the service running in it.
 */
@NamedInterface("command")
package nl.hartslag.db.command;

import org.springframework.modulith.NamedInterface;
