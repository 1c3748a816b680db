package nl.hartslag.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server of a data directory, handled the way an outage does: killed without
 * warning and started again with exactly the command line it ran with. It reads only what
 * PostgreSQL itself writes ({@code postmaster.opts}, the binaries beside {@code postgres}), so it
 * does not depend on how the application starts its embedded server.
 */
public final class Postmaster {

    private static final Pattern ARGUMENT = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final Path directory;
    private final List<String> commandLine;
    private final int port;

    private Postmaster(Path directory, List<String> commandLine, int port) {
        this.directory = directory;
        this.commandLine = commandLine;
        this.port = port;
    }

    /** The server of {@code <dataDir>/postgres}, as it was last started. */
    public static Postmaster of(Path dataDir) {
        Path directory = dataDir.resolve("postgres").toAbsolutePath();
        try {
            String opts = Files.readString(directory.resolve("postmaster.opts")).strip();
            List<String> commandLine = new ArrayList<>();
            Matcher m = ARGUMENT.matcher(opts);
            while (m.find()) {
                commandLine.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            int port = Integer.parseInt(commandLine.get(commandLine.indexOf("-p") + 1));
            return new Postmaster(directory, List.copyOf(commandLine), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Like a crash: SIGQUIT to the postmaster, PostgreSQL's "immediate shutdown" (what
     * {@code pg_ctl stop -m immediate} sends; pg_ctl itself refuses to run as root): every backend
     * ends at once, no checkpoint, crash recovery at the next start.
     */
    public void kill() {
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("kill", "-QUIT", Long.toString(pid)));
        ProcessHandle.of(pid).ifPresent(p -> {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") did not stop", e);
            }
        });
        // The postmaster is gone; wait until it no longer answers either.
        await("PostgreSQL on port " + port + " gone").atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20)).until(() -> !acceptsConnections());
    }

    /** Starts the server again with its own command line and waits until it accepts connections. */
    public void start() {
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses to run as root; like the embedded server's own start, run it in a user
            // namespace where this process is not root.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(commandLine);
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolveSibling("postgres-restart.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitPort(Duration.ofSeconds(60));
    }

    public boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitPort(Duration timeout) {
        await("PostgreSQL back on port " + port).atMost(timeout).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(this::acceptsConnections);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
