package dev.tunebench.cli.serve;

import dev.tunebench.spi.GenerationSettings;
import dev.tunebench.spi.Prompt;

/**
 * One parsed {@code POST /v1/chat/completions}: the served model's id, the prompt the runner gets
 * (with {@code continue_final_message} the final assistant message is its assistant prefix), and the
 * settings that decide which requests may share a batch.
 */
record ChatRequest(String model, Prompt prompt, GenerationSettings settings, boolean stream, boolean includeUsage) {
}
