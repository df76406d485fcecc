package dev.tunebench.datacheck;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default epoch rule against the figures OpenAI's cookbook prints (Chat_finetuning_data_prep.ipynb: its
 * 5-example toy file trains "for 20 epochs" by default) and the edges of the rule it states.
 */
class DefaultEpochsTest {
    @Test
    void theCookbooksFiveExampleFileTrainsForTwentyEpochs() {
        assertEquals(20, DefaultEpochs.forExamples(5));
    }

    @Test
    void smallFilesAreCappedAtTwentyFiveEpochs() {
        assertEquals(25, DefaultEpochs.forExamples(1));
        assertEquals(25, DefaultEpochs.forExamples(4));
    }

    @Test
    void mediumFilesTrainForThreeEpochs() {
        assertEquals(3, DefaultEpochs.forExamples(34));
        assertEquals(3, DefaultEpochs.forExamples(480));
        assertEquals(3, DefaultEpochs.forExamples(8333));
    }

    @Test
    void largeFilesTrainForFewerEpochsButAtLeastOne() {
        assertEquals(2, DefaultEpochs.forExamples(8334));
        assertEquals(2, DefaultEpochs.forExamples(10_000));
        assertEquals(1, DefaultEpochs.forExamples(25_001));
        assertEquals(1, DefaultEpochs.forExamples(1_000_000));
    }

    @Test
    void justUnderTheTargetTheQuotientDecides() {
        assertEquals(3, DefaultEpochs.forExamples(33));
    }
}
