package nl.hartslag.notification;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every message we send, with the parameters it takes. The texts live in
 * {@code templates_nl.properties} / {@code templates_en.properties}; each parameter has a longest
 * allowed value so that the SMS fits in one GSM-7 segment (checked by a test for every template).
 * {@link Param#NOTE} is elastic: it is shortened to whatever room the SMS has left.
 */
public enum Template {
    /** A web report with a phone number or e-mail address has been stored. */
    REPORT_RECEIVED(Param.REFERENCE),
    /** A resident's "ik ook" joined a known problem. */
    SUPPORT_ACKNOWLEDGED(Param.REFERENCE),
    STATUS_IN_PROGRESS(Param.REFERENCE, Param.NOTE),
    STATUS_RESOLVED(Param.REFERENCE, Param.NOTE),
    STATUS_CLOSED(Param.REFERENCE, Param.NOTE),
    /** To a volunteer: a mediation case is offered; they answer JA/NEE with the case number. */
    CASE_OFFER(Param.CASE_NUMBER, Param.CONFLICT, Param.STREET),
    /** To the Woonomgevingploeg (and the police liaison for drugs, youth, traffic): a new work order. */
    WORK_ORDER(Param.REFERENCE, Param.CATEGORY, Param.PLACE),
    /** To both volunteers of a duo: the case is theirs; details in their inbox, never in a text. */
    CASE_ASSIGNED(Param.CASE_NUMBER, Param.STREET),
    /** To a resident worried about a household: where to get help now. Never waits for quiet hours. */
    DOMESTIC_HELP(Param.REFERENCE),
    /** To the coordinators: a worry about a household came in; only the reference and the street. */
    DOMESTIC_FLAG(Param.REFERENCE, Param.PLACE),
    /**
     * To a reporter, once, when their report is first solved or closed: are they satisfied? They
     * answer TEVREDEN / NIET TEVREDEN (with a reason) by text, or on their status page.
     */
    SATISFACTION_QUESTION(Param.REFERENCE);

    /** A template parameter and the longest value we allow in it. */
    public enum Param {
        REFERENCE("reference", 10),
        NOTE("note", 1000),
        CASE_NUMBER("caseNumber", 6),
        CONFLICT("conflict", 30),
        STREET("street", 30),
        CATEGORY("category", 30),
        PLACE("place", 40),
        /** Only in e-mail: the resident's own status link. Optional. */
        STATUS_URL("statusUrl", 300);

        private final String key;
        private final int maxLength;

        Param(String key, int maxLength) {
            this.key = key;
            this.maxLength = maxLength;
        }

        public String key() {
            return key;
        }

        public int maxLength() {
            return maxLength;
        }
    }

    private final List<Param> required;

    Template(Param... required) {
        this.required = List.of(required);
    }

    public List<Param> required() {
        return required;
    }

    Set<String> requiredKeys() {
        return required.stream().map(Param::key).collect(Collectors.toUnmodifiableSet());
    }
}
