package nl.hartslag.report;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import nl.hartslag.notification.Audience;
import nl.hartslag.notification.Channel;
import nl.hartslag.notification.OptOutList;
import nl.hartslag.notification.OutgoingNotification;
import nl.hartslag.notification.Outbox;
import nl.hartslag.notification.Template;
import nl.hartslag.notification.Urgency;
import reactor.core.publisher.Mono;

/**
 * The messages a reporter gets about their own report, written to the outbox inside the report's
 * transaction. They go by text when the reporter left a phone number, otherwise by e-mail, and
 * never to anyone else: the reporter is the only recipient of what concerns their report.
 */
@Component
class ReportNotifications {

    private final Outbox outbox;
    private final TrackingTokens tokens;
    private final StatusLinks links;

    private final nl.hartslag.notification.Notifications sent;

    private final OptOutList optOuts;

    ReportNotifications(Outbox outbox, TrackingTokens tokens, StatusLinks links,
            nl.hartslag.notification.Notifications sent, OptOutList optOuts) {
        this.optOuts = optOuts;
        this.sent = sent;
        this.outbox = outbox;
        this.tokens = tokens;
        this.links = links;
    }

    /**
     * The confirmation of a new report (or "me too"); none when {@code confirmation} is null (the
     * reply to a text already carries the reference). Immediate: the resident is waiting for it.
     */
    Mono<Void> received(UUID reportId, Reference reference, NewReport report, Template confirmation) {
        if (confirmation == null) {
            return Mono.empty();
        }
        return send(report.contact(), "report:" + reportId + ":received", confirmation, reference, reportId,
                report.language(), null, Urgency.IMMEDIATE);
    }

    /** The reporter erased their contact data: nothing more goes out to them about this report. */
    Mono<Long> forget(Reference reference) {
        return sent.forgetResident(reference.value());
    }

    /** A status the resident should hear about, with the coordinator's public note. */
    Mono<Void> statusChanged(UUID reportId, Reference reference, ReportStatus status, long eventId, String publicNote,
            Optional<NewReport.Contact> contact, String language) {
        Template template = switch (status) {
            case IN_PROGRESS -> Template.STATUS_IN_PROGRESS;
            case RESOLVED -> Template.STATUS_RESOLVED;
            case CLOSED -> Template.STATUS_CLOSED;
            case RECEIVED -> null;
        };
        if (template == null) {
            return Mono.empty();
        }
        return send(contact, "report:" + reportId + ":event:" + eventId, template, reference, reportId, language,
                publicNote, Urgency.NORMAL);
    }

    /** Whether this number may get a text from us (it did not opt out). */
    Mono<Boolean> mayText(String phoneE164) {
        return optOuts.isOptedOut(phoneE164).map(out -> !out);
    }

    /** "Bent u tevreden?", by text only, once per report (its key), in the caller's transaction. */
    Mono<Void> satisfactionQuestion(UUID reportId, Reference reference, String phoneE164, String language) {
        return outbox.enqueue(new OutgoingNotification("report:" + reportId + ":satisfaction", Channel.SMS, phoneE164,
                Audience.RESIDENT, Template.SATISFACTION_QUESTION,
                Map.of(Template.Param.REFERENCE.key(), reference.value()), language, Urgency.NORMAL,
                reference.value())).then();
    }

    /**
     * The report's texts that failed because the number was wrong, queued again to {@code phoneE164}
     * (in the caller's transaction); how many.
     */
    Mono<Long> readdress(Reference reference, String phoneE164, String actor) {
        return sent.readdress(reference.value(), phoneE164, outbox, actor);
    }

    /** Any message about the report, under {@code key}; for features that act on reports (case work). */
    Mono<Void> message(UUID reportId, Reference reference, Optional<NewReport.Contact> contact, String language,
            Template template, String key, Urgency urgency) {
        return send(contact, key, template, reference, reportId, language, null, urgency);
    }

    private Mono<Void> send(Optional<NewReport.Contact> contact, String key, Template template, Reference reference,
            UUID reportId, String language, String note, Urgency urgency) {
        if (contact.isEmpty()) {
            return Mono.empty();
        }
        NewReport.Contact c = contact.get();
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Template.Param.REFERENCE.key(), reference.value());
        if (note != null && !note.isBlank()) {
            parameters.put(Template.Param.NOTE.key(), note);
        }
        if (c.phoneE164() != null) {
            return outbox.enqueue(new OutgoingNotification(key, Channel.SMS, c.phoneE164(), Audience.RESIDENT, template,
                    parameters, language, urgency, reference.value())).then();
        }
        if (c.email() != null) {
            parameters.put(Template.Param.STATUS_URL.key(), links.of(reference, tokens.tokenFor(reportId)));
            return outbox.enqueue(new OutgoingNotification(key, Channel.EMAIL, c.email(), Audience.RESIDENT, template,
                    parameters, language, urgency, reference.value())).then();
        }
        return Mono.empty();
    }
}
