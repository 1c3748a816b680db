package nl.hartslag.workorder.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
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

    @Operation(summary = "One work order (WOP, coordinators)")
    @GetMapping("/{id}")
    Mono<WorkOrders.WorkOrder> one(@PathVariable UUID id) {
        return workOrders.one(id);
    }
}
