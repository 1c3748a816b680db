package nl.hartslag.escalation;

import java.util.List;

import nl.hartslag.domain.Refused;

/**
 * Only enabled partner accounts take part in a meeting (a participant sees its cases); these names
 * are not. The web layer names the field {@code participants}.
 */
public class NotPartners extends Refused {

    private final List<String> names;

    NotPartners(List<String> names) {
        super("not-partners", String.join(", ", names));
        this.names = List.copyOf(names);
    }

    public List<String> names() {
        return names;
    }
}
