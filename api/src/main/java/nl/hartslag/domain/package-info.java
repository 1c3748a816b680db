/**
 * The shared kernel of refusals: what a feature says when it will not do what was asked (not found,
 * not yours, not allowed in this state). Features throw these; only {@code nl.hartslag.web} turns them
 * into HTTP (RFC 9457 problem+json), so no feature knows a status code. The {@code code} names the
 * problem type and its message keys ({@code problem.<code>.title} / {@code problem.<code>.detail}).
 */
package nl.hartslag.domain;
