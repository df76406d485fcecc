package dev.tunebench.benchmarks;

import ai.onnxruntime.OrtException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The two ratios the issues set targets on, measured A/B interleaved: on a shared, busy machine the
 * load drifts within seconds, so JMH's back-to-back runs of each side can differ by more than the
 * effect. Each round runs side A then side B (order alternating) for a fixed time each, and the ratio of
 * their tokens/s is taken per round; the median over rounds is reported with its quartiles. Rates are
 * per second of wall time and per second of this thread's CPU time: with one intra-op thread ONNX
 * Runtime computes on the calling thread, so the CPU-time ratio is what other processes on the machine
 * disturb least. Arguments: {@code [rounds [threads]]} (default 30 rounds, 1 intra-op thread for the
 * batch ratio; with 2 threads on 2 cores read the wall-time ratio, since ORT then also computes on a
 * thread of its own that the calling thread's CPU time does not see).
 */
public final class RatioCheck {
    private static final long BLOCK_NANOS = 400_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RatioCheck() {
    }

    public static void main(String[] args) throws OrtException, IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (String scenario : new String[]{"long", "triage"}) {
            DecodeLoopBenchmark b = new DecodeLoopBenchmark();
            b.scenario = scenario;
            b.setUp();
            try {
                compare("decode " + scenario + ": tunebench / raw ORT loop (target >= 0.95)", rounds,
                        c -> b.tunebench(c).completionTokens(), c -> rawTokens(b, c));
            } finally {
                b.tearDown();
            }
        }
        for (int newTokens : new int[]{32, 128}) {
            BatchBenchmark one = batch(1, newTokens, threads);
            BatchBenchmark eight = batch(8, newTokens, threads);
            try {
                compare("batch 8 / batch 1, " + newTokens + " new tokens, " + threads + " intra-op thread(s) (target >= 3)", rounds,
                        c -> tokens(eight, c), c -> tokens(one, c));
            } finally {
                one.tearDown();
                eight.tearDown();
            }
        }
    }

    private static long rawTokens(DecodeLoopBenchmark b, TokenCounter c) {
        try {
            return b.raw(c).length;
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BatchBenchmark batch(int size, int newTokens, int threads) {
        BatchBenchmark b = new BatchBenchmark();
        b.batch = size;
        b.newTokens = newTokens;
        b.threads = threads;
        b.setUp();
        return b;
    }

    private static long tokens(BatchBenchmark b, TokenCounter c) {
        return b.generate(c).stream().mapToLong(g -> g.completionTokens()).sum();
    }

    private static void compare(String title, int rounds, ToLongFunction<TokenCounter> a, ToLongFunction<TokenCounter> b) {
        TokenCounter counter = new TokenCounter();
        double[][] warmUp = new double[2][1];
        rate(a, counter, warmUp, 0);
        rate(b, counter, warmUp, 0);
        double[][] rateA = new double[2][rounds];
        double[][] rateB = new double[2][rounds];
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                rate(a, counter, rateA, r);
                rate(b, counter, rateB, r);
            } else {
                rate(b, counter, rateB, r);
                rate(a, counter, rateA, r);
            }
        }
        System.out.println(title + ", " + rounds + " rounds");
        for (int clock = 0; clock < 2; clock++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = rateA[clock][r] / rateB[clock][r];
            }
            System.out.printf("  %s time: median ratio %.3f (quartiles %.3f-%.3f); median tokens/s %.0f vs %.0f%n",
                    clock == 0 ? "wall" : "cpu ", quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75),
                    quantile(rateA[clock], 0.5), quantile(rateB[clock], 0.5));
        }
    }

    /** Tokens/s of one side over one block, per wall second into {@code rates[0]} and per CPU second into {@code rates[1]}. */
    private static void rate(ToLongFunction<TokenCounter> side, TokenCounter counter, double[][] rates, int round) {
        long tokens = 0;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long elapsed;
        do {
            tokens += side.applyAsLong(counter);
            elapsed = System.nanoTime() - start;
        } while (elapsed < BLOCK_NANOS);
        rates[0][round] = tokens / (elapsed / 1e9);
        rates[1][round] = tokens / ((CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }
}
