package dev.tunebench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of the demo suite whose models are served (runner type openai or azure), data pointing at the demo's. */
final class ServedSuites {
    private ServedSuites() {
    }

    /**
     * The demo suite in {@code dir} with these models and suite-level runner line; gates and perf (which name
     * the demo's models) are left out.
     */
    static Path write(Path dir, String models, String runner) throws IOException {
        Path demo = Cli.demo();
        String full = Files.readString(demo.resolve("triage.yaml"));
        String text = full.substring(0, full.indexOf("\ngates:"))
                .replace("data/", demo.resolve("data") + "/")
                .replace("""
                          - {id: base, path: models/base, role: baseline}
                          - {glob: "models/ckpt-epoch-*", role: candidate,   # ordered by trainer_state.json epoch
                             # The run that made them, as a hosted fine-tuning API reports it (written by jobs/make_job.py).
                             job: jobs/triage-ft.json, job_results: jobs/triage-ft-results.csv}
                        """.stripIndent(), models)
                .replace("runner: {type: onnx, device: cpu, threads: 1, batch_size: 8}", runner);
        Files.createDirectories(dir);
        Path file = dir.resolve("suite.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** A suite line of the file that holds {@code text}, 1-based. */
    static int lineOf(Path suite, String text) throws IOException {
        var lines = Files.readAllLines(suite);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + suite);
    }
}
