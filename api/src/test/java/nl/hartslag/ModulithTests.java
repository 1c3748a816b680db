package nl.hartslag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Spring Modulith's view of the features: every direct subpackage of {@code nl.hartslag} is an
 * application module, its subpackages are internal unless declared a named interface, and modules
 * must not form cycles. {@link #verify()} fails on any access to another module's internals.
 *
 * <p>{@link #documentation()} writes the module diagram ({@code components.puml}, PlantUML in C4
 * component style), one diagram and one canvas ({@code module-*.adoc}) per module and an aggregating
 * {@code all-docs.adoc}. By default into {@code target/}; with {@code -Dhartslag.docs=../docs/modules} it
 * regenerates the checked-in copy (see docs/modules.md).
 */
class ModulithTests {

    static final ApplicationModules MODULES = ApplicationModules.of(Application.class);

    @Test
    void verify() {
        MODULES.verify();
    }

    @Test
    void documentation() throws IOException {
        String folder = System.getProperty("hartslag.docs", "target/spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder))
                .writeDocumentation();
        Path diagram = Path.of(folder, "components.puml");
        assertThat(diagram).exists();
        assertThat(Files.readString(diagram)).contains("Report", "Matching", "Cluster");
    }
}
