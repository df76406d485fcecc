package dev.tunebench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults around a run, on real child processes: a second run on the same folder, SIGKILL at random points,
 * a disk that fills up, no network at all. Each ends in a clear message, and --resume always completes the
 * run with every sample exactly once.
 */
class FaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 24;

    private static String[] runArgs(Path out, boolean resume) {
        List<String> args = new ArrayList<>(List.of("run", Cli.demo().resolve("triage.yaml").toString(), "--out",
                out.toString(), "--models", "ckpt-epoch-4", "--techniques", "as-is", "--limit", String.valueOf(ROWS),
                "--batch-size", "1", "--no-report"));
        if (resume) {
            args.add("--resume");
        }
        return args.toArray(String[]::new);
    }

    /** Every sample once: ROWS lines, ROWS distinct rows. */
    private static void assertEverySampleOnce(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("samples.jsonl"));
        Set<String> keys = new HashSet<>();
        for (String line : lines) {
            JsonNode s = JSON.readTree(line);
            keys.add(s.get("model").asText() + "/" + s.get("technique").asText() + "/" + s.get("row").asInt() + "/"
                    + s.get("repeat").asInt());
        }
        assertEquals(ROWS, lines.size(), "lines");
        assertEquals(ROWS, keys.size(), "distinct samples");
        assertTrue(JSON.readTree(run.resolve("summary.json").toFile()).get("complete").asBoolean());
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }

    @Test
    void aSecondRunOnTheSameFolderRefusesWhileTheFirstHoldsIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        try (RunLock held = RunLock.acquire(run)) {
            Cli second = Cli.run(runArgs(run, false));
            assertEquals(2, second.exitCode(), second.err());
            assertTrue(second.err().contains(run + " is in use by another tunebench run (process "
                    + ProcessHandle.current().pid() + ")"), second.err());
            assertFalse(Files.exists(run.resolve("samples.jsonl")), "nothing written");
        }
        Cli after = Cli.run(runArgs(run, false));
        assertEquals(0, after.exitCode(), after.err());
    }

    @Test
    void sigkillAtRandomPointsThenResumeKeepsEverySampleOnce(@TempDir Path tmp) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path run = tmp.resolve("run");
        for (int kill = 0; kill < 3; kill++) {
            long target = 1 + random.nextInt(ROWS - 2);
            JavaProcess p = JavaProcess.start(tmp.resolve("logs"), Map.of(), runArgs(run, kill > 0));
            while (p.process().isAlive() && lines(run.resolve("samples.jsonl")) < target) {
                p.process().waitFor(20, TimeUnit.MILLISECONDS);
            }
            p.process().destroyForcibly().waitFor();
        }
        JavaProcess last = JavaProcess.start(tmp.resolve("logs"), Map.of(), runArgs(run, true));
        assertEquals(0, last.waitFor(300), "seed " + seed + ": " + last.stderr());
        assertEverySampleOnce(run);
    }

    /**
     * A tmpfs of a few kilobytes as the run folder (room for the manifest and finetune.json, ~18 KB) fills mid-run: exit 2 naming the file and the fix; grown
     * (as if space were freed), --resume completes the run. Needs user and mount namespaces (unshare -rm).
     */
    @Test
    void aFullDiskStopsTheRunClearlyAndResumeFinishesIt(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(works("unshare", "-rm", "true"), "unshare -rm is not available here: full-disk test skipped");
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        Path run = mount.resolve("run");
        String java = String.join(" ", javaCommand());
        String script = String.join("\n",
                "mount -t tmpfs -o size=28k tmpfs " + mount + " || exit 97",
                java + " " + String.join(" ", runArgs(run, false)) + " > " + tmp.resolve("first.out") + " 2> "
                        + tmp.resolve("first.err") + "; echo $? > " + tmp.resolve("first.rc"),
                "cp " + run.resolve("samples.jsonl") + " " + tmp.resolve("first.jsonl"),
                "mount -o remount,size=64m tmpfs " + mount,
                java + " " + String.join(" ", runArgs(run, true)) + " > " + tmp.resolve("second.out") + " 2> "
                        + tmp.resolve("second.err") + "; echo $? > " + tmp.resolve("second.rc"),
                "cp -r " + run + " " + tmp.resolve("after"));
        Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", script).inheritIO().start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), "the script ran (97: no tmpfs)");
        String firstErr = Files.readString(tmp.resolve("first.err"));
        assertEquals("2", Files.readString(tmp.resolve("first.rc")).trim(), firstErr);
        assertTrue(firstErr.contains("cannot write " + run.resolve("samples.jsonl") + " (No space left on device)"), firstErr);
        assertTrue(firstErr.contains("--resume"), firstErr);
        assertFalse(firstErr.contains("internal error"), firstErr);
        assertTrue(lines(tmp.resolve("first.jsonl")) < ROWS, "the disk filled before the end");
        assertEquals("0", Files.readString(tmp.resolve("second.rc")).trim(), Files.readString(tmp.resolve("second.err")));
        assertEverySampleOnce(tmp.resolve("after"));
    }

    /**
     * In a network namespace with no interface up (unshare -rn) a run completes: tunebench needs no network,
     * and with the telemetry switches of DJL and ONNX Runtime left to tunebench itself (none in the environment).
     */
    @Test
    void anOfflineRunNeedsNoNetwork(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(works("unshare", "-rn", "true"), "unshare -rn is not available here: no-network test skipped");
        List<String> command = new ArrayList<>(List.of("unshare", "-rn"));
        command.addAll(javaCommand());
        command.addAll(List.of(runArgs(tmp.resolve("run"), false)));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        for (String key : List.of("OPT_OUT_TRACKING", "DJL_OFFLINE", "ORT_DISABLE_TELEMETRY")) {
            pb.environment().remove(key);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished");
        String out = Files.readString(tmp.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("UnknownHost") || out.contains("Network is unreachable") || out.contains("ConnectException"), out);
        assertEverySampleOnce(tmp.resolve("run"));
    }

    /**
     * A model whose forward pass never ends (a graph looping 10^15 times, made by stalling/make_stalling_model.py):
     * timeout_s stops each batch through ONNX Runtime's terminate flag, its rows are error samples, and the other
     * model's samples are all there.
     */
    @Test
    void aLocalRequestPastItsTimeoutIsAnErrorSampleAndTheRunGoesOn(@TempDir Path tmp) throws Exception {
        Path stalling = tmp.resolve("stalling");
        Files.createDirectories(stalling);
        try (var files = Files.list(Cli.demo().resolve("models/base"))) {
            for (Path f : files.toList()) {
                Files.copy(f, stalling.resolve(f.getFileName()));
            }
        }
        Files.copy(Cli.root().resolve("cli/src/test/resources/stalling/model.onnx"), stalling.resolve("model.onnx"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path suite = Files.writeString(tmp.resolve("suite.yaml"), """
                name: timeout
                data: {eval: %s}
                models:
                  - {id: base, path: %s, role: baseline}
                  - {id: stalling, path: %s, runner: {timeout_s: 1}}
                runner: {threads: 1, batch_size: 2}
                generation: {max_new_tokens: 4}
                techniques: [{name: as-is}]
                scorers: [{name: acc, type: exact}]
                metrics: {accuracy: acc}
                """.formatted(Cli.demo().resolve("data/test.jsonl"), Cli.demo().resolve("models/base"), stalling));
        Path run = tmp.resolve("run");
        Cli r = Cli.run("run", suite.toString(), "--out", run.toString(), "--limit", "3", "--no-report");
        List<JsonNode> samples = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("samples.jsonl"))) {
            samples.add(JSON.readTree(line));
        }
        assertEquals(3, samples.stream().filter(s -> s.get("model").asText().equals("base") && s.get("error").isNull()).count(),
                r.err());
        List<JsonNode> stopped = samples.stream().filter(s -> s.get("model").asText().equals("stalling")).toList();
        assertEquals(3, stopped.size(), r.err());
        stopped.forEach(s -> assertTrue(s.get("error").asText().contains("no answer within 1 s (timeout_s)"), s.toString()));
        assertFalse(r.err().contains("internal error"), r.err());

        Cli flag = Cli.run("run", suite.toString(), "--request-timeout", "0");
        assertEquals(2, flag.exitCode(), flag.err());
        assertTrue(flag.err().contains("--request-timeout"), flag.err());
    }

    private static List<String> javaCommand() {
        return List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "dev.tunebench.cli.Main");
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
