package dev.tunebench.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.results.Json;
import dev.tunebench.scoring.LabelMetrics;

/** The labels block of a result: classes, confusion matrix, per-class precision/recall/F1, macro-F1. */
final class Labels {
    private Labels() {
    }

    static ObjectNode toJson(LabelMetrics metrics) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ArrayNode classes = o.putArray("classes");
        metrics.classes().forEach(classes::add);
        ArrayNode matrix = o.putArray("confusion");
        for (long[] row : metrics.confusion()) {
            ArrayNode r = matrix.addArray();
            for (long v : row) {
                r.add(v);
            }
        }
        ObjectNode perClass = o.putObject("per_class");
        for (LabelMetrics.ClassMetrics c : metrics.perClass()) {
            ObjectNode pc = perClass.putObject(c.label());
            pc.put("precision", c.precision());
            pc.put("recall", c.recall());
            pc.put("f1", c.f1());
            pc.put("support", c.support());
        }
        o.put("macro_f1", metrics.macroF1());
        o.put("accuracy", metrics.accuracy());
        o.put("unparsed", metrics.unparsed());
        return o;
    }
}
