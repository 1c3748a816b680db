/**
 * The HTTP side of the rate limits: path rules and the login throttle as web filters, 429
 * problem+json with Retry-After.
 */
package nl.hartslag.ratelimit.web;
