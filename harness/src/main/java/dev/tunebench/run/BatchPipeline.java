package dev.tunebench.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Runs one model's batches on its workers and hands their results back in submission order, on the
 * caller's thread: samples are scored and written exactly as one worker would, so samples.jsonl and
 * every figure are the same for any number of workers. At most two batches per worker are in flight.
 * After a failure, or once {@code skip} says so (Ctrl-C), batches not yet started are dropped (a resume
 * runs them); every batch that completed is still handed back.
 */
final class BatchPipeline implements AutoCloseable {
    private final ExecutorService executor;
    private final int window;
    private final BooleanSupplier skip;
    private final Deque<Pending<?>> pending = new ArrayDeque<>();
    private volatile boolean failed;

    BatchPipeline(int workers, String model, BooleanSupplier skip) {
        this.skip = skip;
        this.window = 2 * workers;
        if (workers == 1) {
            this.executor = null;
        } else {
            int[] n = {0};
            this.executor = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "tunebench-" + model + "-worker-" + (++n[0]));
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Runs {@code work} on a worker; {@code done} gets its result later, on this thread, in order. */
    <T> void submit(Callable<T> work, Consumer<T> done) {
        if (executor == null) {
            done.accept(call(work));
            return;
        }
        while (pending.size() >= window) {
            completeHead();
        }
        Future<T> future = executor.submit(() -> failed || skip.getAsBoolean() ? null : work.call());
        pending.add(new Pending<>(future, done));
    }

    /** Hands back every batch still in flight; rethrows the first failure after the others are handed back. */
    void finish() {
        while (!pending.isEmpty()) {
            completeHead();
        }
    }

    private void completeHead() {
        try {
            pending.removeFirst().complete();
        } catch (RuntimeException | Error e) {
            failed = true;
            while (!pending.isEmpty()) {
                try {
                    pending.removeFirst().complete();
                } catch (RuntimeException | Error later) {
                    e.addSuppressed(later);
                }
            }
            throw e;
        }
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Waits for running batches, so the runner is never closed under a worker. */
    @Override
    public void close() {
        if (executor == null) {
            return;
        }
        failed = true;
        executor.shutdown();
        try {
            executor.awaitTermination(365, TimeUnit.DAYS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending<T>(Future<T> future, Consumer<T> done) {
        void complete() {
            T result;
            try {
                result = future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
            }
            if (result != null) {
                done.accept(result);
            }
        }
    }
}
