package dev.tunebench.cli.serve;

import dev.tunebench.spi.Generation;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerFactories;
import dev.tunebench.spi.RunnerInfo;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.spi.TeacherForcedScore;
import dev.tunebench.spi.TokenListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batching on the real demo model: the runner is wrapped only to hold the first call until the test has
 * queued the rest, and to record the size of each call.
 */
@Timeout(120)
class BatchWorkerTest {
    private static Runner real;

    @BeforeAll
    static void open() {
        Path model = Path.of(System.getProperty("tunebench.root", "..")).resolve("suites/demo/models/ckpt-epoch-4");
        real = RunnerFactories.find("onnx").open(model, new RunnerSettings("cpu", 1, 8));
    }

    @AfterAll
    static void close() {
        real.close();
    }

    private static Job job(String user, GenerationSettings settings) {
        Prompt prompt = Prompt.of(List.of(Message.system("You are a support triage assistant."), Message.user(user)));
        return new Job(new ChatRequest("m", prompt, settings, false, false));
    }

    private static Job.Event last(Job job) throws InterruptedException {
        for (Job.Event e = job.next(); ; e = job.next()) {
            if (!(e instanceof Job.Text)) {
                return e;
            }
        }
    }

    @Test
    void waitingRequestsWithEqualSettingsShareABatchAndGetTheirOwnAnswers() throws Exception {
        HeldRunner held = new HeldRunner();
        GenerationSettings eight = GenerationSettings.greedy(8);
        List<String> users = List.of("my parcel has not arrived", "I want my money back", "cannot log in to my account",
                "the wifi keeps dropping", "why was I charged twice", "cancel my subscription");
        // Computed before the worker starts: the runner is not thread-safe.
        List<Generation> alone = new ArrayList<>();
        for (String user : users) {
            alone.add(real.generate(List.of(job(user, eight).request.prompt()), eight).get(0));
        }
        List<Job> jobs = new ArrayList<>();
        try (BatchWorker worker = new BatchWorker("t", held, 4, 16)) {
            jobs.add(job(users.get(0), eight));
            assertTrue(worker.offer(jobs.get(0)));
            held.started.await();
            for (String user : users.subList(1, users.size())) {
                jobs.add(job(user, eight));
            }
            jobs.add(job("refund please ".repeat(400), eight));
            jobs.add(job(users.get(0), GenerationSettings.greedy(5)));
            for (Job j : jobs.subList(1, jobs.size())) {
                assertTrue(worker.offer(j));
            }
            held.release.countDown();
            for (int i = 0; i < users.size(); i++) {
                Job.Done done = assertInstanceOf(Job.Done.class, last(jobs.get(i)), "job " + i);
                assertEquals(alone.get(i).text(), done.generation().text(), "job " + i);
            }
            Job.Failed tooLong = assertInstanceOf(Job.Failed.class, last(jobs.get(users.size())));
            assertEquals(400, tooLong.error().status);
            assertInstanceOf(Job.Done.class, last(jobs.get(jobs.size() - 1)));
        }
        // The held one; four with equal settings; the fifth with the too-long one (refused, so both rerun
        // alone); the one with other settings.
        assertEquals(List.of(1, 4, 2, 1, 1, 1), held.sizes);
    }

    @Test
    void admitsAtMostOneBatchPlusTheQueue() throws Exception {
        HeldRunner held = new HeldRunner();
        try (BatchWorker worker = new BatchWorker("t", held, 1, 1)) {
            assertTrue(worker.offer(job("a", GenerationSettings.greedy(4))));
            held.started.await();
            assertTrue(worker.offer(job("b", GenerationSettings.greedy(4))), "one may wait");
            assertFalse(worker.offer(job("c", GenerationSettings.greedy(4))), "the second waiting one is refused");
            held.release.countDown();
        }
    }

    /** The real runner, with its first generate call held until released. */
    private static final class HeldRunner implements Runner {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings, TokenListener listener) {
            sizes.add(prompts.size());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return real.generate(prompts, settings, listener);
        }

        @Override
        public List<Generation> generate(List<Prompt> prompts, GenerationSettings settings) {
            return real.generate(prompts, settings);
        }

        @Override
        public RunnerInfo info() {
            return real.info();
        }

        @Override
        public String render(Prompt prompt) {
            return real.render(prompt);
        }

        @Override
        public int countPromptTokens(Prompt prompt) {
            return real.countPromptTokens(prompt);
        }

        @Override
        public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
            return real.generateFromIds(promptIds, settings);
        }

        @Override
        public List<TeacherForcedScore> score(List<List<Message>> conversations) {
            return real.score(conversations);
        }

        @Override
        public void close() {
        }
    }
}
