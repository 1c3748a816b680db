package nl.hartslag.workorder.web;

import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import nl.hartslag.domain.NotFound;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import nl.hartslag.workorder.WorkOrderStatus;
import nl.hartslag.workorder.WorkOrders;
import reactor.core.publisher.Mono;

/**
 * The Woonomgevingploeg's list: open and underway work orders, most urgent and oldest first, no
 * reporter identity; with {@code ?status=NOT_FOR_US} the ones the team gave back, with the reason.
 */
@RestController
@RequestMapping("/api/v1/staff/work-orders")
class WorkOrderController {

    private final WorkOrders workOrders;

    WorkOrderController(WorkOrders workOrders) {
        this.workOrders = workOrders;
    }

    @Operation(summary = "The team's work orders (OPEN, UNDERWAY) by urgency and age; with status=NOT_FOR_US the ones"
            + " given back to the coordinator, with the reason (WOP, coordinators)")
    @GetMapping
    Mono<List<WorkOrders.WorkOrder>> list(@RequestParam(required = false) String status) {
        if (status == null || status.isBlank()) {
            return workOrders.open();
        }
        if (status.equals(WorkOrderStatus.NOT_FOR_US.name())) {
            return workOrders.returned();
        }
        return Mono.error(new InvalidRequestException(Violation.of("status", "validation.work-order.status")));
    }

    @Operation(summary = "A photo the team added when marking the work order done; n counts from 1, size=thumb gives"
            + " a 320 px JPEG (WOP, coordinators; never public)")
    @ApiResponse(responseCode = "200", description = "The photo (image/jpeg, or image/heic without its metadata)",
            content = {@Content(mediaType = MediaType.IMAGE_JPEG_VALUE), @Content(mediaType = "image/heic")})
    @GetMapping(value = "/{id}/photos/{n}", produces = {MediaType.IMAGE_JPEG_VALUE, "image/heic",
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    Mono<ResponseEntity<byte[]>> photo(@PathVariable UUID id, @PathVariable String n,
            @RequestParam(name = "size", required = false) String size) {
        boolean thumbnail = "thumb".equals(size);
        if (size != null && !thumbnail && !"full".equals(size)) {
            return Mono.error(new InvalidRequestException(Violation.of("size", "validation.photo.size-param")));
        }
        int number = n.matches("[1-9][0-9]{0,3}") ? Integer.parseInt(n) : 0;
        return (number == 0 ? Mono.<WorkOrders.Photo>empty() : workOrders.photo(id, number, thumbnail))
                .switchIfEmpty(Mono.error(NotFound::new))
                .map(photo -> ResponseEntity.ok()
                        .contentType(MediaType.parseMediaType(photo.contentType()))
                        // Not kept by browsers or proxies, never sniffed into something else.
                        .cacheControl(CacheControl.noStore().cachePrivate())
                        .header("X-Content-Type-Options", "nosniff")
                        .body(photo.data()));
    }

    @Operation(summary = "One work order (WOP, coordinators)")
    @GetMapping("/{id}")
    Mono<WorkOrders.WorkOrder> one(@PathVariable UUID id) {
        return workOrders.one(id);
    }
}
