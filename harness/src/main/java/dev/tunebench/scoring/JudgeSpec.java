package dev.tunebench.scoring;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Runner;
import dev.tunebench.spi.RunnerOptions;
import dev.tunebench.spi.RunnerSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a {@code judge} scorer's parameters: the rubric ({@code rubric} or {@code rubric_file}), the judge
 * ({@code model:} a model of the suite, or {@code runner:} an entry of its own), the grade ({@code choices}
 * or a {@code min}/{@code max} scale, with an optional {@code pattern}), {@code system},
 * {@code max_new_tokens}, {@code samples} (with {@code temperature} and {@code seed}), {@code structured} and
 * {@code against} (a pairwise judge) and {@code labels} (answers a person graded, to calibrate the judge).
 */
final class JudgeSpec {
    static final int DEFAULT_MAX_NEW_TOKENS = 256;
    private static final String SHARED_DEFAULT_DEVICE = "cpu";

    private JudgeSpec() {
    }

    static JudgeScorer create(Params params, Path baseDir, Function<String, Optional<JudgeModel>> suiteModels,
                              Function<JudgeModel, Runner> opener) {
        params.requireOneOf("rubric", "rubric_file");
        String text = params.string("rubric").orElseGet(() -> read(params, baseDir.resolve(params.string("rubric_file").orElseThrow())));
        JudgeScorer.Reference reference = reference(params, suiteModels);
        Rubric rubric = Rubric.parse(text, params.where(), reference != null);
        int maxNewTokens = params.count("max_new_tokens").orElse(DEFAULT_MAX_NEW_TOKENS);
        if (maxNewTokens < 1) {
            throw params.error("max_new_tokens", "expected a whole number >= 1");
        }
        GenerationSettings generation = GenerationSettings.greedy(maxNewTokens);
        params.requireOneOf("model", "runner");
        JudgeModel model = params.string("model")
                .map(id -> suiteModels.apply(id).orElseThrow(() -> params.error("model", "no model '" + id
                        + "' in this suite; name one of the suite's models, or give the judge its own runner: {type: ...}.")))
                .map(m -> new JudgeModel(m.id(), m.runnerType(), m.folder(), m.runner(), generation))
                .orElseGet(() -> ownRunner(params, baseDir, generation));
        GradeParser grade = grade(params);
        if (reference != null && !(grade instanceof GradeParser.Choices)) {
            throw params.error("grade", "a pairwise judge (against:) picks an answer: give choices worth what answer A gets,"
                    + " e.g. grade: {choices: {A: 1, B: 0, tie: 0.5}}.");
        }
        List<JudgeLabels.Labelled> labels = params.string("labels")
                .map(f -> JudgeLabels.read(baseDir.resolve(f), grade, reference != null, params.where() + ": labels"))
                .orElse(List.of());
        return new JudgeScorer(params.name(), rubric, grade, model, params.string("system").orElse(null),
                sampling(params), structured(params), reference, labels, opener);
    }

    /** {@code against: expected} or {@code against: MODEL} makes the judge pairwise; absent, it grades one answer. */
    private static JudgeScorer.Reference reference(Params params, Function<String, Optional<JudgeModel>> suiteModels) {
        Object against = params.raw("against");
        if (against == null) {
            return null;
        }
        if (!(against instanceof String id) || id.isBlank()) {
            throw params.error("against", "expected 'expected' (the data's answer) or the id of a model of this suite, got "
                    + against);
        }
        if (id.equals("expected")) {
            return new JudgeScorer.Reference.Expected();
        }
        suiteModels.apply(id).orElseThrow(() -> params.error("against", "no model '" + id + "' in this suite; compare with "
                + "'expected' (the data's answer) or one of the suite's models."));
        return new JudgeScorer.Reference.OfModel(id);
    }

    /** {@code structured: auto} (the default) where the judge's runner supports it, {@code true} always, {@code false} never. */
    private static JudgeScorer.Structured structured(Params params) {
        Object value = params.raw("structured");
        if (value == null || "auto".equals(value)) {
            return JudgeScorer.Structured.AUTO;
        }
        if (value instanceof Boolean b) {
            return b ? JudgeScorer.Structured.ON : JudgeScorer.Structured.OFF;
        }
        throw params.error("structured", "expected auto (JSON where the judge's endpoint supports it, the default), true or"
                + " false, got " + value);
    }

