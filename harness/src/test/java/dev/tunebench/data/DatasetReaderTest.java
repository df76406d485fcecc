package dev.tunebench.data;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.tunebench.data.MessageAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetReaderTest {
    @TempDir
    Path dir;

    private static final String GOOD = "{\"messages\": [{\"role\": \"system\", \"content\": \"S\"}, "
            + "{\"role\": \"user\", \"content\": \"U\"}, {\"role\": \"assistant\", \"content\": \"A\", \"weight\": 1}]}";

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> read(DataSource source) {
        try (Stream<Row> rows = DatasetReader.open(source)) {
            return rows.toList();
        }
    }

    private String error(DataSource source) {
        return assertThrows(InputException.class, () -> read(source)).getMessage();
    }

    @Test
    void chatRowsKeepTurnsWeightsAndLinesAndSkipBlankLines() {
        Path f = write("d.jsonl", GOOD + "\n\n" + "{\"messages\": [{\"role\": \"user\", \"content\": \"Q\"}, "
                + "{\"role\": \"assistant\", \"content\": \"no\", \"weight\": 0}, {\"role\": \"user\", \"content\": \"Q2\"}, "
                + "{\"role\": \"assistant\", \"content\": \"yes\"}]}\n");
        List<Row> rows = read(DataSource.chat(f));
        assertEquals(2, rows.size());
        assertEquals(List.of(Message.system("S"), Message.user("U")), rows.get(0).input());
        assertEquals("A", rows.get(0).expected());
        assertEquals("d.jsonl:1", rows.get(0).rowId());
        assertEquals(1, rows.get(1).index());
        assertEquals("d.jsonl:3", rows.get(1).rowId());
        assertEquals(new Message(Role.ASSISTANT, "no", false), rows.get(1).input().get(1));
        assertEquals("yes", rows.get(1).expected());
        assertEquals(2, DatasetReader.count(DataSource.chat(f)));
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() {
        Path f = write("d.jsonl", GOOD + "\n{\"messages\": [oops]}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":2: not valid JSON").contains("column").contains("fix or remove the line");
    }

    @Test
    void rowWithoutAssistantAnswerSaysHowToFix() {
        Path f = write("d.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"Q\"}]}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":1: messages: the last turn must be the assistant's expected answer")
                .contains("got a user turn").contains("Add {\"role\": \"assistant\"");
    }

    @Test
    void unknownRoleSuggestsTheClosest() {
        Path f = write("d.jsonl", "{\"messages\": [{\"role\": \"usr\", \"content\": \"Q\"}, {\"role\": \"assistant\", \"content\": \"A\"}]}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":1: messages[0].role: unknown role 'usr' (did you mean 'user'?)");
    }

    @Test
    void missingContentNamesTheTurn() {
        Path f = write("d.jsonl", "{\"messages\": [{\"role\": \"user\"}, {\"role\": \"assistant\", \"content\": \"A\"}]}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":1: messages[0].content: missing");
    }

    @Test
    void weightMustBeZeroOrOne() {
        Path f = write("d.jsonl", "{\"messages\": [{\"role\": \"user\", \"content\": \"Q\"}, {\"role\": \"assistant\", \"content\": \"A\", \"weight\": 2}]}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":1: messages[1].weight: expected 0 or 1, got 2");
    }

    @Test
    void missingMessagesFieldSuggestsIt() {
        Path f = write("d.jsonl", "{\"mesages\": []}\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ":1: field 'messages' is missing (did you mean 'messages'?)");
    }

    @Test
    void emptyDataSetIsAnError() {
        Path f = write("d.jsonl", "\n\n");
        assertThat(error(DataSource.chat(f))).startsWith(f + ": the data set is empty");
        Path csv = write("d.csv", "input,expected\n");
        assertThat(error(DataSource.fields(csv, DataFormat.CSV, null, null))).startsWith(csv + ": the data set is empty");
    }

    @Test
    void missingFileIsAnInputError() {
        assertThat(error(DataSource.chat(dir.resolve("nope.jsonl")))).contains("nope.jsonl: data file not found");
    }

    @Test
    void fieldJsonlBuildsSystemUserAssistantAndKeepsJsonValuesAsText() {
        Path f = write("d.jsonl", "{\"q\": \"hello\", \"a\": {\"intent\": \"refund\"}}\n{\"q\": \"x\", \"a\": \"y\", \"sys\": \"own\"}\n");
        DataSource source = DataSource.fields(f, DataFormat.FIELDS_JSONL, "q", "a").withSystem("sys", "fixed");
        List<Row> rows = read(source);
        assertEquals(List.of(Message.system("fixed"), Message.user("hello"), Message.assistant("{\"intent\":\"refund\"}")),
                rows.get(0).conversation());
        assertEquals(List.of(Message.system("own"), Message.user("x")), rows.get(1).input());
    }

    @Test
    void fieldJsonlMissingFieldSuggestsTheClosest() {
        Path f = write("d.jsonl", "{\"inputs\": \"hello\", \"expected\": \"x\"}\n");
        assertThat(error(DataSource.fields(f, DataFormat.FIELDS_JSONL, null, null)))
                .startsWith(f + ":1: field 'input' (the input) is missing (did you mean 'inputs'?)");
    }

    @Test
    void textPairsBecomeTwoUserTurnsFromJsonlAndCsv() {
        Path f = write("p.jsonl", "{\"premise\": \"A man sleeps.\", \"hypothesis\": \"A person rests.\", \"label\": \"entailment\"}\n");
        DataSource jsonl = new DataSource(f, DataFormat.FIELDS_JSONL, "premise", "label", null, null, "hypothesis");
        assertEquals(List.of(Message.user("A man sleeps."), Message.user("A person rests."), Message.assistant("entailment")),
                read(jsonl).get(0).conversation());
        Path c = write("p.csv", "premise,hypothesis,label\nA dog runs.,Nobody runs.,contradiction\n");
        assertEquals(List.of(Message.user("A dog runs."), Message.user("Nobody runs.")),
                read(new DataSource(c, DataFormat.CSV, "premise", "label", null, null, "hypothesis")).get(0).input());
    }

    @Test
    void textPairWithoutItsSecondFieldNamesLineFieldAndFix() {
        Path f = write("p.jsonl", "{\"premise\": \"a\", \"hypothesis\": \"b\", \"label\": \"neutral\"}\n"
                + "{\"premise\": \"a\", \"hypotesis\": \"b\", \"label\": \"neutral\"}\n");
        assertThat(error(new DataSource(f, DataFormat.FIELDS_JSONL, "premise", "label", null, null, "hypothesis")))
                .startsWith(f + ":2: field 'hypothesis' (the pair) is missing (did you mean 'hypotesis'?)")
                .contains("set data.pair");
        Path c = write("p.csv", "premise,label\na,neutral\n");
        assertThat(error(new DataSource(c, DataFormat.CSV, "premise", "label", null, null, "hypothesis")))
                .startsWith(c + ":2: field 'hypothesis' (the pair) is missing").contains("set data.pair");
    }

    @Test
    void csvHandlesQuotesCommasAndLineBreaksInFields() {
        Path f = write("d.csv", "\uFEFFid,text,label\r\n1,\"a, \"\"quoted\"\"\r\nsecond line\",refund\r\n2,plain,\"\"\n\n3,last,x");
        List<Row> rows = read(DataSource.fields(f, DataFormat.CSV, "text", "label"));
        assertEquals(3, rows.size());
        assertEquals(List.of(Message.user("a, \"quoted\"\nsecond line")), rows.get(0).input());
        assertEquals("refund", rows.get(0).expected());
        assertEquals("d.csv:2", rows.get(0).rowId());
        assertEquals("", rows.get(1).expected());
        assertEquals("d.csv:4", rows.get(1).rowId());
        assertEquals("d.csv:6", rows.get(2).rowId());
    }

    @Test
    void csvErrorsNameTheLine() {
        Path f = write("d.csv", "input,expected\nok,1\nmissing a column\n");
        assertThat(error(DataSource.fields(f, DataFormat.CSV, null, null)))
                .startsWith(f + ":3: the record has 1 fields but the header has 2");
        Path g = write("g.csv", "input,expected\nok,1\n\"never closed,2\n");
        assertThat(error(DataSource.fields(g, DataFormat.CSV, null, null))).startsWith(g + ":3: a quoted field is never closed");
        Path h = write("h.csv", "text,expected\nok,1\n");
        assertThat(error(DataSource.fields(h, DataFormat.CSV, null, null)))
                .startsWith(h + ":2: field 'input' (the input) is missing").contains("set data.input");
    }

    @Test
    void hundredThousandRowsStreamWithoutBeingHeld() throws IOException {
        Path f = dir.resolve("big.jsonl");
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 100_000; i++) {
                w.write(GOOD);
                w.write('\n');
            }
        }
        try (Stream<Row> rows = DatasetReader.open(DataSource.chat(f))) {
            // A stream that is never collected: each row is garbage as soon as it is counted.
            assertEquals(100_000, rows.filter(r -> r.expected().equals("A")).count());
        }
        assertEquals(100_000, DatasetReader.count(DataSource.chat(f)));
    }
}
