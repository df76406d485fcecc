package dev.tunebench.store;

import dev.tunebench.spi.InputException;

/** The store cannot be used (unwritable folder, a file from a newer tunebench...): the message says how to fix it. */
public final class StoreException extends InputException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
