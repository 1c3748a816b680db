package nl.hartslag.web;

import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.i18n.LocaleContextResolver;

/** Dutch first: Accept-Language picks English when asked for, anything else gets Dutch. */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    static final Locale DUTCH = Locale.forLanguageTag("nl");

    @Bean
    LocaleContextResolver localeContextResolver() {
        AcceptHeaderLocaleContextResolver resolver = new AcceptHeaderLocaleContextResolver();
        resolver.setSupportedLocales(List.of(DUTCH, Locale.ENGLISH));
        resolver.setDefaultLocale(DUTCH);
        return resolver;
    }
}
