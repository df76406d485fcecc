package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.stats.Repeats;

import java.util.Map;
import java.util.TreeMap;

/**
 * What repeated sampling says about one cell: per-row stability of accuracy (always right, always
 * wrong, flaky), the spread of accuracy across repeats (the run's noise floor) and pass@k.
 */
final class RepeatFigures {
    private RepeatFigures() {
    }

    /** Null when the cell has a single repeat or no accuracy scorer. */
    static ObjectNode of(CellData cell, int repeats) {
        if (repeats < 2) {
            return null;
        }
        Map<Integer, boolean[]> byRow = new TreeMap<>();
        int[] rightPerRepeat = new int[repeats];
        int[] nPerRepeat = new int[repeats];
        for (int i = 0; i < cell.size(); i++) {
            int accuracy = cell.accuracy(i);
            if (accuracy < 0) {
                return null;
            }
            int row = (int) (cell.key(i) >>> 16);
            int repeat = (int) (cell.key(i) & 0xffff);
            if (repeat >= repeats) {
                continue;
            }
            byRow.computeIfAbsent(row, r -> new boolean[repeats])[repeat] = accuracy == 1;
            rightPerRepeat[repeat] += accuracy;
            nPerRepeat[repeat]++;
        }
        boolean[][] passed = byRow.values().toArray(new boolean[0][]);
        int[] correctByRow = new int[passed.length];
        for (int r = 0; r < passed.length; r++) {
            for (boolean p : passed[r]) {
                correctByRow[r] += p ? 1 : 0;
            }
        }
        double[] accuracyPerRepeat = new double[repeats];
        for (int k = 0; k < repeats; k++) {
            accuracyPerRepeat[k] = nPerRepeat[k] == 0 ? Double.NaN : rightPerRepeat[k] / (double) nPerRepeat[k];
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("repeats", repeats);
        o.set("stability", Json.MAPPER.valueToTree(Repeats.stability(passed)));
        o.set("accuracy_spread", Json.MAPPER.valueToTree(Repeats.spread(accuracyPerRepeat)));
        ObjectNode passAt = o.putObject("pass_at_k");
        for (int k = 1; k <= repeats; k *= 2) {
            passAt.put(String.valueOf(k), Repeats.meanPassAtK(correctByRow, repeats, k));
        }
        passAt.put(String.valueOf(repeats), Repeats.meanPassAtK(correctByRow, repeats, repeats));
        return o;
    }
}
