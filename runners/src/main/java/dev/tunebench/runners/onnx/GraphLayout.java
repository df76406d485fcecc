package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the decoder graph of a model folder laid out as exports ship it: {@code model.onnx} beside the
 * config (optimum, ONNX Runtime GenAI), or under {@code onnx/} with weight variants (transformers.js,
 * onnx-community) and optimum's older merged ({@code decoder_model_merged}) and split
 * ({@code decoder_model} + {@code decoder_with_past_model}) decoders. Without a choice the fp32 files
 * are taken, preferring the single decoder, then the merged one, then the split pair; the top of the
 * folder before {@code onnx/}.
 */
final class GraphLayout {
    static final String SUBFOLDER = "onnx";
    static final String SINGLE = "model";
    static final String MERGED = "decoder_model_merged";
    static final String PREFILL = "decoder_model";
    static final String WITH_PAST = "decoder_with_past_model";
    /** Longest first, so decoder_model_merged is not read as decoder_model with a suffix. */
    private static final List<String> BASES = List.of(WITH_PAST, MERGED, PREFILL, SINGLE);

    private final Path dir;
    private final List<String> present;

    private GraphLayout(Path dir) {
        this.dir = dir;
        this.present = onnxFiles(dir);
    }

    /**
     * @param genaiFile the decoder file genai_config.json names, or null; used when nothing is chosen
     */
    static ModelGraphs resolve(Path dir, GraphChoice choice, String genaiFile) {
        GraphLayout layout = new GraphLayout(dir);
        if (choice.variant() != null && choice.file() != null) {
            throw layout.error(choice.variantWhere() + " and " + choice.fileWhere() + " both choose a graph",
                    "keep one of them: variant: picks by weight type, file: names the graph itself.");
        }
        if (choice.file() != null) {
            return layout.chosenFile(choice.file(), choice.fileWhere());
        }
        if (choice.variant() != null) {
            GraphVariant v = GraphVariant.parse(choice.variant()).orElseThrow(() -> layout.error(
                    choice.variantWhere() + ": '" + choice.variant() + "' is not a variant name",
                    "use one of " + GraphVariant.NAMES + "."));
            return layout.ofVariant(v, "variant " + v.wireName).orElseThrow(() -> layout.error(
                    choice.variantWhere() + ": there is no " + v.wireName + " graph (no file ending in '"
                            + v.suffix + ".onnx')", layout.variantFix()));
        }
        if (genaiFile != null) {
            return layout.chosenFile(genaiFile, "genai_config.json model.decoder.filename");
        }
        Optional<ModelGraphs> fp32 = layout.ofVariant(GraphVariant.FP32, "variant fp32 (default)");
        if (fp32.isPresent()) {
            return fp32.get();
        }
        Set<GraphVariant> variants = layout.variants();
        if (variants.size() == 1) {
            GraphVariant only = variants.iterator().next();
            return layout.ofVariant(only, "variant " + only.wireName + " (the only one present)").orElseThrow();
        }
        if (variants.isEmpty()) {
            throw layout.error("there is no decoder graph (model.onnx, at the top or under onnx/)",
                    ModelFolder.EXPORT_HINT);
        }
        throw layout.error("it holds several weight variants (" + names(variants) + ") and none is chosen",
                layout.variantFix());
    }

    /** The graph(s) of one variant, top of the folder first, then onnx/; empty when that variant is absent. */
    private Optional<ModelGraphs> ofVariant(GraphVariant v, String how) {
        for (Path where : List.of(dir, dir.resolve(SUBFOLDER))) {
            Path single = where.resolve(SINGLE + v.suffix + ".onnx");
            Path merged = where.resolve(MERGED + v.suffix + ".onnx");
            Path prefill = where.resolve(PREFILL + v.suffix + ".onnx");
            Path withPast = where.resolve(WITH_PAST + v.suffix + ".onnx");
            if (Files.isRegularFile(single)) {
                return Optional.of(graphs(single, null, v, how));
            }
            if (Files.isRegularFile(merged)) {
                return Optional.of(graphs(merged, null, v, how));
            }
            if (Files.isRegularFile(prefill) || Files.isRegularFile(withPast)) {
                return Optional.of(split(prefill, withPast, v, how));
            }
        }
        return Optional.empty();
    }

