/** Cross-cutting web concerns: the request's language, RFC 9457 problem responses, size limits, page routes. */
package nl.hartslag.web;
