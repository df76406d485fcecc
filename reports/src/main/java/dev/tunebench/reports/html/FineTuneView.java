package dev.tunebench.reports.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.reports.Text;
import freemarker.core.TemplateHTMLOutputModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's fine-tune views from summary.json: the evaluation set's overlap (for the header), each training
 * job's hyperparameters and curves, and the fine-tune-versus-prompt economics. Absent blocks (older runs)
 * leave their views empty. Public only because FreeMarker reads components of public types alone.
 */
public record FineTuneView(boolean overlapChecked, List<OverlapLine> overlap, List<JobView> jobs, EconomicsView economics) {

    public record OverlapLine(String role, String file, long evalRows, long evalRowsExact, long exactPairs, long nearPairs) {
    }

    public record Pair(String name, String value) {
    }

    public record Mark(String model, String at, String validationLoss, String accuracy) {
    }

    public record JobView(String source, String files, String baseModel, String trainedTokens, List<Pair> hyperparameters,
                          TemplateHTMLOutputModel chart, String axis, List<Mark> marks) {
    }

    public record EconomicsRow(String cell, String metric, String promptTokensSaved, String p50Saved, String p95Saved,
                               String costPer1k, String fixedPerDay, String trainingCost, String breakEven) {
    }

    public record EconomicsView(String answer, String currency, int horizonDays, String bar, String metricName,
                                String reference, List<EconomicsRow> rows, TemplateHTMLOutputModel chart) {
    }

    static FineTuneView of(Path runDir) {
        JsonNode s;
        try {
            s = new ObjectMapper().readTree(runDir.resolve("summary.json").toFile());
        } catch (IOException e) {
            return new FineTuneView(false, List.of(), List.of(), null);
        }
        List<OverlapLine> overlap = new ArrayList<>();
        for (JsonNode w : s.path("data_overlap").path("with")) {
            overlap.add(new OverlapLine(Text.clean(w.path("role").asText()), Text.clean(w.path("file").asText()),
                    w.path("eval_rows").asLong(), w.path("eval_rows_exact").asLong(), w.path("exact_pairs").asLong(),
                    w.path("near_pairs").asLong()));
        }
        String technique = s.path("reference_technique").asText("");
        Map<String, Double> evaluated = new HashMap<>();
        for (JsonNode r : s.path("results")) {
            if (r.path("technique").asText().equals(technique) && r.path("metrics").path("accuracy").path("value").isNumber()) {
                evaluated.put(r.path("model").asText(), r.path("metrics").path("accuracy").path("value").asDouble());
            }
        }
        List<JobView> jobs = new ArrayList<>();
        for (JsonNode j : s.path("jobs")) {
            List<Pair> hyper = new ArrayList<>();
            j.path("hyperparameters").fields().forEachRemaining(e -> hyper.add(new Pair(Text.clean(e.getKey()),
                    Text.clean(e.getValue().asText()))));
            List<Mark> marks = new ArrayList<>();
            for (JsonNode m : j.path("checkpoints")) {
                Double acc = evaluated.get(m.path("model").asText());
                marks.add(new Mark(Text.clean(m.path("model").asText()), number(m.path("at"), "%.0f"),
                        number(m.path("validation_loss"), "%.4f"), acc == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * acc)));
            }
            String chart = JobChart.render(j, evaluated, Text.clean(technique));
            List<String> files = new ArrayList<>();
            j.path("files").forEach(f -> files.add(Path.of(f.asText()).getFileName().toString()));
            jobs.add(new JobView(Text.clean(j.path("source").asText()), Text.clean(String.join(", ", files)),
                    Text.clean(j.path("base_model").asText("–")), number(j.path("trained_tokens"), "%,.0f"), hyper,
                    chart == null ? null : Templates.markup(chart), j.path("axis").asText("step"), marks));
        }
        return new FineTuneView(s.has("data_overlap"), overlap, jobs, economics(s.path("economics")));
    }

    private static EconomicsView economics(JsonNode e) {
        if (!e.isObject()) {
            return null;
        }
        JsonNode bar = e.path("quality_bar");
        String metric = bar.isObject() ? bar.path("metric").asText() : "accuracy";
        String barText = bar.isObject() ? metric + " " + bar.path("op").asText() + " " + bar.path("threshold").asText()
                : "none (every cell counts)";
        String currency = Text.clean(e.path("currency").asText());
        JsonNode ref = e.path("reference");
        String reference = ref.isObject() ? Text.clean(ref.path("model").asText() + "/" + ref.path("technique").asText())
                + (ref.path("meets_bar").asBoolean() ? " (meets the bar)" : " (best baseline cell; does not meet the bar)")
                : "–";
        List<EconomicsRow> rows = new ArrayList<>();
        for (JsonNode c : e.path("cells")) {
            rows.add(new EconomicsRow(Text.clean(c.path("model").asText() + "/" + c.path("technique").asText()),
                    number(c.path(metric), "%.4f"), number(c.path("prompt_tokens_saved_per_request"), "%.1f"),
                    number(c.path("latency_ms_p50_saved"), "%.1f"), number(c.path("latency_ms_p95_saved"), "%.1f"),
                    number(c.path("cost_per_1k_requests"), "%.4f"), number(c.path("fixed_per_day"), "%.2f"),
                    number(c.path("training_cost"), "%.2f"),
                    c.path("break_even_requests_per_day").isNumber() ? number(c.path("break_even_requests_per_day"), "%,.0f") : "never"));
        }
        String chart = EconomicsChart.render(e);
        return new EconomicsView(Text.clean(e.path("answer").asText()), currency, e.path("horizon_days").asInt(),
                Text.clean(barText), Text.clean(metric), reference, rows, chart == null ? null : Templates.markup(chart));
    }

    private static String number(JsonNode n, String format) {
        return n.isNumber() ? String.format(Locale.ROOT, format, n.asDouble()) : "–";
    }
}
