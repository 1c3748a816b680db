/**
 * PostgreSQL LISTEN/NOTIFY for the features that keep several instances in step. A named interface of
 * the db module ({@code ChannelListener}).
 */
@NamedInterface("listen")
package nl.hartslag.db.listen;

import org.springframework.modulith.NamedInterface;
