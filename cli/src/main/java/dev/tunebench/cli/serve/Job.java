package dev.tunebench.cli.serve;

import dev.tunebench.spi.Generation;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One admitted request on its way through a {@link BatchWorker}. The worker posts events; the HTTP thread
 * that owns the exchange takes them, so a slow client never holds up the batch it decodes in.
 */
final class Job {
    final ChatRequest request;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    Job(ChatRequest request) {
        this.request = request;
    }

    sealed interface Event permits Text, Done, Failed {
    }

    /** More completion text, safe to send (see {@link dev.tunebench.spi.TokenListener}). */
    record Text(String delta) implements Event {
    }

    /** The request is complete; no event follows. */
    record Done(Generation generation) implements Event {
    }

    /** The request failed; no event follows. */
    record Failed(ApiError error) implements Event {
    }

    void post(Event event) {
        events.add(event);
    }

    Event next() throws InterruptedException {
        return events.take();
    }
}
