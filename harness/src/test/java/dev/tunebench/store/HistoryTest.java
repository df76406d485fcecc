package dev.tunebench.store;

import dev.tunebench.gate.Cell;
import dev.tunebench.gate.RowOutcome;
import dev.tunebench.gate.RunRows;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The tests behind `tunebench history`, against reference values (src/test/resources/store/two_proportion_z.py). */
class HistoryTest {

    private static CellFigure figure(int passes, int n) {
        return new CellFigure("m", "t", "accuracy", (double) passes / n, null, null, n);
    }

    @Test
    void unpairedChangesMatchThePooledTwoProportionZTest() {
        assertEquals(0.01682740948275682, History.unpairedP(figure(48, 60), figure(36, 60)), 1e-12);
        assertEquals(0.231162885608662, History.unpairedP(figure(160, 200), figure(150, 200)), 1e-12);
        assertEquals(0.24258357934832098, History.unpairedP(figure(30, 100), figure(45, 120)), 1e-12);
        assertNull(History.unpairedP(figure(0, 1), new CellFigure("m", "t", "accuracy", 0.5, null, null, null)));
    }

    @Test
    void pairedChangesUseTheDiscordantRowsBothRunsScored() {
        Cell cell = new Cell("m", "t");
        List<RowOutcome> before = new ArrayList<>();
        List<RowOutcome> now = new ArrayList<>();
        // 12 rows lost, 2 gained, 20 unchanged; row 99 only in the later run (not paired).
        for (int row = 0; row < 34; row++) {
            int was = row < 12 ? 1 : row < 14 ? 0 : row % 2;
            int is = row < 12 ? 0 : row < 14 ? 1 : row % 2;
            before.add(new RowOutcome(row, 0, was, null, 1, 1, 1.0, false));
            now.add(new RowOutcome(row, 0, is, null, 1, 1, 1.0, false));
        }
        now.add(new RowOutcome(99, 0, 1, null, 1, 1, 1.0, false));
        Double p = History.pairedP(new RunRows(Map.of(cell, before)), new RunRows(Map.of(cell, now)), cell, "accuracy");
        // Exact McNemar, b = 12, c = 2: 2 * P(X <= 2), X ~ Binomial(14, 1/2) = 2 * 106 / 16384.
        assertEquals(2.0 * (1 + 14 + 91) / 16384, p, 1e-15);
        assertNull(History.pairedP(new RunRows(Map.of()), new RunRows(Map.of(cell, now)), cell, "accuracy"));
    }
}
