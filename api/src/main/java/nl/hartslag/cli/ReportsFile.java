package nl.hartslag.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.hartslag.matching.IncomingReport;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads reports, one JSON object a line ({@code id, received_at, channel, text, lat, lon, address,
 * category}; other fields such as {@code problem} are ignored). Strict: the first malformed line
 * stops the read with a message naming the file and the line.
 */
final class ReportsFile {

    /** One report as read, with the line it came from and its id exactly as written (string or number). */
    record Line(int number, JsonNode id, IncomingReport report) {
    }

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ReportsFile() {
    }

    static List<Line> read(Path file) throws InputException {
        List<Line> lines = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
            int number = 0;
            boolean more = true;
            while (more) {
                buffer.reset();
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    buffer.write(b);
                }
                more = b != -1;
                if (!more && buffer.size() == 0) {
                    break;
                }
                number++;
                String text;
                try {
                    text = utf8.decode(ByteBuffer.wrap(buffer.toByteArray())).toString();
                } catch (CharacterCodingException e) {
                    throw new InputException(file + ":" + number + ": not valid UTF-8");
                }
                if (number == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (text.isBlank()) {
                    continue;
                }
                Line line = parse(text, file, number);
                Integer earlier = firstLineOfId.putIfAbsent(line.report().id(), number);
                if (earlier != null) {
                    throw new InputException(file + ":" + number + ": duplicate id '" + line.report().id()
                            + "' (first on line " + earlier + ")");
                }
                lines.add(line);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(file + ": permission denied");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + GazetteerFiles.describe(e) + ")", e);
        }
        return lines;
    }

    static Line parse(String text, Path file, int number) throws InputException {
        String where = file + ":" + number + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            String at = e.getLocation() == null || e.getLocation().getColumnNr() < 1 ? ""
                    : " at column " + e.getLocation().getColumnNr();
            throw new InputException(where + "invalid JSON" + at + ": " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InputException(where + "expected a JSON object");
        }
        JsonNode idNode = node.get("id");
        if (idNode == null || idNode.isNull()) {
            throw new InputException(where + "missing field 'id'");
        }
        String id;
        if (idNode.isString()) {
            id = idNode.stringValue();
        } else if (idNode.isIntegralNumber()) {
            id = idNode.asString();
        } else {
            throw new InputException(where + "field 'id' must be a string or a whole number");
        }
        if (id.isBlank()) {
            throw new InputException(where + "field 'id' is empty");
        }
        JsonNode receivedNode = node.get("received_at");
        if (receivedNode == null || receivedNode.isNull()) {
            throw new InputException(where + "missing field 'received_at'");
        }
        if (!receivedNode.isString()) {
            throw new InputException(where + "field 'received_at' must be a string (ISO-8601 with offset)");
        }
        Instant receivedAt;
        try {
            receivedAt = OffsetDateTime.parse(receivedNode.stringValue().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InputException(where + "field 'received_at' is not an ISO-8601 timestamp with offset"
                    + " (like 2025-11-03T09:15:00+01:00): '" + receivedNode.stringValue() + "'");
        }
        Double lat = coordinate(node, "lat", 90, where);
        Double lon = coordinate(node, "lon", 180, where);
        if (lat != null && lon == null) {
            throw new InputException(where + "lat without lon");
        }
        if (lon != null && lat == null) {
            throw new InputException(where + "lon without lat");
        }
        IncomingReport report = new IncomingReport(id, receivedAt, optionalString(node, "channel", where),
                optionalString(node, "text", where), lat, lon, optionalString(node, "address", where),
                optionalString(node, "category", where));
        return new Line(number, idNode, report);
    }

    private static String optionalString(JsonNode node, String field, String where) throws InputException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new InputException(where + "field '" + field + "' must be a string or null");
        }
        return value.stringValue();
    }

    private static Double coordinate(JsonNode node, String field, double limit, String where) throws InputException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new InputException(where + "field '" + field + "' must be a number or null");
        }
        double degrees = value.doubleValue();
        if (!Double.isFinite(degrees) || Math.abs(degrees) > limit) {
            throw new InputException(where + "field '" + field + "' out of range: " + value.asString());
        }
        return degrees;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
