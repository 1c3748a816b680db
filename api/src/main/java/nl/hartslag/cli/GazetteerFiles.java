package nl.hartslag.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import nl.hartslag.db.seed.GazetteerCsv;
import nl.hartslag.db.seed.GazetteerCsv.NamedPlace;
import nl.hartslag.db.seed.GazetteerCsv.StreetSegment;

/** The streets and named places the engine resolves addresses against: the project's seed files or the given ones. */
record GazetteerFiles(List<StreetSegment> streets, List<NamedPlace> places, String source) {

    static final String SEED_STREETS = "nl/hartslag/db/seed/gazetteer.csv";
    static final String SEED_PLACES = "nl/hartslag/db/seed/places.csv";

    private interface CsvReader<T> {
        List<T> read(Reader reader) throws IOException;
    }

    static GazetteerFiles load(Optional<String> streetsFile, Optional<String> placesFile) throws InputException {
        List<StreetSegment> streets = streetsFile.isPresent()
                ? fromFile(Path.of(streetsFile.get()), GazetteerCsv::readStreets)
                : fromSeed(SEED_STREETS, GazetteerCsv::readStreets);
        List<NamedPlace> places = placesFile.isPresent()
                ? fromFile(Path.of(placesFile.get()), GazetteerCsv::readPlaces)
                : fromSeed(SEED_PLACES, GazetteerCsv::readPlaces);
        if (streets.isEmpty()) {
            throw new InputException(streetsFile.orElse(SEED_STREETS) + ": no street segments");
        }
        String source = streetsFile.orElse("seed gazetteer") + " + " + placesFile.orElse("seed places");
        return new GazetteerFiles(List.copyOf(streets), List.copyOf(places), source);
    }

    private static <T> List<T> fromFile(Path file, CsvReader<T> csv) throws InputException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return csv.read(reader);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (IllegalArgumentException e) {
            // GazetteerCsv names the line: "line 3: expected 7 fields, found 5".
            throw new InputException(file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + describe(e) + ")", e);
        }
    }

    private static <T> List<T> fromSeed(String resource, CsvReader<T> csv) throws InputException {
        InputStream in = GazetteerFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new InputException("classpath:" + resource + ": missing from the application");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return csv.read(reader);
        } catch (IllegalArgumentException | IOException e) {
            throw new InputException("classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
