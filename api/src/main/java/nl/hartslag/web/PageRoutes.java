package nl.hartslag.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Page addresses that are not files: the status page a resident gets a link to
 * ({@code /m/HS-7KQ2-M9?t=...}), the staff login page and the staff start page. The pages themselves are static files
 * from the web-client module; their scripts read the reference and token from the address.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

    private static final Resource STATUS_PAGE = new ClassPathResource("META-INF/resources/status.html");
    private static final Resource STAFF_PAGE = new ClassPathResource("META-INF/resources/staff/index.html");
    private static final Resource LOGIN_PAGE = new ClassPathResource("META-INF/resources/login.html");
    private static final Resource PRIVACY_PAGE = new ClassPathResource("META-INF/resources/privacy.html");

    @Bean
    RouterFunction<ServerResponse> pages() {
        return route(GET("/m/{reference}"), request -> page(STATUS_PAGE))
                .andRoute(GET("/staff"), request -> ServerResponse.permanentRedirect(java.net.URI.create("/staff/")).build())
                .andRoute(GET("/staff/"), request -> page(STAFF_PAGE))
                .andRoute(GET("/login"), request -> page(LOGIN_PAGE))
                // The privacy statement (issue 15): the page fills itself from GET /api/v1/privacy.
                .andRoute(GET("/privacy"), request -> page(PRIVACY_PAGE));
    }

    private static reactor.core.publisher.Mono<ServerResponse> page(Resource page) {
        // The token is in the address: no caching by shared caches, no referrer leaking it onwards.
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .bodyValue(page);
    }
}
