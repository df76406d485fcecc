package dev.tunebench.perf;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a scenario accepts, and how mistakes are explained. */
class PerfSettingsTest {

    private static PerfSettings server(int concurrency, int warmup) {
        return new PerfSettings(Scenario.SERVER, List.of(1), concurrency, null, Budget.requests(warmup),
                Budget.requests(10), 1, GenerationSettings.greedy(8), List.of(), 0);
    }

    @Test
    void warmUpBelowTheConcurrencyIsRefused() {
        InputException e = assertThrows(InputException.class, () -> server(4, 2));
        assertTrue(e.getMessage().contains("at least 4"), e.getMessage());
        assertEquals(4, server(4, 4).concurrency());
    }

    @Test
    void batchSizesAndConcurrencyBelongToTheirScenarios() {
        InputException batches = assertThrows(InputException.class, () -> new PerfSettings(Scenario.SINGLE_STREAM,
                List.of(1, 8), 1, null, Budget.requests(8), Budget.requests(8), 1, GenerationSettings.greedy(8), List.of(), 0));
        assertTrue(batches.getMessage().contains("offline"), batches.getMessage());
        InputException rate = assertThrows(InputException.class, () -> new PerfSettings(Scenario.OFFLINE,
                List.of(1), 1, 5.0, Budget.requests(8), Budget.requests(8), 1, GenerationSettings.greedy(8), List.of(), 0));
        assertTrue(rate.getMessage().contains("server"), rate.getMessage());
    }

    @Test
    void slosParseAndSuggestNames() {
        Slo slo = Slo.parse(" tpot_ms <= 20.5 ", "--slo");
        assertEquals(Slo.Metric.TPOT_MS, slo.metric());
        assertEquals(20.5, slo.limitMs());
        assertEquals("ttft_ms<=200", Slo.parse("ttft_ms<=200", "--slo").toString());
        InputException typo = assertThrows(InputException.class, () -> Slo.parse("ttf_ms<=200", "--slo"));
        assertTrue(typo.getMessage().contains("did you mean 'ttft_ms'"), typo.getMessage());
        assertThrows(InputException.class, () -> Slo.parse("ttft_ms < 200", "--slo"));
    }

    @Test
    void scenarioNamesSuggestTheClosest() {
        assertEquals(Scenario.SINGLE_STREAM, Scenario.parse("single-stream", "--scenario"));
        InputException e = assertThrows(InputException.class, () -> Scenario.parse("ofline", "--scenario"));
        assertTrue(e.getMessage().contains("did you mean 'offline'"), e.getMessage());
    }

    @Test
    void durationBudgetsAlwaysIssueOneRequest() {
        Budget b = Budget.seconds(1);
        assertTrue(b.allowsMore(0, 5_000_000_000L));
        assertTrue(b.allowsMore(3, 999_999_999L));
        assertEquals(false, b.allowsMore(3, 1_000_000_000L));
    }
}
