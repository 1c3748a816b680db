package nl.hartslag.category;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** Worries about a household and neighbour disputes can never be made public by configuration. */
class PublicSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PublicSettings.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsArePublicSpaceProblemsOnly() {
        context.run(c -> {
            PublicSettings settings = c.getBean(PublicSettings.class);
            assertThat(settings.categories()).contains("noise", "dumping", "litter", "vandalism", "public_lighting")
                    .doesNotContain("domestic", "neighbour_dispute", "other");
            assertThat(settings.isPublic("litter")).isTrue();
            assertThat(settings.isPublic("domestic")).isFalse();
            assertThat(settings.isPublic(null)).isFalse();
        });
    }

    @Test
    void configuringDomesticOrNeighbourDisputeStopsTheStart() {
        for (String listed : new String[] { "noise,domestic", "neighbour_dispute", " Domestic " }) {
            context.withPropertyValues("hartslag.public.categories=" + listed).run(c -> {
                assertThat(c).hasFailed();
                assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("domestic or neighbour_dispute");
            });
        }
    }

    @Test
    void anotherListIsTaken() {
        context.withPropertyValues("hartslag.public.categories=litter, dumping").run(c -> {
            PublicSettings settings = c.getBean(PublicSettings.class);
            assertThat(settings.categories()).containsExactly("litter", "dumping");
            assertThat(settings.isPublic("noise")).isFalse();
        });
    }
}
