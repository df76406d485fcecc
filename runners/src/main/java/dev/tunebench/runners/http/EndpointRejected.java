package dev.tunebench.runners.http;

/**
 * The endpoint refused in a way no retry can mend (bad key, unknown model or deployment, bad request):
 * the model stops and the run ends incomplete (exit 2), with a message that says what to fix.
 */
final class EndpointRejected extends IllegalStateException {
    EndpointRejected(String message) {
        super(message);
    }
}
