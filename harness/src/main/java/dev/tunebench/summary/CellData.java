package dev.tunebench.summary;

import dev.tunebench.results.Sample;
import dev.tunebench.scoring.LabelMetrics;
import dev.tunebench.spi.InputException;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-sample figures of one model × technique, compact (a few bytes a sample) so summaries of
 * 100,000-row runs fit in a small heap. Samples are addressed by (row, repeat) for paired tests.
 */
final class CellData {
    final String model;
    final String technique;
    private int size;
    private long[] keys = new long[64];
    private byte[] accuracy = new byte[64];   // -1 = not declared
    private byte[] format = new byte[64];
    private int[] promptTokens = new int[64];
    private int[] completionTokens = new int[64];
    private float[] latencyMs = new float[64];
    private float[] ttftMs = new float[64];
    private float[] tpotMs = new float[64];
    int errors;
    /** Samples the runner could not run as meant, and the first reason it gave. */
    int unsupported;
    String unsupportedReason;
    final Map<String, double[]> scoreSums = new TreeMap<>();  // name -> {sum, n}
    /** Per judge scorer: unscored replies and its verdicts against the accuracy scorer's. */
    final Map<String, JudgeTally> judges = new TreeMap<>();
    final LocalTokenTally localTokens = new LocalTokenTally();
    final LabelMetrics.Accumulator labels = LabelMetrics.accumulator();
    boolean hasLabels;
    /** Positions ordered by key, built on first lookup; null while samples are still being added. */
    private int[] byKey;

    CellData(String model, String technique) {
        this.model = model;
        this.technique = technique;
    }

    void add(Sample s) {
        long key = ((long) s.row() << 16) | (s.repeat() & 0xffff);
        grow();
        byKey = null;
        keys[size] = key;
        // An error sample has no answer to grade: it counts in the error rate, never as a miss.
        boolean answered = s.error() == null;
        accuracy[size] = s.accuracy() == null || !answered ? -1 : (byte) (s.accuracy() >= 1.0 ? 1 : 0);
        format[size] = s.formatAdherence() == null || !answered ? -1 : (byte) (s.formatAdherence() >= 1.0 ? 1 : 0);
        if (s.error() != null) {
            errors++;
            if (s.error().startsWith(Sample.UNSUPPORTED)) {
                unsupported++;
                if (unsupportedReason == null) {
                    unsupportedReason = s.error().substring(Sample.UNSUPPORTED.length());
                }
            }
            promptTokens[size] = -1;
        } else {
            promptTokens[size] = nz(s.promptTokens());
            completionTokens[size] = nz(s.completionTokens());
            latencyMs[size] = (float) nzd(s.latencyMs());
            ttftMs[size] = (float) nzd(s.ttftMs());
            tpotMs[size] = (float) nzd(s.tpotMs());
        }
        s.scores().forEach((name, v) -> {
            double[] acc = scoreSums.computeIfAbsent(name, k -> new double[2]);
            acc[0] += v;
            acc[1]++;
        });
        localTokens.add(s);
        if (s.judgeReplies() != null) {
            s.judgeReplies().forEach((name, reply) -> judges.computeIfAbsent(name, k -> new JudgeTally())
                    .add(s.scores().get(name), s.accuracy(), reply));
        }
        if (s.judgeAgreement() != null) {
            s.judgeAgreement().forEach((name, a) -> judges.computeIfAbsent(name, k -> new JudgeTally()).addAgreement(a));
        }
        if (s.labelExpected() != null) {
            hasLabels = true;
            labels.add(s.labelExpected(), s.labelPredicted());
        }
        size++;
    }

    int size() {
        return size;
    }

    /** Position of the sample for (row, repeat), or -1. */
    int positionOf(long key) {
        if (byKey == null) {
            byKey = sortedPositions();
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[byKey[mid]];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return byKey[mid];
            }
        }
        return -1;
    }

    /**
     * Positions sorted by key (samples usually arrive in row order, so this is mostly a check). A key
     * seen twice means the folder holds a sample twice — overlapping shards or a hand-joined file.
     */
    private int[] sortedPositions() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
            if (i > 0 && keys[out[i]] == keys[out[i - 1]]) {
                throw new InputException("samples.jsonl holds " + model + " / " + technique + " row "
                        + (keys[out[i]] >>> 16) + " repeat " + (keys[out[i]] & 0xffff) + " twice. Remove the "
                        + "duplicate line (shards must not overlap).");
            }
        }
        return out;
    }

    long key(int position) {
        return keys[position];
    }

    int accuracy(int position) {
        return accuracy[position];
    }

    int format(int position) {
        return format[position];
    }

    boolean ok(int position) {
        return promptTokens[position] >= 0;
    }

    /** Values of a metric over the successful samples. */
    double[] values(Metric metric) {
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ok(i)) {
                out[n++] = value(metric, i);
            }
        }
        return Arrays.copyOf(out, n);
    }

    double value(Metric metric, int position) {
        return switch (metric) {
            case PROMPT_TOKENS -> promptTokens[position];
            case COMPLETION_TOKENS -> completionTokens[position];
            case TOTAL_TOKENS -> promptTokens[position] + completionTokens[position];
            case LATENCY -> latencyMs[position];
            case TTFT -> ttftMs[position];
            case TPOT -> tpotMs[position];
        };
    }

    /** Per-sample continuous metrics kept for each cell. */
    enum Metric { PROMPT_TOKENS, COMPLETION_TOKENS, TOTAL_TOKENS, LATENCY, TTFT, TPOT }

    private void grow() {
        if (size < keys.length) {
            return;
        }
        int n = keys.length * 2;
        keys = Arrays.copyOf(keys, n);
        accuracy = Arrays.copyOf(accuracy, n);
        format = Arrays.copyOf(format, n);
        promptTokens = Arrays.copyOf(promptTokens, n);
        completionTokens = Arrays.copyOf(completionTokens, n);
        latencyMs = Arrays.copyOf(latencyMs, n);
        ttftMs = Arrays.copyOf(ttftMs, n);
        tpotMs = Arrays.copyOf(tpotMs, n);
    }

    private static int nz(Integer v) {
        return v == null ? 0 : v;
    }

    private static double nzd(Double v) {
        return v == null ? 0 : v;
    }
}
