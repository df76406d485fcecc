package dev.tunebench.finetune;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobReadersTest {
    static final String JOB = "{\"object\": \"fine_tuning.job\", \"model\": \"gpt-4o-mini\", \"fine_tuned_model\": \"ft-final\","
            + " \"method\": {\"type\": \"supervised\", \"supervised\": {\"hyperparameters\": {\"batch_size\": 8,"
            + " \"learning_rate_multiplier\": 1.8, \"n_epochs\": 3}}}, \"seed\": 42, \"trained_tokens\": 12345,"
            + " \"checkpoints\": [{\"fine_tuned_model_checkpoint\": \"ft-step-2\", \"step_number\": 2}]}";
    static final String RESULTS = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
            + "1,2.0,0.5,,\n2,1.5,0.6,1.7,0.55\n3,1.2,0.7,1.6,0.58\n";
    static final List<String> IDS = List.of("base", "ft-step-2", "ft-final");

    @Test
    void aHostedJobGivesItsHyperparametersCurveAndCheckpoints(@TempDir Path dir) throws IOException {
        TrainingJob job = read(dir, JOB, RESULTS);
        assertEquals("gpt-4o-mini", job.baseModel());
        assertEquals(List.of("n_epochs", "batch_size", "learning_rate_multiplier", "seed"), List.copyOf(job.hyperparameters().keySet()));
        assertEquals(3L, job.hyperparameters().get("n_epochs"));
        assertEquals(12345L, job.trainedTokens());
        assertEquals(3, job.curve().size());
        assertNull(job.curve().get(0).validationLoss(), "an empty cell is not measured");
        assertEquals(0.55, job.curve().get(1).validationAccuracy());
        assertEquals(2.0, job.checkpoints().get("ft-step-2"));
        assertEquals(3.0, job.checkpoints().get("ft-final"), "the final model sits at the last step");
        assertEquals(Optional.of(1.7), job.validationLossAt("ft-step-2"));
        assertEquals(Optional.of(1.6), job.validationLossAt("ft-final"));
    }

    @Test
    void aResultFileWithoutTrainLossNamesTheColumnAndTheFix(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> read(dir, JOB, "step,loss\n1,2.0\n"));
        assertTrue(e.getMessage().contains("results.csv: line 1: no 'train_loss' column"), e.getMessage());
    }

    @Test
    void aNonNumberInTheResultFileNamesItsLine(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> read(dir, JOB, "step,train_loss\n1,2.0\n2,oops\n"));
        assertTrue(e.getMessage().contains("results.csv:3: train_loss: expected a number, got 'oops'"), e.getMessage());
    }

    @Test
    void aJobThatIsNotJsonSaysWhatToGive(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> read(dir, "step,train_loss", RESULTS));
        assertTrue(e.getMessage().contains("job.json: not a JSON fine-tuning job"), e.getMessage());
    }

    @Test
    void aJobOfNoModelInTheSuiteIsNamedWithTheSuitesModels(@TempDir Path dir) {
        String foreign = JOB.replace("ft-final", "ft:gpt-4o-mini:org::x").replace("ft-step-2", "ft:gpt-4o-mini:org::x:ckpt-step-2");
        InputException e = assertThrows(InputException.class, () -> read(dir, foreign, RESULTS));
        assertTrue(e.getMessage().contains("is not a model of this suite (models: " + IDS + ")"), e.getMessage());
    }

    @Test
    void checkpointsTheSuiteDoesNotEvaluateAreLeftOut(@TempDir Path dir) throws IOException {
        // e.g. the final model deleted after retention, or not selected with --models
        TrainingJob job = read(dir, JOB.replace("ft-final", "ft:gpt-4o-mini:org::x"), RESULTS);
        assertEquals(List.of("ft-step-2"), List.copyOf(job.checkpoints().keySet()));
    }

    @Test
    void huggingFaceLogHistoryIsJoinedByStep(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("trainer_state.json"), "{\"epoch\": 2.0, \"global_step\": 20, \"train_batch_size\": 4,"
                + " \"num_train_epochs\": 2, \"total_flos\": 1e12, \"log_history\": [{\"epoch\": 1.0, \"step\": 10, \"loss\": 1.1},"
                + " {\"epoch\": 1.0, \"step\": 10, \"eval_loss\": 1.3}, {\"epoch\": 2.0, \"step\": 20, \"loss\": 0.9},"
                + " {\"epoch\": 2.0, \"step\": 20, \"eval_loss\": 1.2}]}");
        TrainingJob job = TrainerStateJob.read(dir).orElseThrow();
        assertEquals(List.of("train_batch_size", "num_train_epochs"), List.copyOf(job.hyperparameters().keySet()));
        assertEquals(List.of(new CurvePoint(10L, 1.0, 1.1, null, 1.3, null), new CurvePoint(20L, 2.0, 0.9, null, 1.2, null)),
                job.curve());
        assertTrue(job.bySteps());
    }

    private static TrainingJob read(Path dir, String job, String results) throws IOException {
        Files.writeString(dir.resolve("job.json"), job);
        Files.writeString(dir.resolve("results.csv"), results);
        return HostedJobReader.read(dir.resolve("job.json"), dir.resolve("results.csv"),
                name -> IDS.contains(name) ? Optional.of(name) : Optional.empty(), IDS);
    }
}
