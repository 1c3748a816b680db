package nl.hartslag.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * Validates an OpenAPI description with swagger-parser, as a client generator would read it. Used by
 * {@link OpenApiIntegrationTests} and by hand against the running jar (docs/api.md):
 * {@code java -cp <test classpath> nl.hartslag.web.OpenApiValidation http://localhost:8080/v3/api-docs}
 * (or a file); prints every message and exits 1 if there is one.
 */
public final class OpenApiValidation {

    private OpenApiValidation() {
    }

    /** swagger-parser's messages for {@code json}: empty when it is a valid OpenAPI (3.1) description. */
    public static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: OpenApiValidation <file or http(s) URL of /v3/api-docs>");
            System.exit(2);
        }
        String json = args[0].startsWith("http") ? HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(args[0])).build(), HttpResponse.BodyHandlers.ofString()).body()
                : Files.readString(Path.of(args[0]));
        SwaggerParseResult result = parse(json);
        List<String> messages = result.getMessages() == null ? List.of() : result.getMessages();
        if (result.getOpenAPI() == null) {
            System.out.println("not an OpenAPI description");
            System.exit(1);
        }
        messages.forEach(System.out::println);
        System.out.printf("OpenAPI %s, %d paths, %d messages%n", result.getOpenAPI().getOpenapi(),
                result.getOpenAPI().getPaths().size(), messages.size());
        System.exit(messages.isEmpty() ? 0 : 1);
    }
}
