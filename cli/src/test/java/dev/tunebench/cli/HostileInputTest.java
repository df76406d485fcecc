package dev.tunebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A corpus of hostile files through the real CLI, as a new user would hand them over: each ends with exit 2
 * and one message naming the file and line, no stack trace and no internal error. Hostile model folders and
 * templates have their own tests ({@link BadInputTest}, {@link HostileTemplateTest}) and one here in a run.
 */
class HostileInputTest {
    private static final String ROW = "{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, {\"role\": \"assistant\", \"content\": \"A\"}]}\n";

    private static String suiteText(Path data) {
        return """
                name: hostile
                data: {eval: %s}
                models:
                  - {id: base, path: %s, role: baseline}
                runner: {threads: 1}
                generation: {max_new_tokens: 4}
                techniques: [{name: as-is}]
                scorers: [{name: acc, type: exact}]
                metrics: {accuracy: acc}
                """.formatted(data, Cli.demo().resolve("models/base"));
    }

    private static void assertRefused(Cli r, String where) {
        assertEquals(2, r.exitCode(), where + ": " + r.out() + r.err());
        assertTrue(r.err().contains(where), "names " + where + ": " + r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void hostileDataFilesAreInputErrorsNamingFileAndLine(@TempDir Path tmp) throws IOException {
        byte[] good = ROW.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("latin1.jsonl:2", concat(good, "{\"messages\": [{\"role\": \"user\", \"content\": \"caf\u00e9\"}]}\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
        corpus.put("utf16.jsonl:1", ROW.getBytes(StandardCharsets.UTF_16));
        corpus.put("deep.jsonl:2", concat(good, ("{\"messages\": " + "[".repeat(5000) + "]".repeat(5000) + "}\n").getBytes(StandardCharsets.UTF_8)));
        corpus.put("number.jsonl:2", concat(good, ("{\"messages\": [{\"role\": \"user\", \"content\": \"U\"}, {\"role\": "
                + "\"assistant\", \"content\": \"A\", \"weight\": " + "9".repeat(5000) + "}]}\n").getBytes(StandardCharsets.UTF_8)));
        corpus.put("surrogate.jsonl:1", ("{\"messages\": [{\"role\": \"user\", \"content\": \"\\udc00\"}, {\"role\": \"assistant\", "
                + "\"content\": \"A\"}]}\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> c : corpus.entrySet()) {
            String name = c.getKey().substring(0, c.getKey().indexOf(':'));
            Path data = Files.write(tmp.resolve(name), c.getValue());
            Path suite = Files.writeString(tmp.resolve(name + ".yaml"), suiteText(data));
            assertRefused(Cli.run("validate", suite.toString()), data.getParent().resolve(c.getKey()).toString());
            assertRefused(Cli.run("run", suite.toString(), "--out", tmp.resolve("run-" + name).toString()),
                    data.getParent().resolve(c.getKey()).toString());
        }
    }

    @Test
    void hostileSuitesAreInputErrorsNamingFileAndLine(@TempDir Path tmp) throws IOException {
        String base = suiteText(Cli.demo().resolve("data/test.jsonl"));
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        corpus.put("bomb.yaml:", (bomb + base).getBytes(StandardCharsets.UTF_8));
        corpus.put("deep.yaml:10", (base + "seed: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("scalar.yaml:10", (base + "seed: \"" + "x".repeat(2_000_000) + "\"\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("dup.yaml:10", (base + "name: again\n").getBytes(StandardCharsets.UTF_8));
        corpus.put("tabs.yaml:4", base.replace("  - {id", "\t- {id").getBytes(StandardCharsets.UTF_8));
        corpus.put("latin1.yaml:1", base.replace("name: hostile", "name: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        corpus.put("nul.yaml:10", (base + "seed: \u0000\n").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> c : corpus.entrySet()) {
            Path suite = Files.write(tmp.resolve(c.getKey().substring(0, c.getKey().indexOf(':'))), c.getValue());
            assertRefused(Cli.run("validate", suite.toString()), tmp.resolve(c.getKey()).toString());
        }
    }

    @Test
    void hostileModelFoldersFailAloneAndTheRunGoesOn(@TempDir Path tmp) throws IOException {
        Path truncated = Cli.brokenCopyOf("ckpt-epoch-4", tmp.resolve("truncated"));
        byte[] onnx = Files.readAllBytes(Cli.demo().resolve("models/ckpt-epoch-4/model.onnx"));
        Files.write(truncated.resolve("model.onnx"), java.util.Arrays.copyOf(onnx, onnx.length / 3));
        Path tokenizer = Cli.brokenCopyOf("ckpt-epoch-4", tmp.resolve("tokenizer"));
        Files.copy(Cli.demo().resolve("models/ckpt-epoch-4/model.onnx"), tokenizer.resolve("model.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(tokenizer.resolve("tokenizer.json"), "<html>404 Not Found</html>");
        Path suite = Files.writeString(tmp.resolve("suite.yaml"), suiteText(Cli.demo().resolve("data/test.jsonl"))
                .replace("role: baseline}\n", "role: baseline}\n  - {id: truncated, path: " + truncated + "}\n"
                        + "  - {id: tokenizer, path: " + tokenizer + "}\n"));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "3", "--no-report");
        assertRefused(r, "model 'truncated' failed: ONNX Runtime could not load " + truncated.resolve("model.onnx"));
        assertTrue(r.err().contains("model 'tokenizer' failed: " + tokenizer.resolve("tokenizer.json") + " is not valid JSON at line 1"),
                r.err());
        List<String> samples = Files.readAllLines(run.resolve("samples.jsonl"));
        assertEquals(3, samples.size(), "base's samples are kept");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
