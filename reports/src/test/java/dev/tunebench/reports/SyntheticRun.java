package dev.tunebench.reports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run folder following docs/results-format.md: a baseline and fine-tuned checkpoints, several
 * techniques, paired comparisons, a checkpoint curve with overfitting, label confusion matrices, perf and
 * gates. {@code inject} is appended to every piece of untrusted text (ids, names, prompts, outputs).
 */
public final class SyntheticRun {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CLASSES = List.of("refund", "billing", "cancel");

    private final List<String> models;
    private final List<String> techniques;
    private final int rows;
    private final String inject;
    private boolean gates = true;
    private boolean optional = true;
    private double shift;

    public SyntheticRun(int rows, String inject) {
        this.inject = inject;
        this.rows = rows;
        this.models = List.of("base" + inject, "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3" + inject);
        this.techniques = List.of("as-is", "structured" + inject);
    }

    public SyntheticRun withoutGates() {
        gates = false;
        return this;
    }

    /** Only the required fields: no comparisons, checkpoints, labels, perf, gates or manifest details. */
    public SyntheticRun minimal() {
        optional = false;
        gates = false;
        return this;
    }

    /** Moves every accuracy by about {@code delta}, row by row: "tonight" against "last night". */
    public SyntheticRun shifted(double delta) {
        shift = delta;
        return this;
    }

    public String baseline() {
        return models.get(0);
    }

    public List<String> models() {
        return models;
    }

    public List<String> techniques() {
        return techniques;
    }

