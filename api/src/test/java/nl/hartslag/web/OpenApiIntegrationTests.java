package nl.hartslag.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import nl.hartslag.support.IntegrationTest;

/**
 * The API description partners generate clients from: {@code /v3/api-docs} of the started server must
 * be a valid OpenAPI 3.1 document (swagger-parser reports nothing), publish no framework arguments as
 * parameters, and document the problem+json errors each endpoint can answer.
 */
@IntegrationTest
class OpenApiIntegrationTests {

    static final String PROBLEM_JSON = "application/problem+json";
    /** The one operation that never needs the database (map settings), so documents no 503. */
    static final java.util.Set<String> ANSWERED_FROM_SETTINGS = java.util.Set.of("GET /api/v1/map/config",
            "GET /api/v1/service");

    @Autowired
    WebTestClient http;

    // One description per run (the shared context builds it once; the first call takes seconds).
    static OpenAPI api;

    @BeforeEach
    void fetch() throws Exception {
        if (api != null) {
            return;
        }
        String json = new String(http.mutate().responseTimeout(Duration.ofMinutes(1))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        // For a look by hand (and the docs): the description as the running server publishes it.
        Files.writeString(Path.of("target", "api-docs.json"), json);
        SwaggerParseResult result = OpenApiValidation.parse(json);
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        api = result.getOpenAPI();
    }

    @Test
    void isValidOpenApi31() {
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getPaths()).containsKeys("/api/v1/reports", "/api/v1/staff/me");
    }

    @Test
    void staffMePublishesNoSecurityArgumentAsParameter() {
        Operation me = api.getPaths().get("/api/v1/staff/me").getGet();
        assertThat(me.getParameters() == null ? List.of() : me.getParameters())
                .noneMatch(p -> p.getName().equalsIgnoreCase("authentication") || p.getName().equalsIgnoreCase("principal"));
    }

    /** A new report is 201 (stored), a retry with the same key 200: clients generated from this must know both. */
    @Test
    void filingAReportDocumentsCreatedAndTheRetry() {
        Map<String, ApiResponse> responses = api.getPaths().get("/api/v1/reports").getPost().getResponses();
        assertThat(responses).containsKeys("201", "200");
        assertThat(responses.get("201").getContent().get("application/json").getSchema().get$ref())
                .endsWith("/Created");
    }

    @Test
    void problemDetailIsAComponent() {
        assertThat(api.getComponents().getSchemas()).containsKey("ProblemDetail");
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsKeys("type", "title", "status", "detail", "instance");
    }

    /**
     * Every API operation names its problem+json answers: 400 where it takes input, 401 (and 403 for
     * changes, which need a role or a CSRF token) for staff, 404 where the path names something, 503.
     */
    @Test
    void everyApiOperationDocumentsItsProblems() {
        List<String> missing = new ArrayList<>();
        api.getPaths().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : item.readOperationsMap().entrySet()) {
                String where = op.getKey() + " " + path;
                Map<String, ApiResponse> responses = op.getValue().getResponses();
                List<String> expected = new ArrayList<>();
                if (!ANSWERED_FROM_SETTINGS.contains(where)) {
                    expected.add("503");
                }
                if (path.startsWith("/api/v1/staff/")) {
                    expected.add("401");
                }
                if (path.contains("{")) {
                    expected.add("404");
                }
                boolean change = op.getKey() != PathItem.HttpMethod.GET;
                if (change || path.contains("{") || op.getValue().getParameters() != null) {
                    expected.add("400");
                }
                if (path.startsWith("/api/v1/staff/") && change) {
                    expected.add("403");
                }
                for (String status : expected) {
                    if (!isProblem(responses.get(status))) {
                        missing.add(where + " " + status);
                    }
                }
            }
        });
        assertThat(missing).as("operations without their problem+json responses").isEmpty();
    }

    /** A problem+json answer with the ProblemDetail schema, given inline or as a reusable component response. */
    static boolean isProblem(ApiResponse response) {
        if (response != null && response.get$ref() != null) {
            response = api.getComponents().getResponses()
                    .get(response.get$ref().substring("#/components/responses/".length()));
        }
        return response != null && response.getContent() != null && response.getContent().containsKey(PROBLEM_JSON)
                && "#/components/schemas/ProblemDetail".equals(response.getContent().get(PROBLEM_JSON).getSchema().get$ref());
    }

    /** Not blanket: a public read without input has nothing to refuse, and one answered from settings no 503. */
    @Test
    void problemsAreListedOnlyWhereTheyApply() {
        Map<String, ApiResponse> config = api.getPaths().get("/api/v1/map/config").getGet().getResponses();
        assertThat(config).containsOnlyKeys("200");
        Map<String, ApiResponse> categories = api.getPaths().get("/api/v1/categories").getGet().getResponses();
        assertThat(categories).doesNotContainKeys("400", "401", "403", "404", "409").containsKey("503");
        Map<String, ApiResponse> me = api.getPaths().get("/api/v1/staff/me").getGet().getResponses();
        assertThat(me).containsKey("401").doesNotContainKeys("403", "404");
        Map<String, ApiResponse> report = api.getPaths().get("/api/v1/reports").getPost().getResponses();
        assertThat(report).containsKeys("400", "422", "429").doesNotContainKeys("401", "403");
    }
}
