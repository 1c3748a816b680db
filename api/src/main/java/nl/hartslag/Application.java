package nl.hartslag;

import nl.hartslag.cli.Cli;
import nl.hartslag.keys.RotateKeysCommand;
import nl.hartslag.neighbourhood.LoadAddressesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Hartslag: residents report nuisance or ask for mediation; the neighbourhood's partners act on it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        if (Cli.handles(args)) {
            // dedup and bench run the matching engine alone: no Spring, no logging, no server, no database
            System.exit(Cli.run(args, System.out, System.err));
        }
        if (RotateKeysCommand.handles(args)) {
            // Needs the database and every feature's sealed columns: the application's context, without the service.
            System.exit(RotateKeysCommand.run(Application.class, args, System.out, System.err));
        }
        if (LoadAddressesCommand.handles(args)) {
            // A neighbourhood's addresses into the gazetteer: the application's context, without the service.
            System.exit(LoadAddressesCommand.run(Application.class, args, System.out, System.err));
        }
        for (OperatorCommand command : java.util.ServiceLoader.load(OperatorCommand.class)) {
            if (command.accepts(args)) {
                // demo: fills an empty database through the real services, without the web server.
                System.exit(command.execute(Application.class, args, System.out, System.err));
            }
        }
        SpringApplication.run(Application.class, args);
    }
}
