package dev.tunebench.reports.html;

import dev.tunebench.reports.Matrix;
import dev.tunebench.reports.RunFolder;
import dev.tunebench.reports.ScoreTable;
import dev.tunebench.reports.compare.RunComparison;
import dev.tunebench.spi.ReportWriter;
import freemarker.template.TemplateException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/** report.html: one self-contained file (inline CSS and SVG, no external resource) from report.ftlh. */
public final class HtmlReportWriter implements ReportWriter {
    private final int explorerCap;

    public HtmlReportWriter() {
        this(Explorer.DEFAULT_CAP);
    }

    /** {@code explorerCap}: the most sample-explorer rows the report holds. */
    public HtmlReportWriter(int explorerCap) {
        this.explorerCap = explorerCap;
    }

    @Override
    public String id() {
        return "html";
    }

    @Override
    public String fileName() {
        return "report.html";
    }

    @Override
    public void write(Path runDir, Path out) throws IOException {
        write(runDir, null, out);
    }

    /** With {@code compareDir} non-null, the report also compares this run with that one, paired on their rows. */
    public void write(Path runDir, Path compareDir, Path out) throws IOException {
        RunFolder run = RunFolder.open(runDir);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "tunebench · " + run.summary().suite());
        model.put("header", HeaderView.of(run));
        model.put("summary", run.summary());
        model.put("gates", run.gates());
        RunComparison comparison = null;
        RunFolder other = null;
        if (compareDir != null) {
            other = RunFolder.open(compareDir);
            String label = compareDir.getFileName() == null ? "other run" : compareDir.getFileName().toString();
            comparison = RunComparison.between(run, other, label);
            model.put("compareLabel", label);
            model.put("compareHeader", HeaderView.of(other));
            model.put("comparison", comparison);
            model.put("servedChanges", servedChanges(run, other, label));
        }
        FirstScreen first = FirstScreen.of(run, comparison, other == null ? null : other.summary(),
                comparison == null ? blessed(run) : null);
        model.put("first", first);
        model.put("heatmap", Heatmap.of(run.summary(), first.pick() == null ? null
                : new dev.tunebench.reports.CellKey(first.pick().model(), first.pick().technique())));
        model.put("matrix", Matrix.of(run.summary()));
        model.put("scores", ScoreTable.of(run.summary()));
        model.put("checkpointChart", Templates.markup(CheckpointChart.render(run.summary())));
        ParetoChart.Pareto pareto = ParetoChart.render(run.summary());
        if (pareto != null) {
            model.put("pareto", pareto);
            model.put("paretoChart", Templates.markup(pareto.svg()));
        }
        model.put("latencyCharts", LatencyCharts.render(run.summary()).stream()
                .map(c -> Map.of("title", c.title(), "svg", Templates.markup(c.svg()))).toList());
        model.put("trend", TrendChart.of(runDir));
        model.put("confusions", ConfusionView.of(run.summary()));
        model.put("reliability", ReliabilityDiagram.of(runDir));
        model.put("finetune", FineTuneView.of(runDir));
        Explorer.View explorer = new Explorer(run, explorerCap).build();
        model.put("explorer", explorer);
        model.put("explorerData", Templates.markup(explorer.json()));
        render(model, out);
    }

    /** Served models whose endpoint, name or reported model/fingerprint differ between the two runs. */
    private static java.util.List<String> servedChanges(RunFolder run, RunFolder other, String label) {
        if (run.manifest() == null || other.manifest() == null) {
            return java.util.List.of();
        }
        try {
            return dev.tunebench.results.ServedChanges.between(
                    dev.tunebench.results.Json.MAPPER.treeToValue(run.manifest(), dev.tunebench.results.RunManifest.class),
                    dev.tunebench.results.Json.MAPPER.treeToValue(other.manifest(), dev.tunebench.results.RunManifest.class), label);
        } catch (java.io.IOException | IllegalArgumentException unreadable) {
            return java.util.List.of();
        }
    }

    /**
     * The blessed baseline gate.json compared with, when its file is still where the gate read it (the path
     * is as given to {@code gate --baseline}); else null, and the first screen shows no blessed deltas.
     */
    private static dev.tunebench.gate.Baseline blessed(RunFolder run) {
        if (run.gates() == null || run.gates().baselineFile() == null) {
            return null;
        }
        java.nio.file.Path file = java.nio.file.Path.of(run.gates().baselineFile());
        try {
            return Files.isRegularFile(file) ? dev.tunebench.gate.BaselineFile.read(file) : null;
        } catch (dev.tunebench.spi.InputException unreadable) {
            return null;
        }
    }

    /** Renders to a temporary file first, so a failed render never leaves half a report behind. */
    private static void render(Map<String, Object> model, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                Templates.get("report.ftlh").process(model, w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (TemplateException e) {
            throw new IllegalStateException("report template failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
