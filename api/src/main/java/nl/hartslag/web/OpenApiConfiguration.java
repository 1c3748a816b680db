package nl.hartslag.web;

import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The title partners see at /swagger-ui.html; staff endpoints take HTTP Basic or the page session. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "Hartslag API", version = "v1", description = """
        Residents of Passart report nuisance or ask for neighbourhood mediation; partners follow up.
        Public endpoints (/api/v1/reports, /api/v1/categories, /api/v1/places) need no login.
        Staff endpoints (/api/v1/staff/**) need HTTP Basic (scripts, partners) or the staff pages' session.
        Errors are RFC 9457 application/problem+json, in Dutch or English per Accept-Language."""))
@SecurityScheme(name = "staff", type = SecuritySchemeType.HTTP, scheme = "basic")
class OpenApiConfiguration {
}
