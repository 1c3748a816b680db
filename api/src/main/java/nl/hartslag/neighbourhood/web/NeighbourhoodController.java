package nl.hartslag.neighbourhood.web;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import nl.hartslag.neighbourhood.AddressExtract;
import nl.hartslag.neighbourhood.NeighbourhoodScope;
import nl.hartslag.neighbourhood.Neighbourhoods;
import nl.hartslag.neighbourhood.Neighbourhoods.Neighbourhood;
import nl.hartslag.neighbourhood.Neighbourhoods.Numbers;
import nl.hartslag.web.InvalidRequestException;
import nl.hartslag.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Neighbourhoods for coordinators: the list with their numbers and streets, setting the numbers,
 * loading a neighbourhood's addresses from a BAG extract (CSV), and scoping a coordinator.
 */
@RestController
@RequestMapping("/api/v1/staff")
class NeighbourhoodController {

    /** A neighbourhood's file is a few hundred kilobytes; a whole municipality's a few tens of megabytes. */
    static final int MAX_BYTES = 64 * 1024 * 1024;

    record NumbersRequest(String municipality, Integer residents, Integer households) {
    }

    /** What a load stored: rows read, segments and distinct streets. */
    record LoadResponse(String neighbourhood, String format, int rows, int segments, long streets,
            int outsideConfiguredArea, double[][] serviceArea) {
    }

    record ScopeRequest(List<String> neighbourhoods) {
    }

    record ScopeResponse(String username, Set<String> neighbourhoods) {
    }

    private final Neighbourhoods neighbourhoods;
    private final NeighbourhoodScope scope;

    NeighbourhoodController(Neighbourhoods neighbourhoods, NeighbourhoodScope scope) {
        this.neighbourhoods = neighbourhoods;
        this.scope = scope;
    }

    @Operation(summary = "Every neighbourhood: municipality, residents, households, streets (coordinators)")
    @GetMapping("/neighbourhoods")
    Flux<Neighbourhood> all() {
        return neighbourhoods.all();
    }

    @Operation(summary = "Set a neighbourhood's municipality, residents and households; a new name adds one (coordinators)")
    @PutMapping("/neighbourhoods/{name}")
    Mono<Neighbourhood> update(@PathVariable String name, @RequestBody NumbersRequest request) {
        List<Violation> missing = new java.util.ArrayList<>();
        if (request.residents() == null) {
            missing.add(Violation.of("residents", "validation.range", 0, 10_000_000));
        }
        if (request.households() == null) {
            missing.add(Violation.of("households", "validation.range", 0, 10_000_000));
        }
        if (!missing.isEmpty()) {
            return Mono.error(new InvalidRequestException(missing));
        }
        return neighbourhoods.update(name,
                new Numbers(request.municipality(), request.residents(), request.households()));
    }

    @Operation(summary = "Load a neighbourhood's addresses from a CSV (a BAG extract, or house-number ranges):"
            + " its streets are replaced and known to the form and the matching at once (coordinators)",
            description = "Body text/csv (UTF-8). Per-address rows (openbareruimte/straat, huisnummer, postcode, lat,"
                    + " lon; separator , or ;) are joined per street and postcode; or rows street,house_from,"
                    + "house_to,postcode,lat,lon,neighbourhood. Any bad row refuses the whole file, by line.")
    @PostMapping(path = "/neighbourhoods/{name}/addresses", consumes = { "text/csv", "text/plain",
            "application/csv" })
    Mono<LoadResponse> load(@PathVariable String name, @RequestBody Flux<DataBuffer> body,
            @RequestParam(name = "municipality", required = false) String municipality,
            @RequestParam(name = "residents", required = false) Integer residents,
            @RequestParam(name = "households", required = false) Integer households) {
        return DataBufferUtils.join(body, MAX_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class,
                        e -> new InvalidRequestException(Violation.of("csv", "validation.addresses.too-large",
                                MAX_BYTES / (1024 * 1024))))
                .publishOn(Schedulers.boundedElastic())
                .map(bytes -> read(bytes, name))
                .flatMap(extract -> neighbourhoods.loadHere(extract, new Numbers(municipality, residents, households)))
                .map(loaded -> {
                    var area = neighbourhoods.area();
                    String stored = loaded.segmentsPerNeighbourhood().keySet().stream().findFirst().orElse(name);
                    return new LoadResponse(stored, loaded.format().name().toLowerCase(java.util.Locale.ROOT),
                            loaded.rows(), loaded.segments(), loaded.streets(), loaded.outsideArea(),
                            new double[][] { { area.minLat(), area.minLon() }, { area.maxLat(), area.maxLon() } });
                });
    }

    private static AddressExtract.Extract read(byte[] bytes, String name) {
        try {
            return AddressExtract.read(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
                    name);
        } catch (AddressExtract.Rejected e) {
            throw new InvalidRequestException(e.problems().stream()
                    .map(p -> Violation.of("csv", "validation.addresses." + p.code(),
                            String.valueOf(p.line()), p.value())).toList());
        }
    }

    @Operation(summary = "The neighbourhoods a staff account is scoped to; empty = all (coordinators)")
    @GetMapping("/accounts/{username}/neighbourhoods")
    Mono<ScopeResponse> scope(@PathVariable String username) {
        return scope.of(username).map(names -> new ScopeResponse(username, names));
    }

    @Operation(summary = "Scope a coordinator to some neighbourhoods (an empty list: all again) (coordinators)")
    @PutMapping("/accounts/{username}/neighbourhoods")
    Mono<ScopeResponse> setScope(@PathVariable String username, @RequestBody ScopeRequest request) {
        return scope.set(username, request.neighbourhoods()).map(names -> new ScopeResponse(username, names));
    }

}
