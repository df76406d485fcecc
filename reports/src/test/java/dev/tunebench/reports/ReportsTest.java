package dev.tunebench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ReportsTest {
    @TempDir
    Path tmp;

    @Test
    void writersAreRegisteredUnderTheirIds() {
        assertEquals(List.of("html", "markdown", "junit"), List.copyOf(Reports.writers().keySet()));
    }

    @Test
    void writeAllPutsEveryViewIntoTheRunFolder() throws Exception {
        Path run = new SyntheticRun(20, "").write(tmp.resolve("run"));
        Reports.writeAll(run);
        for (String f : List.of("report.html", "summary.md", "junit.xml")) {
            assertTrue(Files.size(run.resolve(f)) > 0, f);
        }
    }

    @Test
    void markdownHasTheVerdictAndOneRowPerCell() throws Exception {
        Path run = new SyntheticRun(20, "").write(tmp.resolve("run"));
        Reports.writeAll(run);
        String md = Files.readString(run.resolve("summary.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("**NO-GO**"));
        assertTrue(md.contains("❌ fail"));
        assertEquals(8, md.lines().filter(l -> l.startsWith("| base") || l.startsWith("| ckpt")).count());
    }

    @Test
    void junitHasOneTestCasePerGate() throws Exception {
        Path run = new SyntheticRun(20, "").write(tmp.resolve("run"));
        Reports.writeAll(run);
        Document doc = Xml.parse(run.resolve("junit.xml"));
        assertEquals(3, Xml.nodes(doc, "//testcase").getLength());
        assertEquals(1, Xml.nodes(doc, "//testcase/failure").getLength());
        assertEquals(1, Xml.nodes(doc, "//testcase/skipped").getLength());
        assertEquals("1", Xml.text(doc, "/testsuite/@failures"));
    }

    @Test
    void junitWithoutGatesHasOneTestCasePerCell() throws Exception {
        Path run = new SyntheticRun(20, "").withoutGates().write(tmp.resolve("run"));
        Reports.writeAll(run);
        Document doc = Xml.parse(run.resolve("junit.xml"));
        assertEquals(8, Xml.nodes(doc, "//testcase").getLength());
        assertEquals(0, Xml.nodes(doc, "//failure").getLength());
        assertTrue(Xml.text(doc, "(//testcase)[1]/system-out").contains("accuracy="));
    }
}
