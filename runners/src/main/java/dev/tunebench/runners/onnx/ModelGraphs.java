package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph files chosen in a model folder. {@code decoder} is the graph that runs every step (the
 * single decoder with past, optimum's merged decoder, or the split pair's {@code decoder_with_past_model});
 * {@code prefill} is the split pair's {@code decoder_model} for the first step, null for one-file kinds.
 *
 * @param variant the weight variant the file name says (fp32, q4...), null for a file named otherwise
 * @param how     how the choice was made, for model-info and the manifest ("variant fp32 (default)"...)
 * @param present every .onnx file found at the top and under onnx/, relative to {@code dir}
 */
record ModelGraphs(Path dir, Path decoder, Path prefill, GraphVariant variant, String how, List<String> present) {
    ModelGraphs {
        present = List.copyOf(present);
    }

    boolean split() {
        return prefill != null;
    }

    /** The files to hash and report, prefill first. */
    List<Path> files() {
        List<Path> out = new ArrayList<>();
        if (prefill != null) {
            out.add(prefill);
        }
        out.add(decoder);
        return out;
    }

    /** An error about this folder's graphs: the problem, every .onnx file present, the fix. */
    InputException error(String problem, String fix) {
        return error(dir, present, problem, fix);
    }

    static InputException error(Path dir, List<String> present, String problem, String fix) {
        String files = present.isEmpty() ? "no .onnx file" : String.join(", ", present);
        return new InputException("Model folder " + dir + ": " + problem + ".\n  .onnx files present: " + files
                + "\n  Fix: " + fix);
    }

    /** A file's path inside the folder with forward slashes, e.g. {@code onnx/model_q4.onnx}. */
    String relative(Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** "top" when the graph sits beside config.json, else the subfolder holding it ("onnx/"). */
    String layout() {
        Path parent = dir.relativize(decoder).getParent();
        return parent == null ? "top" : parent.toString().replace('\\', '/') + "/";
    }
}
