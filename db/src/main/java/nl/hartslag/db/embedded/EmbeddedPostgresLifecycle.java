package nl.hartslag.db.embedded;

import java.nio.file.Path;

import org.springframework.beans.factory.DisposableBean;

/** Stops the embedded server when the application context that started it closes. */
final class EmbeddedPostgresLifecycle implements DisposableBean {

    private final Path directory;

    EmbeddedPostgresLifecycle(Path directory) {
        this.directory = directory;
    }

    @Override
    public void destroy() {
        EmbeddedPostgresRegistry.release(directory);
    }
}
