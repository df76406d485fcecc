package dev.tunebench.runners.onnx;

import dev.tunebench.spi.InputException;
import dev.tunebench.spi.Message;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.tunebench.spi.Message.assistant;
import static dev.tunebench.spi.Message.system;
import static dev.tunebench.spi.Message.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatTemplateTest {
    private static final Path SOURCE = Path.of("models/x/tokenizer_config.json");

    private static String render(String template, List<Message> messages) {
        return new ChatTemplate(template, SOURCE, "<s>", "</s>").render(messages, true);
    }

    @Test
    void demoTemplateIsChatMl() {
        ChatTemplate t = ChatTemplate.of(ModelFolder.load(TestModels.demo("base")));
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n",
                t.render(List.of(system("S"), user("U")), true));
        assertEquals("<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\nA<|im_end|>\n",
                t.render(List.of(user("U"), assistant("A")), false));
    }

    @Test
    void conformanceLlama2Template() {
        ChatTemplate t = ChatTemplate.of(ModelFolder.load(TestModels.conformanceLlama()));
        assertEquals("<s>[INST] <<SYS>>\nS\n<</SYS>>\n\nU [/INST]",
                t.render(List.of(system("S"), user("U \n")), true));
        // .strip() trims each turn as Python would; the template ignores add_generation_prompt.
        assertEquals("<s>[INST] U [/INST] A </s><s>[INST] V [/INST]",
                t.render(List.of(user(" U"), assistant(" A\n"), user("V")), false));
    }

    @Test
    void raiseExceptionAbortsWithTheTemplatesMessage() {
        ModelConfig config = ModelFolder.load(TestModels.conformanceLlama());
        ChatTemplate t = ChatTemplate.of(config);
        InputException e = assertThrows(InputException.class,
                () -> t.render(List.of(user("U"), user("again")), true));
        assertTrue(e.getMessage().contains(config.dir().resolve("tokenizer_config.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("\"Conversation roles must alternate user/assistant/user/assistant/...\""),
                e.getMessage());
    }

    @Test
    void contentIsNotInterpretedAsTemplate() {
        assertEquals("{{ 1 + 1 }} {% if x %}", render("{{ messages[0].content }}", List.of(user("{{ 1 + 1 }} {% if x %}"))));
    }

    @Test
    void blocksAreTrimmedLikeTransformers() {
        String template = "{% for m in messages %}\n    {{ m.role }}\n{% endfor %}\n";
        assertEquals("    user\n    assistant\n", render(template, List.of(user("u"), assistant("a"))));
    }

    @Test
    void oneTrailingNewlineOfTheSourceIsDropped() {
        assertEquals("X", render("X\n", List.of()));
        assertEquals("X\n", render("X\n\n", List.of()));
        assertEquals("x\n", render("{{- 'x\\n' -}}\n", List.of()));
    }

    @Test
    void pythonStringMethods() {
        String template = "{% set c = messages[0].content %}"
                + "{{ c.startswith(' a') }} {{ c.endswith(('x', 'b ')) }} [{{ c.strip() }}] [{{ c.lstrip() }}] "
                + "[{{ c.rstrip() }}] [{{ c.strip(' b') }}] {{ c.upper() }} {{ c.split() | length }} "
                + "{{ c.split('a')[1] }} {{ bos_token }}{{ eos_token }}";
        assertEquals("True True [a,b] [a,b ] [ a,b] [a,]  A,B  1 ,b  <s></s>", render(template, List.of(user(" a,b "))));
    }

    @Test
    void callingAMethodStringsDoNotHaveNamesTheFile() {
        InputException e = assertThrows(InputException.class,
                () -> render("{{ messages[0].content.nosuchmethod() }}", List.of(user("u"))));
        assertTrue(e.getMessage().startsWith("The chat template in " + SOURCE + " cannot render this conversation"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'str object' has no attribute 'nosuchmethod'"), e.getMessage());
    }

    @Test
    void unknownTagNamesTheFileAndLineAtEveryRender() {
        ChatTemplate t = new ChatTemplate("X\n{% frobnicate %}{{ messages[0].content }}", SOURCE, "<s>", "</s>");
        for (int i = 0; i < 2; i++) {
            InputException e = assertThrows(InputException.class, () -> t.render(List.of(user("u")), true));
            assertTrue(e.getMessage().startsWith("The chat template in " + SOURCE + " cannot be parsed"), e.getMessage());
            assertTrue(e.getMessage().contains("frobnicate") && e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void generationTagRendersItsBody() {
        assertEquals("X\nu!", render("X\n{% generation %}{{ messages[0].content }}!{% endgeneration %}",
                List.of(user("u"))));
    }

    @Test
    void theFirstErrorStopsTheRenderAsInJinja2() {
        InputException e = assertThrows(InputException.class,
                () -> render("{{ raise_exception('no') }}{{ nothing.at.all }}", List.of(user("u"))));
        assertTrue(e.getMessage().contains("refused the conversation: \"no\""), e.getMessage());
    }

    /** The template is parsed once: renders must not leak state into each other, on one thread or several. */
    @Test
    void rendersAreIndependentAcrossCallsAndThreads() throws Exception {
        ChatTemplate t = new ChatTemplate("{% set ns = namespace(n=0, last='') %}{% for m in messages %}"
                + "{% set ns.n = ns.n + 1 %}{% set ns.last = m.content %}{% endfor %}{{ ns.n }} {{ ns.last }}",
                SOURCE, "<s>", "</s>");
        assertEquals("2 b", t.render(List.of(user("a"), user("b")), true));
        assertEquals("1 c", t.render(List.of(user("c")), true));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> renders = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                List<Message> messages = i % 2 == 0 ? List.of(user("a"), user("b")) : List.of(user("c"));
                renders.add(pool.submit(() -> t.render(messages, true)));
            }
            for (int i = 0; i < renders.size(); i++) {
                assertEquals(i % 2 == 0 ? "2 b" : "1 c", renders.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** As transformers: every special token the folder sets is a variable; a null or absent one is undefined. */
    @Test
    void specialTokensOfTheModelFolderAreVariables() {
        ModelConfig demo = ModelFolder.load(TestModels.demo("base"));
        ModelConfig config = new ModelConfig(demo.dir(), demo.graphs(), demo.tokenizerFile(), demo.eosTokenIds(),
                demo.padTokenId(), demo.bosTokenId(), demo.bosToken(), demo.eosToken(), demo.addBosToken(),
                demo.contextLength(), demo.vocabSize(), demo.numLayers(), demo.numHeads(), demo.numKvHeads(),
                demo.headSize(), "{{ bos_token }} {{ eos_token }} {{ pad_token }} {{ unk_token is defined }} "
                + "{{ sep_token is defined }} {{ additional_special_tokens }}", demo.chatTemplateFile(), demo.genaiIo());
        assertEquals("<|endoftext|> <|im_end|> <|pad|> False False ['<|im_start|>', '<|im_end|>']",
                ChatTemplate.of(config).render(List.of(user("u")), true));
    }

    @Test
    void missingTemplateNamesTheFix() {
        ModelConfig demo = ModelFolder.load(TestModels.demo("base"));
        ModelConfig none = new ModelConfig(demo.dir(), demo.graphs(), demo.tokenizerFile(), demo.eosTokenIds(),
                demo.padTokenId(), demo.bosTokenId(), demo.bosToken(), demo.eosToken(), demo.addBosToken(),
                demo.contextLength(), demo.vocabSize(), demo.numLayers(), demo.numHeads(), demo.numKvHeads(),
                demo.headSize(), null, null, demo.genaiIo());
        InputException e = assertThrows(InputException.class, () -> ChatTemplate.of(none));
        assertTrue(e.getMessage().contains("no chat template"), e.getMessage());
        assertTrue(e.getMessage().contains("chat_template"), e.getMessage());
    }
}
