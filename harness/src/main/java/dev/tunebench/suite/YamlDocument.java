package dev.tunebench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tunebench.spi.InputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses YAML into a Jackson tree while remembering the line of every field path, so errors can name
 * {@code file:line}. SnakeYAML's node graph is used rather than Jackson's YAML parser because Jackson
 * does not resolve aliases to scalars (anchored instruction texts) and silently keeps the last of
 * duplicate keys.
 */
final class YamlDocument {
    private static final int MAX_DEPTH = 100;
    /** Aliases to lists and maps per document; real suites use a handful. */
    static final int MAX_ALIASES = 50;
    /** Nested lists and maps; the deepest real suite (an inline JSON schema) stays under 20. */
    static final int MAX_NESTING = 50;
    /** Characters in a suite file; real suites are a few kilobytes. */
    static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Characters on one line: SnakeYAML's scanner slows quadratically on very long lines. */
    static final int MAX_LINE = 64 * 1024;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlDocument(String file) {
        this.file = file;
    }

    /** The root of {@code text}, read from {@code file} (used in messages). */
    static YamlNode parse(String text, String file) {
        YamlDocument doc = new YamlDocument(file);
        LoaderOptions options = new LoaderOptions();
        // Bounds against hostile files (billion laughs, bracket towers, megabyte scalars), set here rather
        // than trusted to SnakeYAML's defaults.
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        StreamReader reader = new StreamReader(new StringReader(text));
        Node root;
        try {
            root = new Composer(new ParserImpl(reader, options), new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String at = m == null ? "" : ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            throw new InputException(file + at + ": invalid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")")
                    + ". Check indentation and quoting at that line and column.", e);
        } catch (YAMLException e) {
            // Limit errors carry no mark, but the reader stops just past the offending spot; a reader error
            // has the offset of the bad character.
            int line = e instanceof ReaderException r ? lineAt(text, r.getPosition()) : reader.getLine() + 1;
            throw new InputException(file + ":" + line + ": invalid YAML: " + e.getMessage()
                    + hint(e) + ".", e);
        }
        if (root == null) {
            throw new InputException(file + ": the suite file is empty; see docs/suite-format.md for a complete example.");
        }
        return new YamlNode(doc, "", doc.convert(root, "", 0));
    }

    /** The 1-based line of the code point at {@code offset}. */
    private static int lineAt(String text, int offset) {
        int line = 1;
        int[] codePoints = text.codePoints().limit(offset).toArray();
        for (int c : codePoints) {
            if (c == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String hint(YAMLException e) {
        if (e instanceof ReaderException) {
            return " (a control character or byte that YAML text may not hold); remove it or save the file as plain UTF-8 text";
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("aliases")) {
            return " (anchors that expand into each other, an 'alias bomb'); repeat the text or use fewer aliases of "
                    + "lists and maps";
        }
        if (m.contains("Nesting Depth")) {
            return " (no suite nests this deep); flatten the structure";
        }
        if (m.contains("code points")) {
            return " (no suite is this large); point at the right file";
        }
        return "";
    }

    String file() {
        return file;
    }

    /** The 1-based line of {@code path}, or of its nearest ancestor present in the file; 0 when unknown. */
    int line(String path) {
        String p = path;
        while (true) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    private JsonNode convert(Node node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            String shown = path.length() > 80 ? path.substring(0, 80) + "…" : path;
            throw new InputException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + shown
                    + ": nested too deeply (a recursive alias?); flatten the structure.");
        }
        lines.putIfAbsent(path, node.getStartMark().getLine() + 1);
        if (node instanceof MappingNode m) {
            return mapping(m, path, depth);
        }
        if (node instanceof SequenceNode s) {
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < s.getValue().size(); i++) {
                array.add(convert(s.getValue().get(i), path + "[" + i + "]", depth + 1));
            }
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private ObjectNode mapping(MappingNode m, String path, int depth) {
        ObjectNode object = JSON.objectNode();
        List<Node> merged = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                throw new InputException(file + ":" + (t.getKeyNode().getStartMark().getLine() + 1) + ": " + path
                        + ": keys must be plain names, not lists or maps.");
            }
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merged.add(t.getValueNode());
                continue;
            }
            String key = keyNode.getValue();
            String child = path.isEmpty() ? key : path + "." + key;
            if (object.has(key)) {
                throw new InputException(file + ":" + (keyNode.getStartMark().getLine() + 1) + ": " + child
                        + ": duplicate key (first on line " + line(child) + "); keep only one.");
            }
            object.set(key, convert(t.getValueNode(), child, depth + 1));
        }
        // YAML merge keys (<<: *defaults): explicit keys win over merged ones.
        for (Node source : merged) {
            List<Node> maps = source instanceof SequenceNode s ? s.getValue() : List.of(source);
            for (Node map : maps) {
                JsonNode converted = convert(map, path, depth + 1);
                converted.fields().forEachRemaining(e -> {
                    if (!object.has(e.getKey())) {
                        object.set(e.getKey(), e.getValue());
                    }
                });
            }
        }
        return object;
    }

    private static JsonNode scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return JSON.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
            String b = v.toLowerCase(Locale.ROOT);
            return JSON.booleanNode(b.equals("true") || b.equals("yes") || b.equals("on"));
        }
        if (tag.equals(Tag.INT)) {
            BigInteger i = integer(v.replace("_", ""));
            if (i != null) {
                return i.bitLength() < 32 ? JSON.numberNode(i.intValue())
                        : i.bitLength() < 64 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            String f = v.replace("_", "").toLowerCase(Locale.ROOT);
            return JSON.numberNode(switch (f) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.parseDouble(f);
            });
        }
        return JSON.textNode(v);
    }

    /** YAML 1.1 integers: decimal, 0x hex, 0b binary, leading-0 octal; null for other forms (kept as text). */
    private static BigInteger integer(String v) {
        boolean negative = v.startsWith("-");
        String d = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
        BigInteger i;
        try {
            if (d.startsWith("0x")) {
                i = new BigInteger(d.substring(2), 16);
            } else if (d.startsWith("0b")) {
                i = new BigInteger(d.substring(2), 2);
            } else if (d.length() > 1 && d.startsWith("0")) {
                i = new BigInteger(d.substring(1), 8);
            } else {
                i = new BigInteger(d);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return negative ? i.negate() : i;
    }
}
