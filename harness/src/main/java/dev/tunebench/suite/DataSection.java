package dev.tunebench.suite;

import dev.tunebench.data.DataFormat;
import dev.tunebench.data.DataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parses {@code data:}: the evaluation set, and optionally a few-shot pool, a validation set and the training set
 * (read only to check the evaluation set does not overlap it).
 */
final class DataSection {

    record Data(DataSource eval, Optional<DataSource> fewShotPool, Optional<DataSource> validation,
                Optional<DataSource> train) {
    }

    private DataSection() {
    }

    static Data parse(YamlNode data, Path dir) {
        if (!data.present()) {
            throw data.error("missing; a suite needs at least data: {eval: data/test.jsonl}.");
        }
        data.object("eval", "few_shot_pool", "validation", "train");
        YamlNode eval = data.get("eval");
        if (!eval.present()) {
            throw eval.error("missing; name the evaluation file, e.g. eval: data/test.jsonl.");
        }
        return new Data(source(eval, dir), optional(data.get("few_shot_pool"), dir), optional(data.get("validation"), dir),
                optional(data.get("train"), dir));
    }

    private static Optional<DataSource> optional(YamlNode node, Path dir) {
        return node.present() ? Optional.of(source(node, dir)) : Optional.empty();
    }

    /** A path (chat JSONL) or {path, format, input, pair, expected, system, system_text}. */
    private static DataSource source(YamlNode node, Path dir) {
        if (!node.isObject()) {
            return DataSource.chat(file(node, dir));
        }
        node.object("path", "format", "input", "pair", "expected", "system", "system_text");
        Path file = file(node.get("path"), dir);
        YamlNode formatNode = node.get("format");
        DataFormat format = formatNode.present()
                ? DataFormat.values()[formatNode.choice(DataFormat.suiteNames())] : DataFormat.CHAT_JSONL;
        if (format == DataFormat.CHAT_JSONL) {
            for (String field : new String[]{"input", "pair", "expected", "system", "system_text"}) {
                if (node.get(field).present()) {
                    throw node.get(field).error("only applies to format: jsonl or csv; chat data carries its own "
                            + "roles. Remove it or set format.");
                }
            }
            return DataSource.chat(file);
        }
        return new DataSource(file, format, node.get("input").textOr(null), node.get("expected").textOr(null),
                node.get("system").textOr(null), node.get("system_text").textOr(null), node.get("pair").textOr(null));
    }

    private static Path file(YamlNode node, Path dir) {
        if (!node.present()) {
            throw node.error("missing; give the data file's path (relative to the suite file).");
        }
        Path file = dir.resolve(node.text()).normalize();
        if (!Files.isRegularFile(file)) {
            throw node.error("data file not found: " + file + "; paths are relative to the suite file's folder.");
        }
        return file;
    }
}
