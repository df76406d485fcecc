package dev.tunebench.cli.serve;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.TokenListener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one thread that uses a model's runner (runners are not thread-safe). Requests wait in a bounded
 * queue; each round takes the oldest and every waiting request with equal generation settings (max
 * tokens, decoding), up to the batch size, into one streamed {@code generate} call. Greedy rows do not
 * depend on their neighbours, so batching never changes an answer. At most {@code batchSize + queue}
 * requests are admitted at once (decoding or waiting); beyond that {@link #offer} refuses.
 */
final class BatchWorker implements AutoCloseable {
    private final Runner runner;
    private final int batchSize;
    private final int capacity;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final Thread thread;
    private int admitted;
    private boolean closing;

    BatchWorker(String name, Runner runner, int batchSize, int queue) {
        this.runner = runner;
        this.batchSize = batchSize;
        this.capacity = batchSize + queue;
        this.thread = new Thread(this::loop, "serve-" + name);
        thread.start();
    }

    /** Admits the job, or returns false when the queue is full or the server is stopping. */
    synchronized boolean offer(Job job) {
        if (closing || admitted >= capacity) {
            return false;
        }
        admitted++;
        waiting.add(job);
        notifyAll();
        return true;
    }

    private void loop() {
        for (List<Job> batch = nextBatch(); !batch.isEmpty(); batch = nextBatch()) {
            try {
                run(batch);
            } finally {
                synchronized (this) {
                    admitted -= batch.size();
                }
            }
        }
    }

    /** Blocks for work; empty once closing and drained. */
    private synchronized List<Job> nextBatch() {
        while (waiting.isEmpty()) {
            if (closing) {
                return List.of();
            }
            try {
                wait();
            } catch (InterruptedException e) {
                closing = true;
            }
        }
        List<Job> batch = new ArrayList<>(batchSize);
        batch.add(waiting.poll());
        for (Iterator<Job> it = waiting.iterator(); it.hasNext() && batch.size() < batchSize; ) {
            Job job = it.next();
            if (job.request.settings().equals(batch.get(0).request.settings())) {
                batch.add(job);
                it.remove();
            }
        }
        return batch;
    }

    private void run(List<Job> batch) {
        List<Prompt> prompts = new ArrayList<>(batch.size());
        for (Job job : batch) {
            prompts.add(job.request.prompt());
        }
        boolean[] done = new boolean[batch.size()];
        try {
            runner.generate(prompts, batch.get(0).request.settings(), new TokenListener() {
                @Override
                public void onText(int index, String delta) {
                    batch.get(index).post(new Job.Text(delta));
                }

                @Override
                public void onDone(int index, Generation generation) {
                    done[index] = true;
                    batch.get(index).post(new Job.Done(generation));
                }
            });
        } catch (InputException e) {
            // Prompts are checked before anything decodes: find the offending one(s) and run the rest.
            if (batch.size() > 1) {
                for (Job job : batch) {
                    run(List.of(job));
                }
            } else {
                batch.get(0).post(new Job.Failed(ApiError.invalid("messages", e.getMessage())));
            }
        } catch (RuntimeException e) {
            System.err.println("tunebench serve: generation failed: " + e);
            for (int i = 0; i < batch.size(); i++) {
                if (!done[i]) {
                    batch.get(i).post(new Job.Failed(new ApiError(500, "server_error", null, null,
                            "The model failed while generating: " + e.getMessage())));
                }
            }
        }
    }

    /** Stops taking requests, finishes those admitted, then returns. */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
