package nl.hartslag;

import java.io.PrintStream;

/**
 * An operator's command that runs the application's context without the service (like {@code demo}),
 * found by {@link java.util.ServiceLoader} ({@code META-INF/services/nl.hartslag.OperatorCommand}) so that
 * {@link Application} does not depend on it: such a command uses feature modules, which use this root
 * package (e.g. {@link Periodic}), and a direct reference from here would close a cycle between modules.
 */
public interface OperatorCommand {

    /** Whether these command-line arguments are this command's. */
    boolean accepts(String[] args);

    /** Runs it with {@code application} as the Spring Boot application class; returns the exit status. */
    int execute(Class<?> application, String[] args, PrintStream out, PrintStream err);
}
