package dev.tunebench.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Does the fine-tune pay? Each candidate cell (model × technique) that meets the quality bar is set against
 * the baseline model's cheapest cell that meets it (or, when none does, its best cell by the bar's metric).
 * Daily cost at V requests a day = fixed + V / 1000 × cost per 1,000 requests, where a model's fixed cost is
 * hosting per hour × 24 plus its training cost (trained tokens / 1000 × training price) spread over the
 * horizon. The fine-tune breaks even at V = (fixed difference) / (per-request saving) × 1000; it never does
 * when it is not cheaper per request but dearer in fixed cost, and always does when it is neither.
 */
final class Economics {
    private Economics() {
    }

    private record Cell(String model, String technique, double metric, double prompt, double cost, Double p50, Double p95) {
        String name() {
            return model + "/" + technique;
        }
    }

    /** {@code roles}: each model's role ({@code baseline} or {@code candidate}) by id. */
    static ObjectNode build(JsonNode inputs, String baseline, java.util.Map<String, String> roles, ArrayNode results) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("currency", inputs.path("currency").asText());
        out.put("horizon_days", inputs.path("horizon_days").asInt());
        JsonNode bar = inputs.path("quality_bar");
        out.set("quality_bar", bar.isObject() ? bar.deepCopy() : out.nullNode());
        String metric = bar.isObject() ? bar.get("metric").asText() : "accuracy";
        boolean lowerIsBetter = bar.isObject() && bar.get("op").asText().equals("<=");
        List<Cell> base = new ArrayList<>();
        List<Cell> candidates = new ArrayList<>();
        for (JsonNode r : results) {
            JsonNode m = r.path("metrics");
            if (!m.path(metric).path("value").isNumber() || !m.path("cost_per_1k_requests").path("value").isNumber()) {
                continue;
            }
            Cell c = new Cell(r.get("model").asText(), r.get("technique").asText(), m.get(metric).get("value").asDouble(),
                    m.path("prompt_tokens_mean").path("value").asDouble(), m.get("cost_per_1k_requests").get("value").asDouble(),
                    number(m.path("latency_ms_p50").path("value")), number(m.path("latency_ms_p95").path("value")));
            String role = roles.getOrDefault(c.model(), "");
            if (c.model().equals(baseline)) {
                base.add(c);
            } else if (role.equals("candidate") && meets(bar, c.metric())) {
                candidates.add(c);
            }
        }
        List<Cell> baseMeeting = base.stream().filter(c -> meets(bar, c.metric())).toList();
        Comparator<Cell> byMetric = Comparator.comparingDouble(Cell::metric);
        Cell reference = !baseMeeting.isEmpty()
                ? baseMeeting.stream().min(Comparator.comparingDouble(Cell::cost).thenComparing(lowerIsBetter ? byMetric : byMetric.reversed())).orElseThrow()
                : base.stream().min((lowerIsBetter ? byMetric : byMetric.reversed()).thenComparingDouble(Cell::cost)).orElse(null);
        if (reference == null) {
            out.putNull("reference");
            out.putArray("cells");
            out.put("answer", "No baseline figures with a cost: give the suite's cost: prices to weigh a fine-tune against a prompt.");
            return out;
        }
        JsonNode prices = inputs.path("models");
        double refFixed = fixed(prices.path(reference.model()), inputs.path("horizon_days").asInt()).perDay;
        ObjectNode ref = out.putObject("reference");
        ref.put("model", reference.model()).put("technique", reference.technique()).put("meets_bar", !baseMeeting.isEmpty())
                .put(metric, reference.metric()).put("prompt_tokens_mean", reference.prompt())
                .put("cost_per_1k_requests", reference.cost()).put("fixed_per_day", refFixed);
        ArrayNode cells = out.putArray("cells");
        ObjectNode bestCell = null;
        Double bestVolume = null;
        for (Cell c : candidates) {
            Fixed f = fixed(prices.path(c.model()), inputs.path("horizon_days").asInt());
            double extraFixed = f.perDay - refFixed;
            double savingPer1k = reference.cost() - c.cost();
            Double breakEven = extraFixed <= 0 && savingPer1k >= 0 ? Double.valueOf(0)
                    : savingPer1k > 0 ? Double.valueOf(extraFixed / savingPer1k * 1000) : null;
            ObjectNode o = cells.addObject();
            o.put("model", c.model()).put("technique", c.technique()).put(metric, c.metric());
            o.put("prompt_tokens_saved_per_request", reference.prompt() - c.prompt());
            o.put("latency_ms_p50_saved", c.p50() == null || reference.p50() == null ? null : reference.p50() - c.p50());
            o.put("latency_ms_p95_saved", c.p95() == null || reference.p95() == null ? null : reference.p95() - c.p95());
            o.put("cost_per_1k_requests", c.cost());
            o.put("baseline_cost_per_1k_requests", reference.cost());
            o.put("training_cost", f.training);
            o.put("hosting_per_day", f.hostingPerDay);
            o.put("fixed_per_day", f.perDay);
            o.put("break_even_requests_per_day", breakEven);
            if (f.training == null) {
                o.put("note", "training cost unknown (no trained_tokens in a job file or no training_per_1k_tokens price): counted as 0");
            }
            if (breakEven != null && (bestVolume == null || breakEven < bestVolume)) {
                bestVolume = breakEven;
                bestCell = o;
            }
        }
        out.put("answer", answer(metric, bar, reference, !baseMeeting.isEmpty(), candidates, bestCell, bestVolume,
                inputs.path("currency").asText(), inputs.path("horizon_days").asInt()));
        return out;
    }

    private record Fixed(Double training, double hostingPerDay, double perDay) {
    }

    private static Fixed fixed(JsonNode price, int horizonDays) {
        Double hosting = number(price.path("hosting_per_hour"));
        Double perToken = number(price.path("training_per_1k_tokens"));
        Double tokens = number(price.path("trained_tokens"));
        Double training = perToken != null && tokens != null ? tokens / 1000 * perToken : null;
        double hostingPerDay = hosting == null ? 0 : hosting * 24;
        return new Fixed(training, hostingPerDay, hostingPerDay + (training == null ? 0 : training / horizonDays));
    }

    private static boolean meets(JsonNode bar, double value) {
        if (!bar.isObject()) {
            return true;
        }
        double t = bar.get("threshold").asDouble();
        return bar.get("op").asText().equals(">=") ? value >= t : value <= t;
    }

    private static String answer(String metric, JsonNode bar, Cell reference, boolean referenceMeets, List<Cell> candidates,
                                 ObjectNode best, Double volume, String currency, int horizon) {
        String barText = bar.isObject() ? bar.get("metric").asText() + " " + bar.get("op").asText() + " "
                + fmt(bar.get("threshold").asDouble()) : "no quality bar";
        if (candidates.isEmpty()) {
            return "No fine-tuned cell meets " + barText + ", so there is nothing to pay for.";
        }
        String against = reference.name() + (referenceMeets ? " (the cheapest baseline cell that meets " + barText + ")"
                : " (the baseline's best cell, " + metric + " " + fmt(reference.metric()) + ", which does not meet " + barText + ")");
        if (best == null) {
            return "No: every fine-tuned cell that meets " + barText + " costs at least as much per request as "
                    + against + ", so its hosting and training are never paid back by saved prompt tokens"
                    + (referenceMeets ? "." : "; it is still the only way to meet the bar.");
        }
        String cell = best.get("model").asText() + "/" + best.get("technique").asText();
        if (volume == 0) {
            return "Yes: " + cell + " meets " + barText + " and costs less than " + against + " at any volume.";
        }
        return String.format(Locale.ROOT, "Yes above %,.0f requests a day: %s meets %s, saves %.0f prompt tokens per request "
                        + "against %s, and pays back %s %.2f a day of hosting and training (spread over %d days) from there.",
                volume, cell, barText, best.get("prompt_tokens_saved_per_request").asDouble(), against, currency,
                best.get("fixed_per_day").asDouble(), horizon);
    }

    private static String fmt(double v) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", v)).stripTrailingZeros().toPlainString();
    }

    private static Double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : null;
    }
}
