/**
 * Cross-cutting web concerns: the request's language, RFC 9457 problem responses, size limits, page routes, and
 * what requests and readiness see while PostgreSQL is unreachable (503 with Retry-After, {@link DatabaseAvailable}).
 */
package nl.hartslag.web;