    boolean correct(int row, int model, int technique) {
        long p = 30 + 15 * model + 5 * technique + Math.round(100 * shift);
        return Math.floorMod((row * 31 + model * 17 + technique * 7) * 2654435761L, 100) < p;
    }

    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            writeSamples(dir.resolve("samples.jsonl"));
            JSON.writeValue(dir.resolve("manifest.json").toFile(), manifest());
            JSON.writeValue(dir.resolve("summary.json").toFile(), summary());
            if (gates) {
                JSON.writeValue(dir.resolve("gate.json").toFile(), gate());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSamples(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int m = 0; m < models.size(); m++) {
                for (int t = 0; t < techniques.size(); t++) {
                    for (int r = 0; r < rows; r++) {
                        boolean ok = correct(r, m, t);
                        String expected = CLASSES.get(r % 3);
                        String predicted = ok ? expected : CLASSES.get((r + 1) % 3);
                        ObjectNode s = JSON.createObjectNode().put("model", models.get(m))
                                .put("technique", techniques.get(t)).put("row", r).put("row_id", "test.jsonl:" + (r + 1))
                                .put("repeat", 0)
                                .put("prompt", "<|im_start|>user\nClassify ticket " + r + inject + "<|im_end|>")
                                .put("completion", predicted + inject).put("answer", predicted + inject)
                                .put("expected", expected + inject).put("accuracy", ok ? 1.0 : 0.0)
                                .put("format_adherence", 1.0).put("label_expected", expected)
                                .put("label_predicted", predicted).put("prompt_tokens", 40 + t * 20)
                                .put("completion_tokens", 4).put("finish_reason", "eos").put("ttft_ms", 1.5)
                                .put("latency_ms", 2.0 + m).put("tpot_ms", 0.1);
                        s.putNull("error");
                        w.write(JSON.writeValueAsString(s));
                        w.newLine();
                    }
                }
            }
        }
    }

    private ObjectNode manifest() {
        ObjectNode m = JSON.createObjectNode().put("schema_version", 1).put("tunebench_version", "0.1.0-SNAPSHOT")
                .put("command_line", "tunebench run suites/demo/triage.yaml" + inject)
                .put("started_at", "2026-11-28T16:00:00Z").put("ended_at", "2026-11-28T16:01:10Z").put("complete", true);
        if (!optional) {
            return m;
        }
        m.putObject("suite").put("name", "triage" + inject).put("file", "suites/demo/triage.yaml").put("sha256", "ab".repeat(32));
        m.putArray("data").addObject().put("role", "eval").put("file", "data/test.jsonl").put("sha256", String.format("%064x", rows))
                .put("rows", rows);
        ArrayNode ms = m.putArray("models");
        for (String id : models) {
            ms.addObject().put("id", id).put("role", id.equals(baseline()) ? "baseline" : "candidate")
                    .put("folder", "models/" + id).putObject("files").put("model.onnx", "ef".repeat(32));
        }
        ObjectNode runner = m.putObject("runner").put("id", "onnx").put("device", "cpu").put("threads", 1);
        runner.putObject("versions").put("onnxruntime", "1.28.0");
        m.putObject("settings").put("batch_size", 8).putObject("seeds").put("bootstrap", 1234);
        m.putObject("machine").put("java", "17.0.15").put("os", "Linux 6.1 amd64").put("cpus", 2);
        return m;
    }

    private ObjectNode summary() {
        ObjectNode s = JSON.createObjectNode().put("schema_version", 1).put("suite", "triage" + inject)
                .put("complete", true).put("baseline", baseline()).put("reference_technique", "as-is").put("currency", "USD");
        ArrayNode results = s.putArray("results");
        ArrayNode comparisons = s.putArray("comparisons");
        for (int m = 0; m < models.size(); m++) {
            for (int t = 0; t < techniques.size(); t++) {
                results.add(result(m, t));
                if (optional && m > 0) {
                    comparisons.add(comparison(0, t, m, t, "candidate-vs-baseline"));
                }
                if (optional && t > 0) {
                    comparisons.add(comparison(m, 0, m, t, "technique-vs-reference"));
                }
            }
        }
        if (optional) {
            checkpoints(s);
            ArrayNode perf = s.putArray("perf");
            for (String model : models) {
                perf.addObject().put("model", model).put("scenario", "single-stream").put("latency_ms_p50", 2.0)
                        .put("latency_ms_p90", 2.5).put("latency_ms_p95", 2.8).put("latency_ms_p99", 3.5)
                        .put("ttft_ms_p50", 1.2).put("output_tokens_per_s", 1800.0);
            }
        }
        return s;
    }

    private double accuracy(int m, int t) {
        int right = 0;
        for (int r = 0; r < rows; r++) {
            right += correct(r, m, t) ? 1 : 0;
        }
        return (double) right / rows;
    }

    private ObjectNode result(int m, int t) {
        ObjectNode r = JSON.createObjectNode().put("model", models.get(m)).put("technique", techniques.get(t))
                .put("n", rows).put("errors", 0);
        ObjectNode metrics = r.putObject("metrics");
        double acc = accuracy(m, t);
        metric(metrics, "accuracy", acc, 0.05, "wilson");
        metric(metrics, "format_adherence", 1.0, 0.01, "wilson");
        metric(metrics, "prompt_tokens_mean", 40 + t * 20, 0.5, "bootstrap-percentile");
        metric(metrics, "completion_tokens_mean", 4, 0.1, "bootstrap-percentile");
        metric(metrics, "total_tokens_mean", 44 + t * 20, 0.5, "bootstrap-percentile");
        metric(metrics, "cost_per_1k_requests", 0.01 * (44 + t * 20) * (m == 0 ? 2 : 1), 0.001, "bootstrap-percentile");
        metric(metrics, "latency_ms_p50", 2.0 + m, 0.1, "bootstrap-percentile");
        metric(metrics, "latency_ms_p95", 2.5 + m, 0.2, "bootstrap-percentile");
        metric(metrics, "latency_ms_p99", 3.0 + m, 0.3, "bootstrap-percentile");
        metrics.putObject("output_tokens_per_s").put("value", 2000.0 - 100 * m).put("method", "ratio").put("n", rows);
        if (optional) {
            ObjectNode labels = r.putObject("labels");
            ArrayNode classes = labels.putArray("classes");
            CLASSES.forEach(c -> classes.add(c + inject));
            ArrayNode confusion = labels.putArray("confusion");
            for (int i = 0; i < 3; i++) {
                ArrayNode row = confusion.addArray();
                for (int j = 0; j < 3; j++) {
                    row.add(i == j ? 10 + m : j == (i + 1) % 3 ? 3 : 0);
                }
            }
            labels.putObject("per_class").putObject("refund" + inject).put("precision", 0.9).put("recall", 0.8)
                    .put("f1", 0.85).put("support", 13);
            labels.put("macro_f1", 0.79).put("unparsed", 1);
        }
        return r;
    }

    private static void metric(ObjectNode metrics, String name, double value, double half, String method) {
        metrics.putObject(name).put("value", value).put("ci_low", value - half).put("ci_high", value + half)
                .put("method", method).put("n", 1);
    }

    private ObjectNode comparison(int ma, int ta, int mb, int tb, String kind) {
        double diff = accuracy(mb, tb) - accuracy(ma, ta);
        ObjectNode c = JSON.createObjectNode().put("kind", kind).put("metric", "accuracy");
        c.putObject("a").put("model", models.get(ma)).put("technique", techniques.get(ta));
        c.putObject("b").put("model", models.get(mb)).put("technique", techniques.get(tb));
        return c.put("value_a", accuracy(ma, ta)).put("value_b", accuracy(mb, tb)).put("difference", diff)
                .put("ci_low", diff - 0.05).put("ci_high", diff + 0.05).put("p_value", 0.001).put("p_adjusted", 0.01)
                .put("n", rows).put("verdict", diff > 0.05 ? "better" : diff < -0.05 ? "worse" : "no significant difference");
    }

    private void checkpoints(ObjectNode s) {
        ArrayNode cps = s.putArray("checkpoints");
        double[] loss = {0.768, 0.65, 0.70};
        for (int e = 1; e <= 3; e++) {
            ObjectNode c = cps.addObject().put("model", models.get(e)).put("epoch", e).put("validation_loss", loss[e - 1])
                    .put("train_loss", 1.5 - 0.3 * e);
            c.putNull("step");
            ObjectNode metrics = c.putObject("metrics");
            for (int t = 0; t < techniques.size(); t++) {
                metrics.putObject(techniques.get(t)).put("accuracy", accuracy(e, t)).put("format_adherence", 1.0);
            }
        }
        s.putObject("best_checkpoint").put("model", models.get(2)).put("criterion", "validation_loss").put("value", 0.65);
        s.putObject("overfitting").put("detected", true).put("from_model", models.get(3)).put("patience", 1)
                .put("reason", "validation loss rose after " + models.get(2) + inject);
    }

    private ObjectNode gate() {
        ObjectNode g = JSON.createObjectNode().put("decision", "no-go");
        ArrayNode gs = g.putArray("gates");
        gs.addObject().put("rule", "accuracy >= 0.5" + inject).put("model", models.get(2)).put("technique", "as-is")
                .put("metric", "accuracy").put("value", 0.6).put("ci_low", 0.55).put("ci_high", 0.65)
                .put("outcome", "pass").put("reason", "0.6 >= 0.5");
        gs.addObject().put("rule", "latency_ms_p95 <= 2").put("model", models.get(3)).put("technique", "as-is")
                .put("metric", "latency_ms_p95").put("value", 5.5).put("outcome", "fail")
                .put("reason", "5.5 > 2" + inject);
        gs.addObject().put("rule", "accuracy not worse than baseline by 0.02").put("model", models.get(1))
                .put("technique", "as-is").put("metric", "accuracy").put("value", 0.01).put("outcome", "inconclusive")
                .put("reason", "interval crosses the margin");
        return g;
    }
}
