package nl.hartslag.cli;

import static nl.hartslag.db.SqlParams.nullable;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code bench-intake}'s bare reference: a minimal WebFlux + R2DBC endpoint that parses the JSON, does
 * one INSERT and answers 201 with the id, so the intake's figures have a floor measured in the same
 * run. It is HTTP by purpose (the one class outside a {@code web} package that may use
 * {@code org.springframework.http}, see ModularityTests) and serves nothing of the application.
 */
final class BareIntakeServer {

    private BareIntakeServer() {
    }

    /** Serves {@code POST /bare/reports} on a free port of 127.0.0.1 until disposed. */
    static DisposableServer start(DatabaseClient db) {
        RouterFunction<ServerResponse> routes = RouterFunctions.route(RequestPredicates.POST("/bare/reports"),
                request -> request.bodyToMono(BareReport.class).flatMap(report -> {
                    UUID id = UUID.randomUUID();
                    return db.sql("insert into bare_report (id, category, description, address, lat, lon)"
                            + " values (:id, :category, :description, :address, :lat, :lon)")
                            .bind("id", id).bind("category", report.category()).bind("description", report.description())
                            .bind("address", nullable(report.address(), String.class))
                            .bind("lat", nullable(report.location() == null ? null : report.location().lat(),
                                    Double.class))
                            .bind("lon", nullable(report.location() == null ? null : report.location().lon(),
                                    Double.class))
                            .fetch().rowsUpdated()
                            .flatMap(n -> ServerResponse.status(HttpStatus.CREATED).bodyValue(Map.of("id", id.toString())));
                }));
        HttpHandler handler = RouterFunctions.toHttpHandler(routes);
        return HttpServer.create().host("127.0.0.1").port(0).handle(new ReactorHttpHandlerAdapter(handler)).bindNow();
    }

    record BareReport(String category, String description, String address, Location location) {
        record Location(Double lat, Double lon) {
        }
    }
}
