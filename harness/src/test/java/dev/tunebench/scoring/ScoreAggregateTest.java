package dev.tunebench.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScoreAggregateTest {

    @Test
    void meanAndPassCountOverACell() {
        ScoreAggregate a = ScoreAggregate.EMPTY.plus(Score.pass("x")).plus(Score.fail("y", "no"))
                .plus(new Score(0.5, null, "", null, null));
        assertEquals(new ScoreAggregate(3, 1.5, 1), a);
        assertEquals(0.5, a.mean(), 1e-12);
        assertEquals(new ScoreAggregate(4, 2.5, 2), a.combine(ScoreAggregate.EMPTY.plus(Score.pass("z"))));
    }

    @Test
    void emptyCellHasNoMean() {
        assertTrue(Double.isNaN(ScoreAggregate.EMPTY.mean()));
    }
}
