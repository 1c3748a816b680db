/**
 * Rate limits: how often one client, one contact or one login name may do something, and the
 * switch that turns them all off.
 */
package nl.hartslag.ratelimit;
