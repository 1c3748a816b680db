package nl.hartslag.report;

import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Which categories need a way to reach the reporter: a request that goes to Buurtbemiddeling is
 * useless when the mediators cannot call or mail the resident back. The report feature asks, the
 * feature that knows where categories go (routing) answers; defined here so that report does not
 * depend on routing (routing depends on report).
 */
public interface ContactNeeded {

    /** The codes of the categories a report may not be filed in without a phone number or e-mail address. */
    Mono<Set<String>> categories();
}
