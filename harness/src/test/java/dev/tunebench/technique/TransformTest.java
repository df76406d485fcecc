package dev.tunebench.technique;

import dev.tunebench.data.Row;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TransformTest {
    private static final Prompt WITH_SYSTEM = Prompt.of(List.of(Message.system("Be brief."), Message.user("my parcel is late")));
    private static final Prompt NO_SYSTEM = Prompt.of(List.of(Message.user("my parcel is late")));

    private static List<Message> msgs(Message... m) {
        return List.of(m);
    }

    @Test
    void systemTextReplacesPrependsAppendsOrAdds() {
        assertEquals(msgs(Message.system("Classify."), Message.user("my parcel is late")),
                SystemText.replace("Classify.").apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.system("Classify.\nBe brief."), Message.user("my parcel is late")),
                new SystemText(SystemText.Mode.PREPEND, "Classify.", null).apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.system("Be brief. Classify."), Message.user("my parcel is late")),
                new SystemText(SystemText.Mode.APPEND, "Classify.", " ").apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.system("Classify."), Message.user("my parcel is late")),
                new SystemText(SystemText.Mode.PREPEND, "Classify.", null).apply(NO_SYSTEM).messages());
    }

    @Test
    void repeatInstructionAppendsSystemTextOrGivenTextAfterTheContent() {
        assertEquals(msgs(Message.system("Be brief."), Message.user("my parcel is late\n---\nBe brief.")),
                new RepeatInstruction(null, null).apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.system("Be brief."), Message.user("my parcel is late || Answer in JSON.")),
                new RepeatInstruction("Answer in JSON.", " || ").apply(WITH_SYSTEM).messages());
        assertSame(NO_SYSTEM, new RepeatInstruction(null, null).apply(NO_SYSTEM));
    }

    @Test
    void repeatInstructionTargetsTheLastUserTurnNotFewShotExamples() {
        Prompt withExamples = new FewShot(List.of(new FewShot.Example("q1", "a1", "t:1"))).apply(WITH_SYSTEM);
        assertEquals(msgs(Message.system("Be brief."), Message.user("q1"), Message.assistant("a1"),
                        Message.user("my parcel is late\n---\nBe brief.")),
                new RepeatInstruction(null, null).apply(withExamples).messages());
    }

    @Test
    void instructionPositionMovesTheSystemTextIntoTheUserTurn() {
        assertEquals(msgs(Message.user("Be brief.\n\nmy parcel is late")),
                new InstructionPosition(InstructionPosition.Position.BEFORE, null).apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.user("my parcel is late\nBe brief.")),
                new InstructionPosition(InstructionPosition.Position.AFTER, "\n").apply(WITH_SYSTEM).messages());
        assertSame(NO_SYSTEM, new InstructionPosition(InstructionPosition.Position.AFTER, null).apply(NO_SYSTEM));
    }

    @Test
    void outputSpecAndGiveAnOutAppendToTheSystemInstruction() {
        String out = "If the message fits no label, answer {\"intent\": \"unknown\"}";
        Prompt p = new GiveAnOut(out, null).apply(new OutputSpec("Answer with JSON like {\"intent\": \"<label>\"}.", null).apply(WITH_SYSTEM));
        assertEquals(msgs(Message.system("Be brief.\nAnswer with JSON like {\"intent\": \"<label>\"}.\n" + out),
                Message.user("my parcel is late")), p.messages());
        assertEquals(msgs(Message.system(out), Message.user("my parcel is late")),
                new GiveAnOut(out, null).apply(NO_SYSTEM).messages());
    }

    @Test
    void primeSetsTheAssistantPrefixAndKeepsMessages() {
        Prompt p = new Prime("{\"intent\": \"").apply(WITH_SYSTEM);
        assertEquals(WITH_SYSTEM.messages(), p.messages());
        assertEquals("{\"intent\": \"", p.assistantPrefix());
    }

    @Test
    void fewShotInsertsPairsAfterTheSystemTurn() {
        FewShot fs = new FewShot(List.of(new FewShot.Example("q1", "a1", "t:1"), new FewShot.Example("q2", "a2", "t:2")));
        assertEquals(msgs(Message.system("Be brief."), Message.user("q1"), Message.assistant("a1"),
                        Message.user("q2"), Message.assistant("a2"), Message.user("my parcel is late")),
                fs.apply(WITH_SYSTEM).messages());
        assertEquals(msgs(Message.user("q1"), Message.assistant("a1"), Message.user("q2"), Message.assistant("a2"),
                Message.user("my parcel is late")), fs.apply(NO_SYSTEM).messages());
    }

    @Test
    void stopAddsStringsWithoutDuplicates() {
        Prompt p = new Stop(List.of("---", "\n\n")).apply(new Stop(List.of("---")).apply(WITH_SYSTEM));
        assertEquals(List.of("---", "\n\n"), p.stopStrings());
        assertEquals(WITH_SYSTEM.messages(), p.messages());
    }

    @Test
    void techniqueStartsFromTheRowInputAndAppliesTransformsInOrder() {
        Row row = new Row(0, "t.jsonl:1", List.of(Message.system("Be brief."), Message.user("my parcel is late"),
                Message.assistant("{\"intent\": \"delivery\"}")));
        Technique t = new Technique("primed", List.of(SystemText.replace("Classify."), new RepeatInstruction(null, null),
                new Prime("{\"intent\": \""), new Stop(List.of("}"))));
        Prompt p = t.apply(row);
        assertEquals(msgs(Message.system("Classify."), Message.user("my parcel is late\n---\nClassify.")), p.messages());
        assertEquals("{\"intent\": \"", p.assistantPrefix());
        assertEquals(List.of("}"), p.stopStrings());
        assertEquals(row.input(), new Technique("as-is", List.of()).apply(row).messages());
    }
}
