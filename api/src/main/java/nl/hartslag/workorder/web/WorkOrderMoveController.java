package nl.hartslag.workorder.web;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.MediaType;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import nl.hartslag.photo.Photos;
import nl.hartslag.photo.ProcessedPhoto;
import nl.hartslag.web.Input;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.MultipartForm;
import nl.hartslag.web.Violation;
import nl.hartslag.workorder.WorkOrders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The team's moves of a work order ("onderweg", "klaar", "niet voor ons") and the coordinator's
 * "back to the team". The URLs stay under {@code /cases/{id}} (a work order is a case); a move the
 * work order's status does not allow is 409 problem+json.
 */
@RestController
@RequestMapping("/api/v1/staff/cases")
class WorkOrderMoveController {

    record DoneRequest(String note, String photoUrl) {
    }

    record ReasonRequest(String reason) {
    }

    private static final int NOTE_MAX = 1000;
    private static final int REASON_MAX = 500;

    private final WorkOrders workOrders;
    private final Photos photos;
    private final JsonMapper json;

    WorkOrderMoveController(WorkOrders workOrders, Photos photos, JsonMapper json) {
        this.workOrders = workOrders;
        this.photos = photos;
        this.json = json;
    }

    // One operation in the API description for both forms (springdoc would merge them and keep one body).
    @Operation(summary = "Mark a work order done with a note (and a photo URL), or as multipart/form-data with part"
            + " `done` (the JSON body) and one `photo` from the camera, stored without metadata with the work order in"
            + " the move's transaction; every reporter hears 'opgelost' (WOP, coordinators)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = DoneRequest.class)),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                            schema = @Schema(implementation = DoneWithPhoto.class)) }))
    @PostMapping("/{id}/done")
    Mono<WorkOrders.WorkOrder> done(@PathVariable UUID id, @RequestBody DoneRequest request, Principal principal) {
        return done(id, request, List.of(), principal);
    }

    /** The multipart form of {@link #done}: the same JSON as part {@code done}, and one photo from the camera. */
    @Schema(name = "DoneWithPhoto")
    record DoneWithPhoto(
            @Schema(description = "The same JSON as the body of the JSON POST", requiredMode = Schema.RequiredMode.REQUIRED)
            DoneRequest done,
            @Schema(description = "At most one photo of the finished job (JPEG, PNG or HEIC by content, at most"
                    + " 10 MB); stored without metadata, downscaled, shown to the coordinator with the work order",
                    type = "string", format = "binary") byte[] photo) {
    }

    /** Documented with {@link #done}: one operation, two request bodies. */
    @Hidden
    @PostMapping(value = "/{id}/done", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<WorkOrders.WorkOrder> doneWithPhoto(@PathVariable UUID id, ServerWebExchange exchange, Principal principal) {
        long maxBytes = photos.settings().maxSize().toBytes();
        return MultipartForm.read(exchange, PHOTO, maxBytes)
                .flatMap(form -> form.json("done", DoneRequest.class, json).zipWith(form.files(PHOTO, maxBytes, 1)))
                .flatMap(read -> done(id, read.getT1(), read.getT2(), principal));
    }

    private static final String PHOTO = "photo";

    /** Both forms: the note and link checked first, then the photo, then the move with the photo in one transaction. */
    private Mono<WorkOrders.WorkOrder> done(UUID id, DoneRequest request, List<byte[]> files, Principal principal) {
        List<Violation> violations = new ArrayList<>();
        String note = Input.trimmed(request.note());
        if (note == null) {
            violations.add(Violation.of("note", "validation.case.note"));
        } else if (note.length() > NOTE_MAX) {
            violations.add(Violation.of("note", "validation.size.max", NOTE_MAX));
        }
        String photo = Input.trimmed(request.photoUrl());
        if (photo != null && (!photo.startsWith("https://") || photo.length() > 1000)) {
            violations.add(Violation.of("photoUrl", "validation.case.photo-url"));
        }
        if (!violations.isEmpty()) {
            return Mono.error(new InvalidRequestException(violations));
        }
        Mono<Optional<ProcessedPhoto>> processed = files.isEmpty() ? Mono.just(Optional.empty())
                : photos.processAll(files, PHOTO, 1).map(list -> Optional.of(list.get(0)));
        return processed.flatMap(p -> workOrders.done(id, note, photo, p.orElse(null), "staff:" + principal.getName()));
    }

    @Operation(summary = "Mark a work order 'onderweg': the team is on its way; residents are not texted (WOP, coordinators)")
    @PostMapping("/{id}/underway")
    Mono<WorkOrders.WorkOrder> underway(@PathVariable UUID id, Principal principal) {
        return workOrders.underway(id, "staff:" + principal.getName());
    }

    @Operation(summary = "'Niet voor ons': give a work order back to the coordinator with a reason (required);"
            + " residents are not texted (WOP, coordinators)")
    @PostMapping("/{id}/not-for-us")
    Mono<WorkOrders.WorkOrder> notForUs(@PathVariable UUID id, @RequestBody ReasonRequest request,
            Principal principal) {
        String reason = reason(request, true);
        return workOrders.notForUs(id, reason, "staff:" + principal.getName());
    }

    @Operation(summary = "Send a work order the team gave back to the team again, optionally with a note (coordinators)")
    @PostMapping("/{id}/back-to-team")
    Mono<WorkOrders.WorkOrder> backToTeam(@PathVariable UUID id, @RequestBody(required = false) ReasonRequest request,
            Principal principal) {
        String reason = reason(request, false);
        return workOrders.backToTeam(id, reason, "staff:" + principal.getName());
    }

    private static String reason(ReasonRequest request, boolean required) {
        String reason = request == null ? null : Input.trimmed(request.reason());
        if (reason == null && required) {
            throw new InvalidRequestException(Violation.of("reason", "validation.work-order.reason"));
        }
        if (reason != null && reason.length() > REASON_MAX) {
            throw new InvalidRequestException(Violation.of("reason", "validation.size.max", REASON_MAX));
        }
        return reason;
    }
}
