package dev.tunebench.suite;

import dev.tunebench.spi.InputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tunebench.data.MessageAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hostile suite files: SnakeYAML's limits hold, and each refusal names the file and the line. */
class HostileSuiteTest {
    @TempDir
    Path tmp;
    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    private String errorOf(byte[] content) throws IOException {
        Path file = Files.write(tmp.resolve("suite.yaml"), content);
        String m = assertThrows(InputException.class,
                () -> SuiteLoader.load(file, spec -> new DemoSuiteTest.NamedScorer(spec.name()))).getMessage();
        return m.replace(file.toString(), "suite.yaml");
    }

    private String errorOf(String yaml) throws IOException {
        return errorOf(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void billionLaughsStopsAtTheAliasLimit() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String previous = "a";
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + previous + ", ").repeat(8))
                    .append('*').append(previous).append("]\n");
            previous = String.valueOf(c);
        }
        assertThat(errorOf(bomb + SuiteFixture.MINIMAL)).startsWith("suite.yaml:").contains("alias bomb")
                .contains("exceeds the specified max=" + YamlDocument.MAX_ALIASES);
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() throws IOException {
        assertThat(errorOf(SuiteFixture.MINIMAL + "seed: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n"))
                .startsWith("suite.yaml:4: invalid YAML: Nesting Depth exceeded max " + YamlDocument.MAX_NESTING);
        assertThat(errorOf(SuiteFixture.MINIMAL + "seed: " + "{a: ".repeat(5_000) + "1" + "}".repeat(5_000) + "\n"))
                .startsWith("suite.yaml:4: invalid YAML: Nesting Depth");
    }

    @Test
    void recursiveAliasIsCutShort() throws IOException {
        String m = errorOf("x: &x\n  y: *x\n" + SuiteFixture.MINIMAL);
        assertThat(m).startsWith("suite.yaml:").contains("nested too deeply");
        assertThat(m.length() < 400 ? "short" : m).startsWith("short");
    }

    @Test
    void hugeScalarsAndFilesAreRefusedBeforeSnakeYamlScansThem() throws IOException {
        assertThat(errorOf(SuiteFixture.MINIMAL + "name: " + "x".repeat(5_000_000) + "\n"))
                .startsWith("suite.yaml: ").contains("larger than any suite file");
        assertThat(errorOf(SuiteFixture.MINIMAL + "name: \"" + "x".repeat(1_000_000) + "\"\n"))
                .startsWith("suite.yaml:4: the line is longer than " + YamlDocument.MAX_LINE);
    }

    @Test
    void duplicateKeysAndTabsNameTheirLine() throws IOException {
        assertThat(errorOf(SuiteFixture.MINIMAL + "seed: 1\nrepeats: 1\nseed: 2\n"))
                .startsWith("suite.yaml:6: seed: duplicate key (first on line 4)");
        assertThat(errorOf("data: {eval: data/test.jsonl}\nmodels:\n\t- {id: base, path: models/base}\n"))
                .startsWith("suite.yaml:3:1: invalid YAML").contains("TAB");
    }

    @Test
    void suiteThatIsNotUtf8NamesTheLine() throws IOException {
        byte[] latin1 = (SuiteFixture.MINIMAL + "name: caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(errorOf(latin1)).startsWith("suite.yaml:4: not UTF-8 text (byte 0xE9");
        assertThat(errorOf(SuiteFixture.MINIMAL.getBytes(StandardCharsets.UTF_16))).startsWith("suite.yaml:1: not UTF-8 text")
                .contains("UTF-16");
    }

    @Test
    void controlCharactersNameTheirLine() throws IOException {
        assertThat(errorOf(SuiteFixture.MINIMAL + "seed: 1\nname: a\u0000b\n")).startsWith("suite.yaml:5: invalid YAML")
                .contains("control character");
    }

    @Test
    void javaTagsAreRefused() throws IOException {
        assertThat(errorOf(SuiteFixture.MINIMAL + "name: !!java.net.URL [\"http://127.0.0.1/\"]\n"))
                .startsWith("suite.yaml:4:").contains("invalid YAML");
    }
}
