package dev.tunebench.suite;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CheckpointOrderTest {
    @TempDir
    Path tmp;
    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    private List<String> candidates(String glob) {
        Suite s = fx.load(SuiteFixture.MINIMAL + "  - {glob: \"" + glob + "\"}\n");
        return s.candidates().stream().map(ModelSpec::id).toList();
    }

    @Test
    void trainerStateEpochWinsOverFolderNames() {
        fx.write("runs/zeta/trainer_state.json", "{\"epoch\": 1.0, \"global_step\": 30}");
        fx.write("runs/alpha/trainer_state.json", "{\"epoch\": 3.0, \"global_step\": 90}");
        fx.write("runs/mid/trainer_state.json", "{\"epoch\": 2.0}");
        assertEquals(List.of("zeta", "mid", "alpha"), candidates("runs/*"));
        Suite s = fx.load(SuiteFixture.MINIMAL + "  - {glob: \"runs/*\"}\n");
        assertEquals(3.0, s.model("alpha").orElseThrow().epoch());
        assertEquals(90L, s.model("alpha").orElseThrow().step());
        assertEquals(null, s.model("mid").orElseThrow().step());
    }

    @Test
    void globalStepWhenEpochsAreMissing() {
        fx.write("runs/b/trainer_state.json", "{\"global_step\": 200}");
        fx.write("runs/a/trainer_state.json", "{\"global_step\": 1000}");
        assertEquals(List.of("b", "a"), candidates("runs/*"));
    }

    @Test
    void numberInTheFolderNameWhenThereIsNoTrainerState() {
        for (String n : new String[]{"checkpoint-1000", "checkpoint-200", "checkpoint-30"}) {
            fx.folder("hf/" + n);
        }
        assertEquals(List.of("checkpoint-30", "checkpoint-200", "checkpoint-1000"), candidates("hf/checkpoint-*"));
    }

    @Test
    void nameOrderWhenFoldersHaveNoNumbers() {
        fx.folder("named/beta");
        fx.folder("named/alpha");
        assertEquals(List.of("alpha", "beta"), candidates("named/*"));
    }

    @Test
    void globsMayHaveWildcardsInInnerFolders() {
        fx.folder("exp/run-a/final-a");
        fx.folder("exp/run-b/final-b");
        fx.write("exp/run-b/notes.txt", "a file is never a model");
        assertEquals(List.of("ckpt-1", "ckpt-2"), candidates("models/ckpt-*"));
        Suite s = fx.load("""
                data: {eval: data/test.jsonl}
                models:
                  - {id: base, path: models/base, role: baseline}
                  - {glob: "exp/*/final-*"}
                """);
        assertEquals(List.of(tmp.resolve("exp/run-a/final-a"), tmp.resolve("exp/run-b/final-b")),
                s.candidates().stream().map(m -> m.folder().orElseThrow()).toList());
        fx.folder("deep/x/y/final-c");
        assertEquals(List.of("final-c"), candidates("deep/**/final-*"));
    }

    @Test
    void trainerStateReadsDemoAndHuggingFaceHistories() {
        fx.write("demo/trainer_state.json", """
                {"epoch": 2, "history": [{"epoch": 1, "train_loss": 1.5, "validation_loss": 0.77},
                                         {"epoch": 2, "train_loss": 0.73, "validation_loss": 0.71}]}""");
        TrainerState demo = TrainerState.read(tmp.resolve("demo")).orElseThrow();
        assertEquals(new TrainerState(2.0, null, 0.71, List.of(new TrainerState.Entry(1, 1.5, 0.77),
                new TrainerState.Entry(2, 0.73, 0.71))), demo);

        fx.write("hf/trainer_state.json", """
                {"epoch": 2.0, "global_step": 60, "log_history": [
                  {"epoch": 1.0, "loss": 1.2, "step": 30}, {"epoch": 1.0, "eval_loss": 0.9, "step": 30},
                  {"epoch": 2.0, "loss": 0.8, "step": 60}, {"epoch": 2.0, "eval_loss": 0.7, "step": 60}]}""");
        assertEquals(new TrainerState(2.0, 60L, 0.7, List.of(new TrainerState.Entry(1, 1.2, 0.9),
                new TrainerState.Entry(2, 0.8, 0.7))), TrainerState.read(tmp.resolve("hf")).orElseThrow());

        fx.folder("none");
        assertEquals(java.util.Optional.empty(), TrainerState.read(tmp.resolve("none")));
    }

    @Test
    void malformedTrainerStateNamesTheFile() {
        fx.write("runs/bad/trainer_state.json", "{\"epoch\": ");
        dev.tunebench.data.MessageAssert.assertThat(fx.error(SuiteFixture.MINIMAL + "  - {glob: \"runs/*\"}\n"))
                .startsWith(tmp.resolve("runs/bad/trainer_state.json") + ": not valid JSON");
    }
}
