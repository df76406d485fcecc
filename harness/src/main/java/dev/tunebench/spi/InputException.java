package dev.tunebench.spi;

/**
 * A problem with something the user gave (a suite, a data line, a model folder, a flag): the message is
 * for people and names the file, line or field, what was expected and how to fix it. Exit code 2.
 */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
