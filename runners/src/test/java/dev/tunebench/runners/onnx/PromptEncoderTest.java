package dev.tunebench.runners.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tunebench.spi.Message;
import dev.tunebench.spi.Prompt;
import dev.tunebench.spi.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.tunebench.spi.Message.assistant;
import static dev.tunebench.spi.Message.system;
import static dev.tunebench.spi.Message.user;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptEncoderTest {
    private static ModelConfig demo;
    private static TextTokenizer demoTokenizer;
    private static PromptEncoder demoEncoder;

    @BeforeAll
    static void open() {
        demo = ModelFolder.load(TestModels.demo("ckpt-epoch-4"));
        demoTokenizer = TextTokenizer.open(demo.tokenizerFile());
        demoEncoder = new PromptEncoder(demo, demoTokenizer);
    }

    @AfterAll
    static void close() {
        demoTokenizer.close();
    }

    @Test
    void renderAppendsAssistantPrefix() {
        Prompt p = Prompt.of(List.of(system("S"), user("U"))).withAssistantPrefix("{\"intent\": \"");
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n"
                + "{\"intent\": \"", demoEncoder.render(p));
    }

    @Test
    void encodeAddsNoBosWhenTheTokenizerDoesNot() {
        Prompt p = Prompt.of(List.of(user("where is my parcel")));
        long[] ids = demoEncoder.encode(p);
        assertArrayEquals(demoTokenizer.encode(demoEncoder.render(p)), ids);
        assertEquals(demoTokenizer.tokenId("<|im_start|>").longValue(), ids[0]);
    }

    @Test
    void validationTargetsAreAnswerAndEndOfTurn() throws IOException {
        List<List<Message>> rows = validationRows();
        assertTrue(rows.size() >= 20);
        for (List<Message> conversation : rows.subList(0, 20)) {
            PromptEncoder.ScoringInput in = demoEncoder.encodeForScoring(conversation);
            String answer = conversation.get(conversation.size() - 1).content();
            assertTrue(answer.startsWith("{\"intent\": \""), answer);
            assertEquals(answer + "<|im_end|>", demoTokenizer.decode(targetIds(in)));
            String whole = ChatTemplate.of(demo).render(conversation, false);
            assertArrayEquals(demoTokenizer.encode(whole), in.ids());
        }
    }

    @Test
    void unweightedTurnsAreNotTargets() {
        List<Message> conversation = List.of(system("S"), user("a"),
                new Message(Role.ASSISTANT, "{\"intent\": \"refund\"}", false), user("b"), assistant("{\"intent\": \"cancel\"}"));
        PromptEncoder.ScoringInput in = demoEncoder.encodeForScoring(conversation);
        assertEquals("{\"intent\": \"cancel\"}<|im_end|>", demoTokenizer.decode(targetIds(in)));
        assertEquals(in.targetCount(), targetIds(in).length);
    }

    @Test
    void llamaBosIsPrependedOnlyWhenTheTemplateLacksIt() {
        ModelConfig llama = ModelFolder.load(TestModels.conformanceLlama());
        try (TextTokenizer tok = TextTokenizer.open(llama.tokenizerFile())) {
            int bos = tok.tokenId("<s>");
            long[] ids = new PromptEncoder(llama, tok).encode(Prompt.of(List.of(user("hi"))));
            assertEquals(bos, ids[0]);
            assertTrue(ids[1] != bos, "bos written once: " + Arrays.toString(ids));

            ModelConfig plain = withTemplate(llama, "{{ messages[0].content }}");
            long[] plainIds = new PromptEncoder(plain, tok).encode(Prompt.of(List.of(user("hi"))));
            assertEquals(bos, plainIds[0]);
            assertArrayEquals(tok.encode("hi"), Arrays.copyOfRange(plainIds, 1, plainIds.length));
        }
    }

    @Test
    void llamaScoringTargetsEndAtEos() {
        ModelConfig llama = ModelFolder.load(TestModels.conformanceLlama());
        try (TextTokenizer tok = TextTokenizer.open(llama.tokenizerFile())) {
            PromptEncoder.ScoringInput in = new PromptEncoder(llama, tok)
                    .encodeForScoring(List.of(user("U"), assistant("yes sir"), user("V"), assistant("no")));
            // Llama's decoder drops the leading space of the first token.
            assertEquals("yes sir </s> no </s>", tok.decode(targetIds(in)));
        }
    }

    @Test
    void turnsWithoutEosEndAtTheTrimmedTurn() {
        ModelConfig gemmaLike = withTemplate(demo, "{% for m in messages %}<start_of_turn>{{ m.role }}\n"
                + "{{ m.content }}<end_of_turn>\n{% endfor %}{% if add_generation_prompt %}<start_of_turn>assistant\n{% endif %}");
        PromptEncoder.ScoringInput in = new PromptEncoder(gemmaLike, demoTokenizer)
                .encodeForScoring(List.of(user("U"), assistant("{\"intent\": \"billing\"}")));
        assertEquals("{\"intent\": \"billing\"}<end_of_turn>", demoTokenizer.decode(targetIds(in)));
    }

    private static ModelConfig withTemplate(ModelConfig c, String template) {
        return new ModelConfig(c.dir(), c.graphs(), c.tokenizerFile(), c.eosTokenIds(), c.padTokenId(),
                c.bosTokenId(), c.bosToken(), c.eosToken(), c.addBosToken(), c.contextLength(), c.vocabSize(),
                c.numLayers(), c.numHeads(), c.numKvHeads(), c.headSize(), template, c.chatTemplateFile(),
                c.genaiIo());
    }

    private static int[] targetIds(PromptEncoder.ScoringInput in) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < in.ids().length; i++) {
            if (in.target()[i]) {
                ids.add((int) in.ids()[i]);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<List<Message>> validationRows() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<List<Message>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TestModels.root().resolve("suites/demo/data/validation.jsonl"))) {
            List<Message> conversation = new ArrayList<>();
            for (JsonNode m : json.readTree(line).path("messages")) {
                conversation.add(new Message(Role.fromWireName(m.path("role").asText()), m.path("content").asText(),
                        m.path("weight").asInt(1) == 1));
            }
            rows.add(conversation);
        }
        return rows;
    }
}
