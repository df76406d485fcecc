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
    /** In the token arrays: the sample failed; a count nobody made. */
    private static final int FAILED = Integer.MIN_VALUE;
    private static final int UNKNOWN = -1;
    static final int MISSING_ROWS_LISTED = 20;
    private byte[] accuracy = new byte[64];   // -1 = not declared
    private byte[] format = new byte[64];
    private int[] promptTokens = new int[64];
    private int[] completionTokens = new int[64];
    private float[] latencyMs = new float[64];
    private float[] ttftMs = new float[64];
    private float[] tpotMs = new float[64];
    /** From the completion cache: counted for quality and tokens, left out of latency and throughput. */
    private boolean[] cached = new boolean[64];
    int cachedCount;
    int errors;
    /** Samples the runner had no answer for (a replay file without their line), and the first of their row ids. */
    int missing;
    final java.util.List<String> missingRows = new java.util.ArrayList<>();
    /** Successful samples without a latency (replayed answers whose file has none). */
    int untimed;
    /** Samples the runner could not run as meant, and the first reason it gave. */
    int unsupported;
    String unsupportedReason;
    final Map<String, double[]> scoreSums = new TreeMap<>();  // name -> {sum, n}
    /** Per scorer, each sample's value by position (NaN when it has none), for figures with intervals. */
    private final Map<String, double[]> scoreValues = new TreeMap<>();
    /** Per corpus-level scorer, its metric id and each sample's counts by position (null when none). */
    private final Map<String, String> corpusMetrics = new TreeMap<>();
    private final Map<String, long[][]> corpusCounts = new TreeMap<>();
    /** Per judge scorer: unscored replies and its verdicts against the accuracy scorer's. */
    final Map<String, JudgeTally> judges = new TreeMap<>();
    final LocalTokenTally localTokens = new LocalTokenTally();
    final LabelMetrics.Accumulator labels = LabelMetrics.accumulator();
    boolean hasLabels;
    final CalibrationTally calibration = new CalibrationTally();
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
            if (s.error().startsWith(Sample.MISSING)) {
                missing++;
                if (missingRows.size() < MISSING_ROWS_LISTED) {
                    missingRows.add(s.rowId() + (s.repeat() > 0 ? " repeat " + s.repeat() : ""));
                }
            }
            promptTokens[size] = FAILED;
        } else {
            promptTokens[size] = count(s.promptTokens());
            completionTokens[size] = count(s.completionTokens());
            latencyMs[size] = time(s.latencyMs());
            ttftMs[size] = time(s.ttftMs());
            tpotMs[size] = time(s.tpotMs());
            if (s.latencyMs() == null) {
                untimed++;
            }
            cached[size] = s.fromCache();
            cachedCount += s.fromCache() ? 1 : 0;
        }
        s.scores().forEach((name, v) -> {
            double[] acc = scoreSums.computeIfAbsent(name, k -> new double[2]);
            acc[0] += v;
            acc[1]++;
            scoreValues.computeIfAbsent(name, k -> nanArray(keys.length))[size] = v;
        });
        if (s.corpusStats() != null) {
            s.corpusStats().forEach((name, c) -> {
                corpusMetrics.putIfAbsent(name, c.metric());
                corpusCounts.computeIfAbsent(name, k -> new long[keys.length][])[size] = c.counts();
            });
        }
        localTokens.add(s);
        if (s.judgeReplies() != null) {
            s.judgeReplies().forEach((name, reply) -> judges.computeIfAbsent(name, k -> new JudgeTally())
                    .add(s.scores().get(name), s.accuracy(), reply));
        }
        if (s.judgeCalls() != null) {
            s.judgeCalls().forEach((name, c) -> judges.computeIfAbsent(name, k -> new JudgeTally()).addCalls(c));
        }
        if (s.judgeAgreement() != null) {
            s.judgeAgreement().forEach((name, a) -> judges.computeIfAbsent(name, k -> new JudgeTally()).addAgreement(a));
        }
        if (s.labelExpected() != null) {
            hasLabels = true;
            labels.add(s.labelExpected(), s.labelPredicted());
        }
        calibration.add(s);
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
        return promptTokens[position] != FAILED;
    }

    /**
     * Values of a metric over the successful samples that have it (a replayed answer may lack counts or times);
     * for timed metrics, only those generated in this run.
     */
    double[] values(Metric metric) {
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ok(i) && !(metric.timed && cached[i]) && !Double.isNaN(value(metric, i))) {
                out[n++] = value(metric, i);
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Per successful sample with both counts, what 1,000 such requests cost: prices are per 1K tokens, so
     * that is tokens × price.
     */
    double[] costs(double promptPer1k, double completionPer1k) {
        return costs(promptPer1k, completionPer1k, true);
    }

    /** The cost of each answered sample this run sent: those from the completion cache cost nothing this time. */
    double[] paidCosts(double promptPer1k, double completionPer1k) {
        return costs(promptPer1k, completionPer1k, false);
    }

    private double[] costs(double promptPer1k, double completionPer1k, boolean withCached) {
        double[] out = new double[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            double p = value(Metric.PROMPT_TOKENS, i);
            double c = value(Metric.COMPLETION_TOKENS, i);
            if (ok(i) && (withCached || !cached[i]) && !Double.isNaN(p) && !Double.isNaN(c)) {
                out[n++] = p * promptPer1k + c * completionPer1k;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The sample's value of the metric; NaN when it was not counted or timed. */
    double value(Metric metric, int position) {
        return switch (metric) {
            case PROMPT_TOKENS -> tokens(promptTokens[position]);
            case COMPLETION_TOKENS -> tokens(completionTokens[position]);
            case TOTAL_TOKENS -> tokens(promptTokens[position]) + tokens(completionTokens[position]);
            case LATENCY -> latencyMs[position];
            case TTFT -> ttftMs[position];
            case TPOT -> tpotMs[position];
            case TIMED_COMPLETION_TOKENS -> completionTokens[position];
        };
    }

    /** A scorer's value for the sample at {@code position}; NaN when it has none. */
    double score(String scorer, int position) {
        double[] values = scoreValues.get(scorer);
        return values == null ? Double.NaN : values[position];
    }

    /** The corpus metric id a scorer's counts are for, or null when the cell has no counts for it. */
    String corpusMetric(String scorer) {
        return corpusMetrics.get(scorer);
    }

    /** A corpus-level scorer's counts for the sample at {@code position}; null when it has none. */
    long[] corpusCounts(String scorer, int position) {
        long[][] counts = corpusCounts.get(scorer);
        return counts == null ? null : counts[position];
    }

    /**
     * Per-sample continuous metrics kept for each cell. Timed ones skip cached samples, whose timings are an
     * earlier request's; {@code TIMED_COMPLETION_TOKENS} are the completion tokens of the timed samples (throughput).
     */
    enum Metric {
        PROMPT_TOKENS(false), COMPLETION_TOKENS(false), TOTAL_TOKENS(false), LATENCY(true), TTFT(true), TPOT(true),
        TIMED_COMPLETION_TOKENS(true);

        final boolean timed;

        Metric(boolean timed) {
            this.timed = timed;
        }
    }

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
        cached = Arrays.copyOf(cached, n);
        scoreValues.replaceAll((name, values) -> {
            double[] grown = nanArray(n);
            System.arraycopy(values, 0, grown, 0, values.length);
            return grown;
        });
        corpusCounts.replaceAll((name, counts) -> Arrays.copyOf(counts, n));
    }

    private static double[] nanArray(int length) {
        double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static int count(Integer v) {
        return v == null ? UNKNOWN : v;
    }

    private static double tokens(int v) {
        return v == UNKNOWN ? Double.NaN : v;
    }

    private static float time(Double v) {
        return v == null ? Float.NaN : v.floatValue();
    }
}