    /** {@code samples: N} grades per answer, drawn at {@code temperature} (default 1.0) with seeds {@code seed}, seed + 1, ... */
    private static JudgeScorer.Sampling sampling(Params params) {
        int samples = params.count("samples").orElse(1);
        if (samples < 1) {
            throw params.error("samples", "expected a whole number >= 1 (grades per answer)");
        }
        Object t = params.raw("temperature");
        if (t != null && (!(t instanceof Number n) || !(n.doubleValue() > 0) || n.doubleValue() > 2)) {
            throw params.error("temperature", "expected a number above 0 and at most 2 (the judge samples its grades), got " + t);
        }
        if (samples == 1 && (t != null || params.has("seed"))) {
            throw params.error(t != null ? "temperature" : "seed", "only with samples: N > 1; one grade is greedy. Set samples: 3 (or"
                    + " more) to grade each answer several times, or drop this key.");
        }
        Object seed = params.raw("seed");
        if (seed != null && !(seed instanceof Integer || seed instanceof Long)) {
            throw params.error("seed", "expected a whole number, got " + seed);
        }
        return samples == 1 ? JudgeScorer.Sampling.ONCE : new JudgeScorer.Sampling(samples,
                t == null ? 1.0 : ((Number) t).doubleValue(), seed == null ? 0 : ((Number) seed).longValue());
    }

    private static JudgeModel ownRunner(Params params, Path baseDir, GenerationSettings generation) {
        Map<?, ?> raw = params.map("runner").orElseThrow();
        Map<String, Object> own = new LinkedHashMap<>();
        raw.forEach((k, v) -> own.put(String.valueOf(k), v));
        Object type = own.remove("type");
        if (!(type instanceof String t) || t.isBlank()) {
            throw params.error("runner.type", "missing; say which runner asks the judge, e.g. runner: {type: openai, "
                    + "base_url: ..., model: ...}.");
        }
        Object folder = own.remove("path");
        RunnerSettings settings = new RunnerSettings(
                text(own.remove("device"), SHARED_DEFAULT_DEVICE),
                whole(params, "runner.threads", own.remove("threads"), 0, 0),
                whole(params, "runner.batch_size", own.remove("batch_size"), 8, 1),
                RunnerOptions.of(own, params.where() + ": runner").withBaseDir(baseDir));
        return new JudgeModel(params.name() + "-judge", t, folder == null ? null : baseDir.resolve(folder.toString()).normalize(),
                settings, generation);
    }

    private static GradeParser grade(Params params) {
        Map<?, ?> g = params.map("grade").orElseThrow(() -> params.error("grade", "missing; say how to read the judge's "
                + "grade: grade: {choices: {A: 1, B: 0}} or grade: {min: 1, max: 10}."));
        Pattern pattern = null;
        if (g.get("pattern") != null) {
            try {
                pattern = Pattern.compile(String.valueOf(g.get("pattern")));
            } catch (PatternSyntaxException e) {
                throw params.error("grade.pattern", "invalid regex: " + e.getDescription() + " at index " + e.getIndex());
            }
        }
        for (Object key : g.keySet()) {
            if (!"choices pattern min max".contains(String.valueOf(key))) {
                throw params.error("grade." + key, "unknown key; grade takes choices (with pattern) or min and max (with pattern).");
            }
        }
        if (g.get("choices") instanceof Map<?, ?> choices && g.get("min") == null && g.get("max") == null) {
            Map<String, Double> values = new LinkedHashMap<>();
            choices.forEach((k, v) -> {
                if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 1) {
                    throw params.error("grade.choices." + k, "expected a value from 0 to 1 (what this grade is worth), got " + v);
                }
                values.put(String.valueOf(k), n.doubleValue());
            });
            if (values.size() < 2) {
                throw params.error("grade.choices", "give at least two choices, e.g. {A: 1, B: 0}");
            }
            return new GradeParser.Choices(values, pattern != null ? pattern : GradeParser.Choices.wordsOf(values));
        }
        if (g.get("choices") == null && g.get("min") instanceof Number min && g.get("max") instanceof Number max
                && min.doubleValue() < max.doubleValue()) {
            return new GradeParser.Scale(min.doubleValue(), max.doubleValue(), pattern != null ? pattern : GradeParser.Scale.NUMBER);
        }
        throw params.error("grade", "expected choices: {A: 1, B: 0} (a map of grades to values in [0, 1]) or a scale "
                + "min: 1, max: 10 (min < max), not both.");
    }

    private static String read(Params params, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw params.error("rubric_file", "cannot read " + file + " (" + e.getClass().getSimpleName() + "); the path is "
                    + "relative to the suite file's folder.");
        }
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }

    private static int whole(Params params, String field, Object value, int fallback, int min) {
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer i) || i < min) {
            throw params.error(field, "expected a whole number >= " + min + ", got " + value);
        }
        return i;
    }
}
