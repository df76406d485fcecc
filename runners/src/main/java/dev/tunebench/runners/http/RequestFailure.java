package dev.tunebench.runners.http;

import java.time.Duration;

/**
 * Why one HTTP attempt did not give a completion. {@link Retry} may succeed on a later attempt (rate
 * limit, server error, dropped connection, timeout); {@link Reject} never will (bad key, unknown model
 * or deployment, bad request), so the model stops.
 */
sealed interface RequestFailure permits RequestFailure.Retry, RequestFailure.Reject {
    String message();

    /** @param asked what the server asked for (Retry-After, retry-after-ms), null when it did not say */
    record Retry(String message, Duration asked) implements RequestFailure {
    }

    record Reject(int status, String message) implements RequestFailure {
    }

    /** Carries a failure out of the code that found it. */
    final class Raised extends Exception {
        final transient RequestFailure failure;

        Raised(RequestFailure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
