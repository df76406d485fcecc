package dev.tunebench.spi;

import java.util.List;
import java.util.Map;

/**
 * The parts of a served model's runner that tests of failure paths do not vary: no tokenizer, no token-id
 * input, no teacher forcing. A test adds {@link #generate} (answers, or {@link RequestsFailed}).
 */
public abstract class ServedRunnerStub implements Runner {
    @Override
    public boolean teacherForcing() {
        return false;
    }

    @Override
    public RunnerInfo info() {
        return new RunnerInfo("served", Map.of(), "remote", 0, Map.of(), Map.of());
    }

    @Override
    public String render(Prompt prompt) {
        return "";
    }

    @Override
    public int countPromptTokens(Prompt prompt) {
        return 0;
    }

    @Override
    public List<Generation> generateFromIds(List<int[]> promptIds, GenerationSettings settings) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TeacherForcedScore> score(List<List<Message>> conversations) {
        throw new UnsupportedOperationException("no teacher forcing over a chat API");
    }

    @Override
    public void close() {
    }
}
