package nl.hartslag.web;

import java.security.Principal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.Authentication;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * The API description partners generate clients from ({@code /v3/api-docs}, OpenAPI 3.1; title at
 * /swagger-ui.html). Staff endpoints take HTTP Basic or the page session. Two customizers keep it honest:
 * the login a handler is given by Spring Security is not a parameter a client sends, and every operation
 * lists the RFC 9457 problem+json answers it can give, derived from what the request can get wrong
 * (see docs/api.md for the rules).
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Hartslag API", version = "v1", description = """
        Residents of Passart report nuisance or ask for neighbourhood mediation; partners follow up.
        Public endpoints (/api/v1/reports, /api/v1/categories, /api/v1/places) need no login.
        Staff endpoints (/api/v1/staff/**) need HTTP Basic (scripts, partners) or the staff pages' session.
        Errors are RFC 9457 application/problem+json, in Dutch or English per Accept-Language."""))
@SecurityScheme(name = "staff", type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfiguration {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_SCHEMA = "ProblemDetail";
    /** Staff operations that every logged-in staff member may call (no role, no CSRF for a GET). */
    private static final String SYNCHRONOUS = "x-hartslag-synchronous";
    private static final Set<String> ANY_STAFF_MEMBER = Set.of("GET /api/v1/staff/me");

    /**
     * Spring Security resolves {@code Authentication}/{@code Principal} arguments (also as
     * {@code Mono<...>}) from the login; springdoc would publish them as required query parameters
     * without a schema, which is not valid OpenAPI and no client could send.
     */
    @Bean
    OperationCustomizer securityArgumentsAreNoParameters() {
        return (operation, handler) -> {
            if (!Publisher.class.isAssignableFrom(handler.getMethod().getReturnType())) {
                // Answered from memory (settings), so never a 503; read and removed by problemResponses.
                operation.addExtension(SYNCHRONOUS, true);
            }
            if (operation.getParameters() != null) {
                Set<String> login = loginArguments(handler);
                operation.getParameters().removeIf(p -> "query".equals(p.getIn()) && login.contains(p.getName()));
                if (operation.getParameters().isEmpty()) {
                    operation.setParameters(null);
                }
            }
            return operation;
        };
    }

    private static Set<String> loginArguments(HandlerMethod handler) {
        Set<String> names = new HashSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            ResolvableType type = ResolvableType.forMethodParameter(parameter);
            if (Mono.class.isAssignableFrom(type.toClass())) {
                type = type.getGeneric(0);
            }
            Class<?> raw = type.toClass();
            if ((Authentication.class.isAssignableFrom(raw) || Principal.class.isAssignableFrom(raw))
                    && parameter.getParameterName() != null) {
                names.add(parameter.getParameterName());
            }
        }
        return names;
    }

    /** The problem+json answers of each operation under /api/ and /twilio/, and the ProblemDetail schema. */
    @Bean
    OpenApiCustomizer problemResponses(Environment environment) {
        List<PathPattern> rateLimited = rateLimitedPaths(environment);
        return api -> {
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
            for (Problem problem : Problem.values()) {
                api.getComponents().addResponses(problem.component, problem.response());
            }
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> document(path, method, operation, rateLimited)));
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation,
            List<PathPattern> rateLimited) {
        boolean synchronous = operation.getExtensions() != null && operation.getExtensions().remove(SYNCHRONOUS) != null;
        if (operation.getExtensions() != null && operation.getExtensions().isEmpty()) {
            operation.setExtensions(null);
        }
        boolean twilio = path.startsWith("/twilio/");
        if (!path.startsWith("/api/") && !twilio) {
            return;
        }
        boolean staff = path.startsWith("/api/v1/staff/");
        boolean names = path.contains("{");
        boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean input = change || operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        boolean idempotencyKey = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equalsIgnoreCase(p.getName()));
        Map<String, Problem> problems = new LinkedHashMap<>();
        if (input) {
            problems.put("400", Problem.BAD_REQUEST);
        }
        if (staff) {
            problems.put("401", Problem.UNAUTHORIZED);
            if (change || !ANY_STAFF_MEMBER.contains(method + " " + path)) {
                problems.put("403", Problem.FORBIDDEN);
            }
        }
        if (twilio) {
            problems.put("403", Problem.TWILIO_SIGNATURE);
        }
        if (names && !twilio) {
            problems.put("404", Problem.NOT_FOUND);
        }
        if (change && !twilio && !idempotencyKey) {
            problems.put("409", Problem.CONFLICT);
        }
        if (idempotencyKey) {
            problems.put("422", Problem.IDEMPOTENCY_KEY_REUSED);
        }
        if (rateLimited.stream().anyMatch(p -> p.matches(PathContainer.parsePath(path)))) {
            problems.put("429", Problem.RATE_LIMITED);
        }
        // Twilio's webhooks answer TwiML ("try again later") rather than a problem when PostgreSQL is away;
        // a handler that answers synchronously (from settings) does not touch the database.
        if (!twilio && !synchronous) {
            problems.put("503", Problem.DATABASE_UNAVAILABLE);
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        problems.forEach((status, problem) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + problem.component));
            }
        });
        operation.setResponses(responses);
    }

    /** The problem+json answers, each once in {@code components.responses}, referred to by the operations. */
    enum Problem {
        BAD_REQUEST("BadRequest", "The request is malformed or invalid; `errors` lists the fields at fault"
                + " (invalid-request, malformed-json)."),
        UNAUTHORIZED("Unauthorized", "Not logged in: HTTP Basic or the staff pages' session is required (unauthorized)."),
        FORBIDDEN("Forbidden", "Logged in, but this needs another role, or the CSRF token of a page session is missing"
                + " (forbidden)."),
        TWILIO_SIGNATURE("TwilioSignature", "Not signed by Twilio: X-Twilio-Signature is missing or does not match"
                + " (twilio-signature)."),
        NOT_FOUND("NotFound", "Nothing is known under this reference or id, or it is not yours to see (not-found and"
                + " feature-specific types such as cluster-not-found)."),
        CONFLICT("Conflict", "Refused in the current state: a move the workflow's transition table does not allow,"
                + " or a name already taken (illegal-transition and feature-specific types)."),
        IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused", "This Idempotency-Key came before with another body"
                + " (idempotency-key-reused)."),
        RATE_LIMITED("RateLimited", "Too many requests from this client; try again after Retry-After seconds"
                + " (rate-limited)."),
        DATABASE_UNAVAILABLE("DatabaseUnavailable", "The database is unreachable; try again after Retry-After seconds"
                + " (database-unavailable).");

        final String component;
        final String description;

        Problem(String component, String description) {
            this.component = component;
            this.description = description;
        }

        ApiResponse response() {
            return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                    new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
        }
    }

    /** RFC 9457 with our {@code errors} extension (what ApiProblems writes). */
    private static Schema<?> problemSchema() {
        JsonSchema field = object(
                "field", string("The input field at fault, as a JSON path (e.g. location.lat).", null),
                "message", string("What is wrong with it, in the request's language.", null));
        JsonSchema errors = new JsonSchema();
        errors.types(Set.of("array")).items(field).description("With 400 invalid-request: the fields at fault.");
        JsonSchema problem = object(
                "type", string("The problem type, https://hartslag.nl/problems/<code> (see docs/api.md).", "uri"),
                "title", string("Short, in the request's language (Accept-Language: nl or en).", null),
                "status", new JsonSchema().types(Set.of("integer")).description("The HTTP status."),
                "detail", string("What happened and what to do, in the request's language.", null),
                "instance", string("The request path.", "uri-reference"),
                "errors", errors);
        problem.description("An RFC 9457 problem (application/problem+json).");
        return problem;
    }

    /** An object schema with the given properties, in the given order ({@code name, schema, name, schema...}). */
    private static JsonSchema object(Object... properties) {
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of("object"));
        for (int i = 0; i < properties.length; i += 2) {
            schema.addProperty((String) properties[i], (Schema<?>) properties[i + 1]);
        }
        return schema;
    }

    private static JsonSchema string(String description, String format) {
        JsonSchema schema = new JsonSchema();
        schema.types(Set.of("string")).description(description);
        if (format != null) {
            schema.format(format);
        }
        return schema;
    }

    /** The paths under a rate limit ({@code hartslag.rate-limit.paths.<rule>.paths}), read as plain settings. */
    private static List<PathPattern> rateLimitedPaths(Environment environment) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("hartslag.rate-limit.enabled", Boolean.class).orElse(false)) {
            return List.of();
        }
        Map<String, RuleView> rules = binder.bind("hartslag.rate-limit.paths",
                Bindable.mapOf(String.class, RuleView.class)).orElse(Map.of());
        return rules.values().stream().filter(r -> r.paths() != null).flatMap(r -> r.paths().stream())
                .map(PathPatternParser.defaultInstance::parse).toList();
    }

    record RuleView(List<String> paths) {
    }
}
