package dev.tunebench.runners.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.RunOptions;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time limit of one batch of requests ({@code timeout_s}): a watchdog thread sets the terminate flag of
 * the batch's {@link RunOptions} when time is up, which stops the forward pass ONNX Runtime is in (a huge
 * model or prompt can spend minutes in one) and every later one of the batch. Without a limit it hands out
 * no options and costs nothing.
 */
final class Deadline implements AutoCloseable {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tunebench-onnx-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final RunOptions options;
    private final ScheduledFuture<?> alarm;
    private volatile boolean expired;

    private Deadline(Duration limit) throws OrtException {
        this.options = limit == null ? null : new RunOptions();
        if (options != null) {
            // The stop is reported as an error sample; ORT's own log line for it would read like a crash.
            options.setLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
        }
        this.alarm = limit == null ? null : WATCHDOG.schedule(this::expire, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A deadline {@code limit} from now; none when {@code limit} is null. */
    static Deadline start(Duration limit) throws OrtException {
        return new Deadline(limit);
    }

    /** For {@code session.run}: null (the default options) when there is no limit. */
    RunOptions options() {
        return options;
    }

    boolean expired() {
        return expired;
    }

    private synchronized void expire() {
        if (options == null || alarm.isCancelled()) {
            return;
        }
        try {
            options.setTerminate(true);
            expired = true;
        } catch (OrtException e) {
            // the batch is already over and its options closed; nothing to stop
        }
    }

    @Override
    public synchronized void close() {
        if (options != null) {
            alarm.cancel(false);
            options.close();
        }
    }
}
