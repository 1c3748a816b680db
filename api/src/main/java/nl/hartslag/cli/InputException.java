package nl.hartslag.cli;

/** The input is missing, unreadable or malformed; the message names the file and, where there is one, the line. */
final class InputException extends Exception {

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
