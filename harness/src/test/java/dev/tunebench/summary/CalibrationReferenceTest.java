package dev.tunebench.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.results.Sample;
import dev.tunebench.stats.Bootstrap;
import dev.tunebench.stats.Calibration;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Expected calibration error and log-loss of a classifier's samples against independent code: the committed
 * figures of Guo et al.'s reference _ECELoss (15 bins) and PyTorch's cross_entropy, made by
 * {@code calibration/make_reference.py}. The reference sums in float32, hence 1e-6.
 */
class CalibrationReferenceTest {

    @Test
    void eceAndLogLossMatchTheReferenceImplementations() throws IOException {
        JsonNode cases;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/calibration/reference.json"))) {
            cases = Json.MAPPER.readTree(in).path("cases");
        }
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            CalibrationTally tally = new CalibrationTally();
            int row = 0;
            for (JsonNode probs : c.path("probabilities")) {
                Map<String, Double> byLabel = new LinkedHashMap<>();
                for (int k = 0; k < probs.size(); k++) {
                    byLabel.put("c" + k, probs.get(k).asDouble());
                }
                tally.add(sample(row, "c" + c.path("labels").get(row).asInt(), byLabel));
                row++;
            }
            ObjectNode metrics = Json.MAPPER.createObjectNode();
            Bootstrap bootstrap = Bootstrap.withSeed(1);
            tally.addMetrics(metrics, new CellMetrics(bootstrap, java.util.List.of()));
            double ece = c.path("ece").asDouble();
            assertEquals(ece, metrics.path("ece").path("value").asDouble(), 1e-6);
            assertEquals(ece, tally.toJson().path("ece").asDouble(), 1e-6);
            assertEquals(c.path("log_loss").asDouble(), metrics.path("log_loss").path("value").asDouble(), 1e-9);
            assertTrue(metrics.path("ece").path("ci_low").isNull(), "ECE has no bootstrap interval");
            assertTrue(metrics.path("log_loss").path("ci_low").asDouble() <= c.path("log_loss").asDouble(),
                    "log-loss is a mean with its interval");
            int binned = 0;
            for (JsonNode bin : tally.toJson().path("bins")) {
                binned += bin.path("count").asInt();
            }
            assertEquals(row, binned, "every row falls in one bin");
        }
    }

    @Test
    void perfectlyCalibratedConfidenceHasNoError() {
        // Confidence 0.75 and three of four right: the bin's accuracy equals its confidence.
        double[] confidence = {0.75, 0.75, 0.75, 0.75};
        boolean[] correct = {true, true, false, true};
        assertEquals(0.0, Calibration.of(confidence, correct, 15).ece(), 1e-12);
        assertEquals(0.25, Calibration.of(confidence, new boolean[]{true, true, true, true}, 15).ece(), 1e-12);
    }

    @Test
    void binsAreOpenBelowAndClosedAbove() {
        // A top-label confidence is at least 1/classes; 0 would only come from a hand-made sample.
        assertEquals(1, Calibration.of(new double[]{0.0}, new boolean[]{true}, 10).bins().get(0).count());
        assertEquals(1, Calibration.of(new double[]{0.1}, new boolean[]{true}, 10).bins().get(0).count());
        assertEquals(1, Calibration.of(new double[]{1.0}, new boolean[]{true}, 10).bins().get(9).count());
        assertEquals(1, Calibration.of(new double[]{0.1000001}, new boolean[]{true}, 10).bins().get(1).count());
    }

    private static Sample sample(int row, String expected, Map<String, Double> probabilities) {
        String predicted = probabilities.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new Sample("m", "t", row, "d.jsonl:" + (row + 1), 0, "p", "", predicted, predicted, expected,
                Map.of(), null, null, expected, predicted, 1, 0, "eos", 1.0, 1.0, 0.0, null, null, null, null, probabilities, null, null, null, null);
    }
}
