package nl.hartslag.routing;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import nl.hartslag.report.ContactNeeded;
import reactor.core.publisher.Mono;

/**
 * The categories whose routing rule sends a report to Buurtbemiddeling: the mediators must be able
 * to reach the resident, so such a report needs a phone number or e-mail address. Read from the
 * same cached rules routing itself uses, so a coordinator's rule change applies at once.
 */
@Component
class MediationNeedsContact implements ContactNeeded {

    private final RoutingRules rules;

    MediationNeedsContact(RoutingRules rules) {
        this.rules = rules;
    }

    @Override
    public Mono<Set<String>> categories() {
        return rules.all().map(all -> all.values().stream().filter(r -> r.instrument() == Instrument.MEDIATION)
                .map(RoutingRepository.Rule::categoryCode).collect(Collectors.toUnmodifiableSet()));
    }
}