    private ModelGraphs chosenFile(String file, String where) {
        Path path = dir.resolve(file).normalize();
        if (!path.startsWith(dir.normalize())) {
            throw error(where + ": '" + file + "' is outside the model folder",
                    "give a path inside the folder, e.g. onnx/decoder_model_merged.onnx.");
        }
        if (!Files.isRegularFile(path)) {
            throw error(where + ": '" + file + "' does not exist",
                    "give one of the files present, as a path relative to the folder.");
        }
        String name = path.getFileName().toString();
        String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
        String how = "file " + relative(path);
        for (String base : List.of(PREFILL, WITH_PAST)) {
            Optional<GraphVariant> v = stem.startsWith(base) ? GraphVariant.ofSuffix(stem.substring(base.length())) : Optional.empty();
            if (v.isPresent()) {
                String suffix = v.get().suffix + ".onnx";
                return split(path.resolveSibling(PREFILL + suffix), path.resolveSibling(WITH_PAST + suffix), v.get(), how);
            }
        }
        return graphs(path, null, variantOf(stem).orElse(null), how);
    }

    private ModelGraphs split(Path prefill, Path withPast, GraphVariant v, String how) {
        for (Path half : List.of(prefill, withPast)) {
            if (!Files.isRegularFile(half)) {
                Path other = half == prefill ? withPast : prefill;
                throw error("optimum's split decoder needs both " + relative(prefill) + " (first step) and "
                        + relative(withPast) + " (following steps), but " + relative(half) + " is missing",
                        "copy " + relative(half) + " from the same export beside " + relative(other)
                                + ", or choose another graph with variant: or file:.");
            }
        }
        return graphs(withPast, prefill, v, how);
    }

    private ModelGraphs graphs(Path decoder, Path prefill, GraphVariant v, String how) {
        return new ModelGraphs(dir, decoder, prefill, v, how, present);
    }

    private Set<GraphVariant> variants() {
        Set<GraphVariant> out = new LinkedHashSet<>();
        for (String file : present) {
            String name = Path.of(file).getFileName().toString();
            variantOf(name.substring(0, name.length() - 5)).ifPresent(out::add);
        }
        return out;
    }

    /** The variant a decoder file's name carries ({@code model_q4} → q4), if it is one of the known names. */
    private static Optional<GraphVariant> variantOf(String stem) {
        for (String base : BASES) {
            if (stem.startsWith(base)) {
                Optional<GraphVariant> v = GraphVariant.ofSuffix(stem.substring(base.length()));
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private String variantFix() {
        Set<GraphVariant> here = variants();
        return here.isEmpty()
                ? "choose the graph with file: <path inside the folder>."
                : "add variant: " + names(here).replace(", ", " | ") + " (or file: <path inside the folder>) to the"
                        + " model's runner: map in the suite, or pass --variant / --file on the command line.";
    }

    private static String names(Set<GraphVariant> variants) {
        return String.join(", ", variants.stream().map(v -> v.wireName).toList());
    }

    private String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    private InputException error(String problem, String fix) {
        return ModelGraphs.error(dir, present, problem, fix);
    }

    /** Every .onnx file at the top of the folder and under onnx/, relative to it, sorted. */
    private static List<String> onnxFiles(Path dir) {
        List<String> found = new ArrayList<>();
        for (Path where : List.of(dir, dir.resolve(SUBFOLDER))) {
            if (!Files.isDirectory(where)) {
                continue;
            }
            try (Stream<Path> files = Files.list(where)) {
                files.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
                        .map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new InputException("Cannot list model folder " + where + ": " + e.getMessage()
                        + ". Check that it is readable.", e);
            }
        }
        return found;
    }
}
