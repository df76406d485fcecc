package dev.tunebench.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointAnalysisTest {

    /** Epochs 1..n with the given validation and training losses and an accuracy per epoch. */
    private static List<CheckpointPoint> curve(double[] validation, double[] train, double[] accuracy) {
        List<CheckpointPoint> points = new ArrayList<>();
        for (int i = 0; i < validation.length; i++) {
            points.add(new CheckpointPoint("ckpt-epoch-" + (i + 1), i + 1, null, validation[i],
                    train == null ? null : train[i], Map.of("accuracy", accuracy[i])));
        }
        return points;
    }

    @Test
    void fallingThenRisingValidationWithFallingTrainingIsOverfitting() {
        List<CheckpointPoint> points = curve(
                new double[] {0.90, 0.70, 0.60, 0.65, 0.72},
                new double[] {1.50, 1.10, 0.90, 0.70, 0.50},
                new double[] {0.30, 0.60, 0.78, 0.80, 0.79});
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(points);
        assertEquals(new BestCheckpoint("ckpt-epoch-3", "validation_loss", 0.60), analysis.best());
        Overfitting overfitting = analysis.overfitting();
        assertTrue(overfitting.detected());
        assertEquals("ckpt-epoch-4", overfitting.fromModel());
        assertEquals(1, overfitting.patience());
        assertEquals("validation loss rose at ckpt-epoch-4 (0.6000 → 0.6500) while training loss fell (0.9000 → 0.7000)",
                overfitting.reason());
    }

    @Test
    void patienceTwoNeedsTwoConsecutiveRises() {
        double[] train = {1.5, 1.1, 0.9, 0.7, 0.5, 0.4};
        double[] accuracy = {0, 0, 0, 0, 0, 0};
        Overfitting blip = CheckpointAnalysis.analyze(curve(new double[] {0.9, 0.7, 0.75, 0.6, 0.62, 0.58}, train, accuracy),
                Criterion.validationLoss(), 2, 1).overfitting();
        assertFalse(blip.detected());
        assertEquals("validation loss rose at ckpt-epoch-3, ckpt-epoch-5 but not for 2 consecutive checkpoints"
                + " while training loss fell", blip.reason());

        Overfitting sustained = CheckpointAnalysis.analyze(curve(new double[] {0.9, 0.7, 0.6, 0.65, 0.7, 0.8}, train, accuracy),
                Criterion.validationLoss(), 2, 1).overfitting();
        assertTrue(sustained.detected());
        assertEquals("ckpt-epoch-4", sustained.fromModel());
        assertTrue(sustained.reason().startsWith("validation loss rose at 2 consecutive checkpoints from ckpt-epoch-4"),
                sustained.reason());
    }

    @Test
    void monotoneFallingCurveIsNotOverfitting() {
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(curve(
                new double[] {0.768, 0.70, 0.64, 0.601},
                new double[] {1.5, 1.2, 1.0, 0.9},
                new double[] {0.28, 0.5, 0.7, 0.8}));
        assertFalse(analysis.overfitting().detected());
        assertNull(analysis.overfitting().fromModel());
        assertEquals("validation loss fell at every checkpoint", analysis.overfitting().reason());
        assertEquals("ckpt-epoch-4", analysis.best().model());
        assertEquals(0.601, analysis.best().value(), 0.0);
    }

    @Test
    void risingValidationWhileTrainingAlsoRisesIsNotOverfitting() {
        Overfitting overfitting = CheckpointAnalysis.analyze(curve(
                new double[] {0.8, 0.7, 0.9},
                new double[] {1.2, 1.0, 1.4},
                new double[] {0, 0, 0})).overfitting();
        assertFalse(overfitting.detected());
    }

    @Test
    void withoutTrainingLossARiseInValidationStillCounts() {
        Overfitting overfitting = CheckpointAnalysis.analyze(curve(
                new double[] {0.8, 0.7, 0.75}, null, new double[] {0, 0, 0})).overfitting();
        assertTrue(overfitting.detected());
        assertEquals("ckpt-epoch-3", overfitting.fromModel());
        assertTrue(overfitting.reason().endsWith("(training loss not recorded for every checkpoint)"));
    }

    @Test
    void bestByHighestMetric() {
        List<CheckpointPoint> points = curve(
                new double[] {0.90, 0.70, 0.60, 0.65},
                new double[] {1.5, 1.1, 0.9, 0.7},
                new double[] {0.30, 0.60, 0.78, 0.81});
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(points, Criterion.highest("accuracy"), 1, 1);
        assertEquals(new BestCheckpoint("ckpt-epoch-4", "accuracy", 0.81), analysis.best());
    }

    @Test
    void tiesKeepTheEarlierCheckpoint() {
        List<CheckpointPoint> points = curve(new double[] {0.7, 0.6, 0.6}, null, new double[] {0.5, 0.8, 0.8});
        assertEquals("ckpt-epoch-2", CheckpointAnalysis.analyze(points).best().model());
        assertEquals("ckpt-epoch-2",
                CheckpointAnalysis.analyze(points, Criterion.highest("accuracy"), 1, 1).best().model());
    }

    @Test
    void retentionKeepsTheBestAndTheLastN() {
        List<CheckpointPoint> points = curve(
                new double[] {0.9, 0.6, 0.7, 0.8, 0.85},
                new double[] {1.5, 1.1, 0.9, 0.7, 0.6},
                new double[] {0, 0, 0, 0, 0});
        Retention lastTwo = CheckpointAnalysis.analyze(points, Criterion.validationLoss(), 1, 2).retention();
        assertEquals(List.of("ckpt-epoch-2", "ckpt-epoch-4", "ckpt-epoch-5"), lastTwo.keep());
        assertEquals(List.of("ckpt-epoch-1", "ckpt-epoch-3"), lastTwo.mayDelete());

        Retention bestOnly = CheckpointAnalysis.analyze(points, Criterion.validationLoss(), 1, 0).retention();
        assertEquals(List.of("ckpt-epoch-2"), bestOnly.keep());
        assertEquals(List.of("ckpt-epoch-1", "ckpt-epoch-3", "ckpt-epoch-4", "ckpt-epoch-5"), bestOnly.mayDelete());
    }

    @Test
    void checkpointsWithoutValidationLossAreSkipped() {
        List<CheckpointPoint> points = List.of(
                new CheckpointPoint("a", 1, 100L, null, 1.0, Map.of()),
                new CheckpointPoint("b", 2, 200L, 0.7, 0.9, Map.of()));
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(points);
        assertEquals("b", analysis.best().model());
        assertFalse(analysis.overfitting().detected());
        assertEquals("fewer than two checkpoints have a validation loss", analysis.overfitting().reason());
    }

    @Test
    void noValuesForTheCriterionMeansNoBest() {
        List<CheckpointPoint> points = curve(new double[] {0.9, 0.8}, null, new double[] {0.1, 0.2});
        CheckpointAnalysis analysis = CheckpointAnalysis.analyze(points, Criterion.highest("f1"), 1, 1);
        assertNull(analysis.best());
        assertEquals(List.of("ckpt-epoch-2"), analysis.retention().keep());
    }

    @Test
    void rejectsDuplicateModelsAndBadSettings() {
        List<CheckpointPoint> duplicated = List.of(
                new CheckpointPoint("a", 1, null, 0.9, null, Map.of()),
                new CheckpointPoint("a", 2, null, 0.8, null, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> CheckpointAnalysis.analyze(duplicated));
        assertThrows(IllegalArgumentException.class,
                () -> CheckpointAnalysis.analyze(List.of(), Criterion.validationLoss(), 0, 1));
    }
}
