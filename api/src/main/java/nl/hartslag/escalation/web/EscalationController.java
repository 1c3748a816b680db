package nl.hartslag.escalation.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.escalation.DueBeforeMeeting;
import nl.hartslag.escalation.Escalations;
import nl.hartslag.escalation.NotPartners;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Mono;

/** The Casuistiekoverleg: proposals, meetings, agendas and agreed actions. */
@RestController
@RequestMapping("/api/v1/staff")
class EscalationController {

    record DismissRequest(String note) {
    }

    record MeetingRequest(LocalDate heldOn, String title, List<String> participants) {
    }

    record AgendaRequest(UUID proposalId) {
    }

    record ActionRequest(UUID caseId, String partner, String description, String owner, LocalDate dueOn) {
    }

    record DoneRequest(String note) {
    }

    private static final List<String> PARTNERS = List.of("POLICE", "HOUSING", "WELFARE", "ENFORCEMENT");

    private final Escalations escalations;

    EscalationController(Escalations escalations) {
        this.escalations = escalations;
    }

    @Operation(summary = "Problems proposed for the Casuistiekoverleg, with a summary without reporter identities (coordinators)")
    @GetMapping("/escalations")
    Mono<List<Escalations.Proposal>> proposals() {
        return escalations.proposals();
    }

    @Operation(summary = "Apply the escalation rules now (they also run every minute) (coordinators)")
    @PostMapping("/escalations/check")
    Mono<Map<String, Long>> check() {
        return escalations.check().map(n -> Map.of("proposed", n));
    }

    @Operation(summary = "Dismiss a proposal, with a note (coordinators)")
    @PostMapping("/escalations/{id}/dismiss")
    Mono<ResponseEntity<Void>> dismiss(@PathVariable UUID id, @RequestBody DismissRequest request, Authentication user) {
        return escalations.dismiss(id, Input.trimmed(request.note()), "staff:" + user.getName())
                .thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Plan a meeting: date, title, the partner accounts taking part (coordinators)")
    @PostMapping("/meetings")
    Mono<ResponseEntity<Escalations.Meeting>> meeting(@RequestBody MeetingRequest request, Authentication user) {
        List<Violation> violations = new ArrayList<>();
        if (request.heldOn() == null) {
            violations.add(Violation.of("heldOn", "validation.meeting.date"));
        }
        String title = Input.trimmed(request.title());
        if (title == null || title.length() > 200) {
            violations.add(Violation.of("title", "validation.meeting.title"));
        }
        List<String> participants = request.participants() == null ? List.of()
                : request.participants().stream().map(Input::trimmed).filter(java.util.Objects::nonNull).toList();
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return escalations.createMeeting(request.heldOn(), title, participants, "staff:" + user.getName())
                .onErrorMap(NotPartners.class, e -> new InvalidRequestException(Violation.of("participants",
                        "validation.meeting.participants", String.join(", ", e.names()))))
                .map(m -> ResponseEntity.status(HttpStatus.CREATED).body(m));
    }

    @Operation(summary = "Meetings: all for coordinators, their own for partners")
    @GetMapping("/meetings")
    Mono<List<Escalations.Meeting>> meetings(Authentication user) {
        return escalations.meetings(user.getName(), coordinator(user));
    }

    @Operation(summary = "A meeting's agenda with summaries and agreed actions (coordinators; partners taking part)")
    @GetMapping("/meetings/{id}")
    Mono<Escalations.Agenda> agenda(@PathVariable UUID id, Authentication user) {
        return escalations.agenda(id, user.getName(), coordinator(user));
    }

    @Operation(summary = "Put a proposed problem on a meeting's agenda as an escalation case (coordinators)")
    @PostMapping("/meetings/{id}/agenda")
    Mono<Escalations.AgendaItem> putOnAgenda(@PathVariable UUID id, @RequestBody AgendaRequest request,
            Authentication user) {
        if (request.proposalId() == null) {
            return Mono.error(new InvalidRequestException(Violation.of("proposalId", "validation.meeting.proposal")));
        }
        return escalations.putOnAgenda(id, request.proposalId(), "staff:" + user.getName());
    }

    @Operation(summary = "Record an action a partner agreed to: partner, description, owner, due date (coordinators)")
    @PostMapping("/meetings/{id}/actions")
    Mono<ResponseEntity<Escalations.Action>> action(@PathVariable UUID id, @RequestBody ActionRequest request,
            Authentication user) {
        List<Violation> violations = new ArrayList<>();
        if (request.caseId() == null) {
            violations.add(Violation.of("caseId", "validation.meeting.case"));
        }
        String partner = Input.trimmed(request.partner());
        if (partner == null || !PARTNERS.contains(partner)) {
            violations.add(Violation.of("partner", "validation.meeting.partner"));
        }
        String description = Input.trimmed(request.description());
        if (description == null || description.length() > 1000) {
            violations.add(Violation.of("description", "validation.meeting.description"));
        }
        String owner = Input.trimmed(request.owner());
        if (owner == null || owner.length() > 200) {
            violations.add(Violation.of("owner", "validation.meeting.owner"));
        }
        if (request.dueOn() == null) {
            violations.add(Violation.of("dueOn", "validation.meeting.due"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        return escalations.addAction(id, request.caseId(), partner, description, owner, request.dueOn(),
                "staff:" + user.getName())
                .onErrorMap(DueBeforeMeeting.class, e -> new InvalidRequestException(Violation.of("dueOn",
                        "validation.meeting.due-before-meeting", e.heldOn().toString())))
                .map(a -> ResponseEntity.status(HttpStatus.CREATED).body(a));
    }

    @Operation(summary = "Mark an agreed action done, with a note (coordinators; partners taking part)")
    @PostMapping("/actions/{id}/done")
    Mono<Escalations.Action> actionDone(@PathVariable UUID id, @RequestBody DoneRequest request, Authentication user) {
        String note = Input.trimmed(request.note());
        if (note != null && note.length() > 1000) {
            return Mono.error(new InvalidRequestException(Violation.of("note", "validation.size.max", 1000)));
        }
        return escalations.actionDone(id, note, user.getName(), coordinator(user));
    }

    private static boolean coordinator(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_COORDINATOR"));
    }
}
