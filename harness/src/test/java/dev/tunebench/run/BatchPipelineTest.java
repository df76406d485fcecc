package dev.tunebench.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches run on workers but come back in submission order; failures and stops lose nothing completed. */
class BatchPipelineTest {

    @Test
    void resultsComeBackInSubmissionOrderWhenALaterBatchFinishesFirst() throws Exception {
        CountDownLatch secondDone = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try (BatchPipeline pipeline = new BatchPipeline(2, "m", () -> false)) {
            pipeline.submit(() -> {
                // The first batch waits until the second has finished on the other worker.
                assertTrue(secondDone.await(30, TimeUnit.SECONDS));
                return "first";
            }, written::add);
            pipeline.submit(() -> {
                threads.add(Thread.currentThread().getName());
                secondDone.countDown();
                return "second";
            }, written::add);
            pipeline.finish();
        }
        assertEquals(List.of("first", "second"), written);
        assertNotEquals(Thread.currentThread().getName(), threads.get(0), "the work ran on a worker");
    }

    @Test
    void oneWorkerRunsOnTheCallersThread() {
        List<String> names = new ArrayList<>();
        try (BatchPipeline pipeline = new BatchPipeline(1, "m", () -> false)) {
            pipeline.submit(() -> Thread.currentThread().getName(), names::add);
            pipeline.finish();
        }
        assertEquals(List.of(Thread.currentThread().getName()), names);
    }

    @Test
    void aFailureIsRethrownAfterTheCompletedBatchesAreHandedBack() throws Exception {
        List<Integer> written = new ArrayList<>();
        CountDownLatch laterDone = new CountDownLatch(1);
        IllegalStateException thrown;
        try (BatchPipeline pipeline = new BatchPipeline(2, "m", () -> false)) {
            pipeline.submit(() -> 1, written::add);
            pipeline.<Integer>submit(() -> {
                assertTrue(laterDone.await(30, TimeUnit.SECONDS));
                throw new IllegalStateException("session broke");
            }, written::add);
            pipeline.submit(() -> {
                laterDone.countDown();
                return 3;
            }, written::add);
            thrown = assertThrows(IllegalStateException.class, pipeline::finish);
        }
        assertEquals("session broke", thrown.getMessage());
        assertEquals(List.of(1, 3), written, "the batch that completed after the failed one is kept");
    }

    @Test
    void batchesNotStartedWhenStopIsAskedAreDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(2);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Integer> written = new ArrayList<>();
        try (BatchPipeline pipeline = new BatchPipeline(2, "m", stop::get)) {
            pipeline.submit(() -> {
                started.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return 1;
            }, written::add);
            pipeline.submit(() -> {
                started.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return 2;
            }, written::add);
            // Both workers are busy: this one waits in the queue until stop is asked.
            pipeline.submit(() -> 3, written::add);
            assertTrue(started.await(30, TimeUnit.SECONDS));
            stop.set(true);
            release.countDown();
            pipeline.finish();
        }
        assertEquals(List.of(1, 2), written);
    }
}
