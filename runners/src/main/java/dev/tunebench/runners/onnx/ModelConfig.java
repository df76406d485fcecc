package dev.tunebench.runners.onnx;

import java.nio.file.Path;
import java.util.List;

/**
 * What a model folder says about itself, merged from {@code config.json}, {@code generation_config.json},
 * {@code genai_config.json}, {@code tokenizer_config.json} and {@code special_tokens_map.json} by
 * {@link ModelFolder#load}. Boxed fields are {@code null} when no file states them.
 *
 * @param dir            the model folder
 * @param graphs         the decoder graph file(s) chosen in the folder
 * @param tokenizerFile  {@code tokenizer.json}
 * @param eosTokenIds    every id that ends generation, never empty
 * @param bosToken       the bos token text the template sees as {@code bos_token}, or null
 * @param eosToken       the eos token text the template sees as {@code eos_token}, or null
 * @param addBosToken    tokenizer_config.json {@code add_bos_token}: prepend bos when encoding a prompt
 * @param contextLength  positions the model accepts (n_positions, max_position_embeddings, context_length)
 * @param numKvHeads     key/value heads (grouped-query attention), else {@code numHeads}
 * @param chatTemplate   the Jinja chat template, or null when the folder has none
 * @param chatTemplateFile the file the template came from (named in template errors), or null
 * @param genaiIo        graph names from genai_config.json (unstated ones as {@link IoNames#HF}), or null
 *                       for a Hugging Face export
 */
record ModelConfig(
        Path dir,
        ModelGraphs graphs,
        Path tokenizerFile,
        List<Integer> eosTokenIds,
        Integer padTokenId,
        Integer bosTokenId,
        String bosToken,
        String eosToken,
        boolean addBosToken,
        Integer contextLength,
        Integer vocabSize,
        Integer numLayers,
        Integer numHeads,
        Integer numKvHeads,
        Integer headSize,
        String chatTemplate,
        Path chatTemplateFile,
        IoNames genaiIo) {

    ModelConfig {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** The graph that runs every decoding step. */
    Path onnxFile() {
        return graphs.decoder();
    }
}
