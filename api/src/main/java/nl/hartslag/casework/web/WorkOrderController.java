package nl.hartslag.casework.web;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.casework.WorkOrders;
import reactor.core.publisher.Mono;

/** The Woonomgevingploeg's list: open work orders, most urgent and oldest first, no reporter identity. */
@RestController
@RequestMapping("/api/v1/staff/work-orders")
class WorkOrderController {

    private final WorkOrders workOrders;

    WorkOrderController(WorkOrders workOrders) {
        this.workOrders = workOrders;
    }

    @Operation(summary = "Open work orders by urgency and age (WOP, coordinators)")
    @GetMapping
    Mono<List<WorkOrders.WorkOrder>> open() {
        return workOrders.open();
    }

    @Operation(summary = "One work order (WOP, coordinators)")
    @GetMapping("/{id}")
    Mono<WorkOrders.WorkOrder> one(@PathVariable UUID id) {
        return workOrders.one(id);
    }
}
