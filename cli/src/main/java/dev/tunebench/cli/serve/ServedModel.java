package dev.tunebench.cli.serve;

import dev.tunebench.spi.Runner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model folder the server answers for: its id, its runner behind one {@link BatchWorker}, the
 * {@code system_fingerprint} (from the hashes of its files, so it changes exactly when the model does)
 * and the completion length a request without {@code max_tokens} gets (the model's context).
 */
record ServedModel(String id, Runner runner, BatchWorker worker, String fingerprint, int defaultMaxTokens, long created) {

    /** Used when the model folder does not say how many positions it has. */
    static final int FALLBACK_MAX_TOKENS = 4096;

    static ServedModel start(String id, Runner runner, int batchSize, int queue) {
        Object context = runner.info().details().get("context_length");
        int maxTokens = context instanceof Integer n && n > 0 ? n : FALLBACK_MAX_TOKENS;
        return new ServedModel(id, runner, new BatchWorker(id, runner, batchSize, queue), fingerprint(runner.info().fileSha256()),
                maxTokens, System.currentTimeMillis() / 1000);
    }

    private static String fingerprint(Map<String, String> fileHashes) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(fileHashes).forEach((file, hash) -> digest.update((file + "=" + hash + "\n").getBytes(StandardCharsets.UTF_8)));
            return "fp_" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
