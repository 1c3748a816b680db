package nl.hartslag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CliTests {

    @Test
    void handlesOnlyItsOwnCommandsSoEverythingElseStartsTheService() {
        assertThat(Cli.handles(new String[] { "dedup", "--in", "x" })).isTrue();
        assertThat(Cli.handles(new String[] { "bench" })).isTrue();
        assertThat(Cli.handles(new String[0])).isFalse();
        assertThat(Cli.handles(new String[] { "--server.port=8081" })).isFalse();
        assertThat(Cli.handles(new String[] { "--spring.profiles.active=dev", "dedup" })).isFalse();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Cli.run(new String[] { "dedupe" }, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'dedupe'", "usage:");
    }
}
