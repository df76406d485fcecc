package dev.tunebench.store;

import java.util.List;

/**
 * A completed run as the store indexes it. The run is identified by its folder and start time (a folder
 * reused night after night is several runs). {@code rows} is the run's per-row outcomes as a baseline
 * document (gzip), so paired comparisons and {@code gate --baseline last-go} work after the folder is gone.
 *
 * @param gitCommit the commit of the suite's repository, or null outside one
 * @param gate      {@code go} or {@code no-go} once {@code tunebench gate} decided, else null
 */
public record RunRecord(String runDir, String startedAt, String endedAt, String suite, String suiteSha256,
                        String dataSha256, String gitCommit, String gate, List<CellFigure> cells, byte[] rows) {
    public RunRecord {
        cells = List.copyOf(cells);
    }

    public RunRecord withRows(byte[] newRows) {
        return new RunRecord(runDir, startedAt, endedAt, suite, suiteSha256, dataSha256, gitCommit, gate, cells, newRows);
    }
}
