package dev.tunebench.gate;

import dev.tunebench.results.SampleReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-row outcomes of every model × technique of a run, in samples.jsonl order. */
public record RunRows(Map<Cell, List<RowOutcome>> cells) {

    public RunRows {
        Map<Cell, List<RowOutcome>> copy = new LinkedHashMap<>();
        cells.forEach((cell, rows) -> copy.put(cell, List.copyOf(rows)));
        cells = java.util.Collections.unmodifiableMap(copy);
    }

    /** Reads samples.jsonl; like the summary, a sample seen twice (a resumed run) counts once, the first time. */
    public static RunRows read(Path runDir) {
        Map<Cell, List<RowOutcome>> cells = new LinkedHashMap<>();
        Map<Cell, Set<Long>> seen = new LinkedHashMap<>();
        SampleReader.forEach(runDir, s -> {
            Cell cell = new Cell(s.model(), s.technique());
            RowOutcome row = RowOutcome.of(s);
            if (seen.computeIfAbsent(cell, c -> new HashSet<>()).add(row.key())) {
                cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(row);
            }
        });
        return new RunRows(cells);
    }

    public List<RowOutcome> rows(Cell cell) {
        return cells.getOrDefault(cell, List.of());
    }
}
