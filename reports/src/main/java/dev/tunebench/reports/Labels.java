package dev.tunebench.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The label-task block of a cell: classes, confusion counts (expected × predicted) and per-class figures. */
public record Labels(List<String> classes, long[][] confusion, List<ClassFigures> perClass, Double macroF1,
                     long unparsed) {

    public record ClassFigures(String label, Double precision, Double recall, Double f1, long support) {
    }

    /** Null when the cell has no label block or no classes. */
    public static Labels from(JsonNode node) {
        if (node == null) {
            return null;
        }
        List<String> classes = new ArrayList<>();
        for (JsonNode c : Json.array(node, "classes")) {
            classes.add(Text.clean(c.asText()));
        }
        if (classes.isEmpty()) {
            return null;
        }
        long[][] confusion = new long[classes.size()][classes.size()];
        int i = 0;
        for (JsonNode row : Json.array(node, "confusion")) {
            for (int j = 0; j < classes.size() && i < classes.size() && j < row.size(); j++) {
                confusion[i][j] = row.get(j).asLong();
            }
            i++;
        }
        JsonNode per = Json.object(node, "per_class");
        List<ClassFigures> perClass = new ArrayList<>();
        for (String c : classes) {
            JsonNode f = per == null ? null : per.get(c);
            if (f != null) {
                perClass.add(new ClassFigures(c, Json.number(f, "precision"), Json.number(f, "recall"),
                        Json.number(f, "f1"), Json.count(f, "support")));
            }
        }
        return new Labels(List.copyOf(classes), confusion, List.copyOf(perClass), Json.number(node, "macro_f1"),
                Json.count(node, "unparsed"));
    }
}
