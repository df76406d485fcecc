package dev.tunebench.finetune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.data.DataSource;
import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.datacheck.Example;
import dev.tunebench.datacheck.Overlap;
import dev.tunebench.results.Json;
import dev.tunebench.suite.CostTable;
import dev.tunebench.suite.ModelRole;
import dev.tunebench.suite.ModelSpec;
import dev.tunebench.suite.Suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * finetune.json in a run folder, written when the run starts: the evaluation set's overlap with the few-shot
 * pool and {@code data.train}, the training jobs behind the models, and the inputs of the economics (prices,
 * trained tokens, horizon, quality bar). summary.json is built from it, so a run folder stays self-contained.
 */
public final class FineTuneFile {
    public static final String FILE_NAME = "finetune.json";
    /** Pairs beyond this many per file are counted in summary.json, not listed. */
    static final int LISTED_PAIRS = 100;

    private FineTuneFile() {
    }

    public static void write(Path runDir, Suite suite, List<ModelSpec> models) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("data_overlap", overlap(suite));
        root.set("jobs", jobs(models));
        root.set("economics_inputs", economics(suite.cost(), models));
        try {
            Json.PRETTY.writeValue(runDir.resolve(FILE_NAME).toFile(), root);
        } catch (IOException e) {
            throw dev.tunebench.results.WriteFailed.of(runDir.resolve(FILE_NAME), e);
        }
    }

    private static ObjectNode overlap(Suite suite) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("threshold", Overlap.THRESHOLD);
        out.put("method", "exact: same text after lower-casing and collapsing whitespace; near: Jaccard similarity of "
                + "word 3-grams >= " + Overlap.THRESHOLD + " (MinHash candidates, exact similarity)");
        ArrayNode with = out.putArray("with");
        List<Example> eval = examples(suite.eval());
        Map<String, DataSource> others = new LinkedHashMap<>();
        suite.fewShotPool().ifPresent(d -> others.put("few_shot_pool", d));
        suite.train().ifPresent(d -> others.put("train", d));
        for (Map.Entry<String, DataSource> e : others.entrySet()) {
            List<Overlap.Pair> pairs = Overlap.between(eval, examples(e.getValue()));
            ObjectNode o = with.addObject();
            o.put("role", e.getKey());
            o.put("file", e.getValue().file().getFileName().toString());
            o.put("exact_pairs", pairs.stream().filter(Overlap.Pair::exact).count());
            o.put("near_pairs", pairs.stream().filter(p -> !p.exact()).count());
            o.put("eval_rows_exact", Overlap.linesInvolved(pairs.stream().filter(Overlap.Pair::exact).toList()));
            o.put("eval_rows", Overlap.linesInvolved(pairs));
            ArrayNode listed = o.putArray("pairs");
            pairs.stream().limit(LISTED_PAIRS).forEach(p -> listed.addObject().put("eval_line", p.line())
                    .put("other_line", p.otherLine()).put("kind", p.exact() ? "exact" : "near")
                    .put("similarity", p.similarity()));
        }
        return out;
    }

    /** Rows of any data format as examples; the line is the one in the row id ({@code file:line}). */
    private static List<Example> examples(DataSource source) {
        List<Example> out = new ArrayList<>();
        try (Stream<Row> rows = DatasetReader.open(source)) {
            rows.forEach(r -> out.add(new Example(Integer.parseInt(r.rowId().substring(r.rowId().lastIndexOf(':') + 1)),
                    r.conversation(), r.input().stream().filter(m -> m.role() != dev.tunebench.spi.Role.SYSTEM
                    && m.content() != null).map(dev.tunebench.spi.Message::content)
                    .collect(java.util.stream.Collectors.joining("\n")), r.expected())));
        }
        return out;
    }

    private static ArrayNode jobs(List<ModelSpec> models) {
        // Models that share a job (one glob entry with job:, or checkpoints whose trainer_state.json record the same
        // hyperparameters) are one job with several checkpoints on its curve.
        Map<TrainingJob, List<ModelSpec>> hosted = new IdentityHashMap<>();
        Map<Map<String, Object>, List<Map.Entry<ModelSpec, TrainingJob>>> local = new LinkedHashMap<>();
        for (ModelSpec m : models) {
            if (m.job() != null) {
                hosted.computeIfAbsent(m.job(), j -> new ArrayList<>()).add(m);
            } else if (m.folder().isPresent() && m.role() == ModelRole.CANDIDATE) {
                TrainerStateJob.read(m.folder().get()).ifPresent(j -> local.computeIfAbsent(j.hyperparameters(),
                        h -> new ArrayList<>()).add(Map.entry(m, j)));
            }
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        hosted.forEach((job, ms) -> out.add(job(job, ms)));
        for (List<Map.Entry<ModelSpec, TrainingJob>> group : local.values()) {
            TrainingJob longest = group.stream().map(Map.Entry::getValue)
                    .max(java.util.Comparator.comparingInt(j -> j.curve().size())).orElseThrow();
            out.add(job(longest, group.stream().map(Map.Entry::getKey).toList()));
        }
        return out;
    }

    private static ObjectNode job(TrainingJob job, List<ModelSpec> models) {
        ObjectNode o = Json.MAPPER.valueToTree(job);
        o.remove("checkpoints");
        o.put("axis", job.bySteps() ? "step" : "epoch");
        ArrayNode marks = o.putArray("checkpoints");
        for (ModelSpec m : models) {
            Double at = job.checkpoints().get(m.id());
            if (at == null) {
                at = job.bySteps() ? (m.step() == null ? null : m.step().doubleValue()) : m.epoch();
            }
            ObjectNode mark = marks.addObject().put("model", m.id()).put("at", at);
            job.validationLossAt(m.id()).ifPresent(v -> mark.put("validation_loss", v));
        }
        return o;
    }

    private static ObjectNode economics(CostTable cost, List<ModelSpec> models) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("currency", cost.currency());
        o.put("horizon_days", cost.economics().horizonDays());
        if (cost.economics().metric() != null) {
            o.putObject("quality_bar").put("metric", cost.economics().metric()).put("op", cost.economics().op())
                    .put("threshold", cost.economics().threshold());
        } else {
            o.putNull("quality_bar");
        }
        ObjectNode per = o.putObject("models");
        for (ModelSpec m : models) {
            CostTable.Price p = cost.priceFor(m.id()).orElse(null);
            ObjectNode e = per.putObject(m.id());
            e.put("training_per_1k_tokens", p == null ? null : p.trainingPer1kTokens());
            e.put("hosting_per_hour", p == null ? null : p.hostingPerHour());
            e.put("trained_tokens", m.job() == null ? null : m.job().trainedTokens());
        }
        return o;
    }
}
