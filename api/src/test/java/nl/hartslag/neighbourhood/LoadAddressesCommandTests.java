package nl.hartslag.neighbourhood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.hartslag.Application;

/**
 * The command's answers that need no database: usage, help, and a bad file refused by line before
 * anything starts (its loading is in {@code NeighbourhoodLoadIntegrationTests}).
 */
class LoadAddressesCommandTests {

    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = LoadAddressesCommand.NAME;
        System.arraycopy(args, 0, all, 1, args.length);
        int status = LoadAddressesCommand.run(Application.class, all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAFileItIsAUsageErrorAndHelpNamesTheEndpointForARunningService() {
        Result none = run("--neighbourhood", "Kamilleveld");
        assertThat(none.status()).isEqualTo(LoadAddressesCommand.USAGE);
        assertThat(none.err()).contains("--file is required");
        Result help = run("--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("usage: java -jar hartslag-api.jar load-addresses")
                .contains("POST /api/v1/staff/neighbourhoods/{name}/addresses");
        assertThat(run("--file", "x.csv", "--residents", "veel").err()).contains("whole number");
    }

    @Test
    void aBadFileIsRefusedByLineAndNothingStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bag.csv");
        Files.writeString(file, """
                openbareruimte;huisnummer;postcode;lat;lon
                Pimpernelhof;4;6419 PA;50,9330;5,9790
                Pimpernelhof;4;6419 PA;50,9330
                """);
        Result refused = run("--file", file.toString(), "--neighbourhood", "Pimpernelwijk");
        assertThat(refused.status()).isEqualTo(LoadAddressesCommand.REFUSED);
        assertThat(refused.err()).contains("refused, nothing was loaded").contains("line 3: expected 5 fields");
    }

    @Test
    void residentsNeedAFileOfOneNeighbourhood(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("two.csv");
        Files.writeString(file, """
                straat,huisnummer,postcode,buurt,lat,lon
                Pimpernelhof,4,6419 PA,Pimpernel-Noord,50.9330,5.9790
                Kamilleweg,2,6419 PB,Pimpernel-Zuid,50.9320,5.9780
                """);
        Result usage = run("--file", file.toString(), "--residents", "100");
        assertThat(usage.status()).isEqualTo(LoadAddressesCommand.USAGE);
        assertThat(usage.err()).contains("the file has 2 (Pimpernel-Noord, Pimpernel-Zuid)");
    }
}
