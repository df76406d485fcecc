package dev.tunebench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad job and result files stop the suite with exit 2 naming the file and the fix, through the real CLI. */
class JobFilesTest {
    static final String GOOD_JOB = "{\"model\": \"base\", \"fine_tuned_model\": \"ckpt\", \"hyperparameters\": {\"n_epochs\": 1}}";

    @Test
    void theDemoSuiteWithItsJobValidates() {
        Cli r = Cli.run("validate", Cli.demo().resolve("triage.yaml").toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void aResultFileWithoutItsColumnsIsAnInputError(@TempDir Path dir) throws IOException {
        Cli r = validate(dir, GOOD_JOB, "step,loss\n1,2\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("results.csv: line 1: no 'train_loss' column"), r.err());
    }

    @Test
    void aJobThatIsNotJsonIsAnInputError(@TempDir Path dir) throws IOException {
        Cli r = validate(dir, "id: ftjob-1", "step,train_loss\n1,2\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("job.json: not a JSON fine-tuning job"), r.err());
    }

    @Test
    void aJobNamingAModelOutsideTheSuiteIsAnInputError(@TempDir Path dir) throws IOException {
        Cli r = validate(dir, GOOD_JOB.replace("\"ckpt\"", "\"ft:gpt-4o-mini:acme::abc\""), "step,train_loss\n1,2\n");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("'ft:gpt-4o-mini:acme::abc' is not a model of this suite (models: [base, ckpt])"), r.err());
    }

    @Test
    void resultsWithoutAJobAreAnInputError(@TempDir Path dir) throws IOException {
        Path suite = suite(dir, "job_results: results.csv");
        Files.writeString(dir.resolve("results.csv"), "step,train_loss\n1,2\n");
        Cli r = Cli.run("validate", suite.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("needs job: too"), r.err());
    }

    private static Cli validate(Path dir, String job, String results) throws IOException {
        Files.writeString(dir.resolve("job.json"), job);
        Files.writeString(dir.resolve("results.csv"), results);
        return Cli.run("validate", suite(dir, "job: job.json, job_results: results.csv").toString());
    }

    private static Path suite(Path dir, String jobKeys) throws IOException {
        Path demo = Cli.demo();
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "name: jobs\n"
                + "data: {eval: " + demo.resolve("data/test.jsonl") + "}\n"
                + "models:\n"
                + "  - {id: base, path: " + demo.resolve("models/base") + ", role: baseline}\n"
                + "  - {id: ckpt, path: " + demo.resolve("models/ckpt-epoch-1") + ", " + jobKeys + "}\n"
                + "techniques: [{name: as-is}]\n"
                + "scorers: [{name: exact, type: exact}]\n");
        return suite;
    }
}
