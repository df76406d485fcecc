package dev.tunebench.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tunebench.gate.Baseline;
import dev.tunebench.gate.BaselineFile;
import dev.tunebench.gate.RunRows;
import dev.tunebench.results.RunManifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A run folder as the store indexes it: figures from summary.json, hashes from manifest.json, rows from samples.jsonl. */
public final class RunRecords {
    private RunRecords() {
    }

    public static RunRecord of(Path runDir, RunManifest manifest, JsonNode summary) {
        List<CellFigure> cells = new ArrayList<>();
        for (JsonNode r : summary.path("results")) {
            String model = r.path("model").asText();
            String technique = r.path("technique").asText();
            List<String> names = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (m.getValue().isObject()) {
                    names.add(m.getKey());
                    cells.add(figure(model, technique, m.getKey(), m.getValue()));
                }
            }
            // Each scorer's mean too (e.g. --metric json_match), unless a metric has that name.
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("scores").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> s = it.next();
                if (!names.contains(s.getKey()) && s.getValue().has("value")) {
                    cells.add(figure(model, technique, s.getKey(), s.getValue()));
                }
            }
        }
        Path abs = runDir.toAbsolutePath().normalize();
        byte[] rows = rows(new Baseline("run " + abs, manifest.endedAt(), abs.toString(), manifest, summary,
                RunRows.read(runDir), null));
        Path suiteFile = Path.of(manifest.suite().file()).toAbsolutePath();
        return new RunRecord(abs.toString(), manifest.startedAt(), manifest.endedAt(), manifest.suite().name(),
                manifest.suite().sha256(), dataSha256(manifest), gitCommit(suiteFile.getParent()), null, cells, rows);
    }

    private static CellFigure figure(String model, String technique, String metric, JsonNode m) {
        return new CellFigure(model, technique, metric, number(m.get("value")), number(m.get("ci_low")),
                number(m.get("ci_high")), m.hasNonNull("n") ? m.get("n").asInt() : null);
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }

    /** One hash over every data file's role and hash: equal when the rows are the same, so runs pair. */
    static String dataSha256(RunManifest manifest) {
        StringBuilder all = new StringBuilder();
        for (RunManifest.DataFile d : manifest.data() == null ? List.<RunManifest.DataFile>of() : manifest.data()) {
            all.append(d.role()).append(':').append(d.sha256()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(all.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** HEAD of the git repository holding {@code dir}, or null (no git, no repository, or git too slow). */
    static String gitCommit(Path dir) {
        if (dir == null) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(200);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String head = new String(out, StandardCharsets.US_ASCII).trim();
            return p.exitValue() == 0 && head.matches("[0-9a-f]{40,64}") ? head : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static byte[] rows(Baseline b) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(BaselineFile.toBytes(b));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The baseline document a run's rows were stored as; {@code origin} names it in messages. */
    public static Baseline baseline(byte[] rows, Path origin) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(rows))) {
            return BaselineFile.read(in.readAllBytes(), origin);
        } catch (IOException e) {
            throw new StoreException(origin + ": the stored rows of this run do not read (" + e.getMessage()
                    + "); give a baseline file with --baseline FILE instead.", e);
        }
    }
}
