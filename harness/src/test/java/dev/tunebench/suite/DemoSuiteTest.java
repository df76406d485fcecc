package dev.tunebench.suite;

import dev.tunebench.data.DatasetReader;
import dev.tunebench.data.Row;
import dev.tunebench.scoring.Score;
import dev.tunebench.scoring.Scorer;
import dev.tunebench.spi.Decoding;
import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.RunnerSettings;
import dev.tunebench.technique.Technique;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo suite is exactly the one in shared/demo-models/README.md. */
class DemoSuiteTest {
    static final Path ROOT = Path.of(System.getProperty("tunebench.root", "..")).toAbsolutePath().normalize();
    static final Path DEMO = ROOT.resolve("suites/demo/triage.yaml");
    static final String STRUCTURED = "Classify the customer's message. Labels: refund, delivery, account, network, "
            + "billing, cancel. Answer with JSON like {\"intent\": \"<label>\"}.";
    static final String SYSTEM = "You are a support triage assistant.";
    static final String USER = "hey, I returned the remote two days ago and still no money back any ideas?";

    /** Stands in for real scorers so this test checks the suite, not the scoring package. */
    record NamedScorer(String name) implements Scorer {
        @Override
        public Score score(String answer, String expected) {
            return Score.pass(answer);
        }
    }

    static Suite suite;
    static Row row0;

    @BeforeAll
    static void load() {
        suite = SuiteLoader.load(DEMO, spec -> new NamedScorer(spec.name()));
        try (Stream<Row> rows = DatasetReader.open(suite.eval())) {
            row0 = rows.findFirst().orElseThrow();
        }
    }

    private static int lineOf(String text) throws IOException {
        return Files.readAllLines(DEMO).indexOf(text) + 1;
    }

    private Prompt render(String technique) {
        return suite.technique(technique).orElseThrow().apply(row0);
    }

    @Test
    void modelsAreBaseThenCheckpointsInEpochOrder() {
        assertEquals(List.of("base", "ckpt-epoch-1", "ckpt-epoch-2", "ckpt-epoch-3", "ckpt-epoch-4"),
                suite.models().stream().map(ModelSpec::id).toList());
        assertEquals("base", suite.baseline().id());
        assertEquals(4, suite.candidates().size());
        assertEquals(null, suite.models().get(0).epoch());
        assertEquals(4.0, suite.models().get(4).epoch());
        assertEquals(ROOT.resolve("suites/demo/models/ckpt-epoch-2"), suite.models().get(2).folder().orElseThrow());
        for (ModelSpec m : suite.models()) {
            assertEquals(new GenerationSettings(32, Decoding.greedy(), List.of()), m.generation());
            assertEquals(new RunnerSettings("cpu", 1, 8), m.runner());
            assertEquals("onnx", m.runnerType());
        }
    }

    @Test
    void suiteLevelFields() throws IOException {
        assertEquals("triage", suite.name());
        assertEquals(64, suite.sha256().length());
        assertEquals(ROOT.resolve("suites/demo/data/test.jsonl"), suite.eval().file());
        assertEquals(ROOT.resolve("suites/demo/data/train.jsonl"), suite.fewShotPool().orElseThrow().file());
        assertEquals(ROOT.resolve("suites/demo/data/validation.jsonl"), suite.validation().orElseThrow().file());
        assertEquals(List.of("as-is", "zero-shot", "structured", "structured-repeat", "structured-primed", "few-shot-3"),
                suite.techniques().stream().map(Technique::name).toList());
        assertEquals("as-is", suite.referenceTechnique());
        assertEquals(Map.of("accuracy", "accuracy_json", "format_adherence", "schema"), suite.metrics());
        assertEquals(List.of("accuracy_json", "schema", "intent"), suite.scorers().stream().map(Scorer::name).toList());
        assertEquals("intent", suite.scorerSpecs().get(2).params().get("field"));
        assertEquals(Map.of("type", "object",
                "properties", Map.of("intent", Map.of("enum", List.of("refund", "delivery", "account", "network", "billing", "cancel"))),
                "required", List.of("intent"), "additionalProperties", false), suite.scorerSpecs().get(1).params().get("schema"));
        assertEquals(DEMO + ":" + lineOf("  - name: schema") + ": scorers[1]", suite.scorerSpecs().get(1).where());
        assertEquals(new CheckpointPolicy(new CheckpointPolicy.ValidationLoss(), 1, 1), suite.checkpoints().orElseThrow());
        assertEquals("USD", suite.cost().currency());
        assertTrue(suite.cost().costPer1kRequests("ckpt-epoch-4", 40, 7).isPresent());
        assertEquals(1, suite.repeats());
        assertEquals(1234, suite.seed());
        assertEquals(7, suite.gates().size());
        assertTrue(suite.perf().isObject());
    }

    @Test
    void asIsKeepsTheRowsOwnMessages() {
        assertEquals(List.of(Message.system(SYSTEM), Message.user(USER)), render("as-is").messages());
        assertEquals(Prompt.of(List.of(Message.system(SYSTEM), Message.user(USER))), render("as-is"));
    }

    @Test
    void zeroShotReplacesTheSystemText() {
        assertEquals(Prompt.of(List.of(Message.system("Classify the customer's message by intent. Answer with JSON."),
                Message.user(USER))), render("zero-shot"));
    }

    @Test
    void structuredUsesTheStructuredText() {
        assertEquals(Prompt.of(List.of(Message.system(STRUCTURED), Message.user(USER))), render("structured"));
    }

    @Test
    void structuredRepeatRepeatsItAfterTheMessage() {
        assertEquals(Prompt.of(List.of(Message.system(STRUCTURED), Message.user(USER + "\n---\n" + STRUCTURED))),
                render("structured-repeat"));
    }

    @Test
    void structuredPrimedPrimesTheAnswer() {
        assertEquals(Prompt.of(List.of(Message.system(STRUCTURED), Message.user(USER))).withAssistantPrefix("{\"intent\": \""),
                render("structured-primed"));
    }

    @Test
    void fewShotUsesTheFirstTrainRowOfEachOfTheFirstThreeAnswers() {
        assertEquals(Prompt.of(List.of(Message.system(STRUCTURED),
                Message.user("hello, can I get my money back for the remote"), Message.assistant("{\"intent\": \"refund\"}"),
                Message.user("hi, my order of a monitor is stuck in transit"), Message.assistant("{\"intent\": \"delivery\"}"),
                Message.user("excuse me, two factor code does not work when I sign in please help"),
                Message.assistant("{\"intent\": \"account\"}"),
                Message.user(USER))), render("few-shot-3"));
    }

    @Test
    void demoDataFilesAreValid() {
        assertEquals(240, DatasetReader.count(suite.eval()));
        assertEquals(480, DatasetReader.count(suite.fewShotPool().orElseThrow()));
        assertEquals(120, DatasetReader.count(suite.validation().orElseThrow()));
    }

    @Test
    void loadsWithTheRealScorers() {
        Suite real = SuiteLoader.load(DEMO);
        assertEquals(List.of("accuracy_json", "schema", "intent"), real.scorers().stream().map(Scorer::name).toList());
        assertEquals(1.0, real.scorerFor("format_adherence").orElseThrow().score("{\"intent\": \"refund\"}", "{\"intent\": \"refund\"}").value());
    }
}
