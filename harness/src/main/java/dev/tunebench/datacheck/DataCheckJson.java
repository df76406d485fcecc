package dev.tunebench.datacheck;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;

import java.util.List;

/** {@code data check --json}: the same findings and figures as the text output, as one JSON object. */
public final class DataCheckJson {
    private DataCheckJson() {
    }

    public static ObjectNode of(DataCheck c) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("file", c.file().file().toString());
        root.put("rejected", c.rejected());
        ArrayNode findings = root.putArray("findings");
        c.file().findings().forEach(f -> findings.addObject().put("line", f.line()).put("field", f.field())
                .put("message", f.message()));
        ObjectNode figures = root.putObject("figures");
        figures.put("examples", c.figures().examples());
        figures.putObject("turns_per_example").put("min", c.figures().turnsMin())
                .put("mean", c.figures().turnsMean()).put("max", c.figures().turnsMax());
        if (c.tokens() != null) {
            TokenFigures t = c.tokens();
            ObjectNode tokens = root.putObject("tokens");
            TokenFigures.Distribution d = t.tokens();
            tokens.putObject("per_example").put("min", d.min()).put("mean", d.mean()).put("p50", d.p50())
                    .put("p95", d.p95()).put("max", d.max());
            tokens.put("loss_tokens", t.lossTokens());
            tokens.put("context_length", t.contextLength() == 0 ? null : t.contextLength());
            ArrayNode over = tokens.putArray("over_context_lines");
            t.overContext().forEach(over::add);
            tokens.put("tokens_per_epoch", t.tokensPerEpoch());
            tokens.put("epochs", t.epochs());
            tokens.put("epochs_source", t.epochsSource());
            tokens.put("billed_training_tokens", t.billedTokens());
        }
        root.set("duplicates", pairs(c.duplicates()));
        root.put("near_duplicate_threshold", Overlap.THRESHOLD);
        if (c.labels() != null) {
            root.set("labels", labels(c.labels()));
        }
        ArrayNode against = root.putArray("against");
        for (DataCheck.Against a : c.against()) {
            ObjectNode o = against.addObject();
            o.put("file", a.file().file().toString());
            o.put("examples", a.file().examples().size());
            o.put("exact", a.pairs().stream().filter(Overlap.Pair::exact).count());
            o.put("near", a.pairs().stream().filter(p -> !p.exact()).count());
            o.put("lines_involved", Overlap.linesInvolved(a.pairs()));
            o.set("pairs", pairs(a.pairs()));
            if (a.labels() != null) {
                o.set("labels", labels(a.labels()));
            }
            if (a.labelComparison() != null) {
                o.putObject("label_comparison").put("total_variation", a.labelComparison().totalVariation())
                        .put("p_value", a.labelComparison().pValue()).put("differs", a.labelComparison().differs());
            }
        }
        return root;
    }

    private static ArrayNode pairs(List<Overlap.Pair> pairs) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        pairs.forEach(p -> out.addObject().put("line", p.line()).put("other_line", p.otherLine())
                .put("kind", p.exact() ? "exact" : "near").put("similarity", p.similarity())
                .put("same_answer", p.sameAnswer()));
        return out;
    }

    private static ObjectNode labels(LabelShares l) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        l.counts().forEach((label, n) -> out.putObject(label).put("count", n).put("share", l.share(label)));
        return out;
    }
}
