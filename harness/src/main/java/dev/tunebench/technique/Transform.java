package dev.tunebench.technique;

import dev.tunebench.spi.Prompt;

/**
 * One step of a prompt technique: maps an immutable prompt to a new one and never calls a model.
 * Transforms that need a turn the prompt lacks (e.g. a system instruction to move) leave it unchanged,
 * so a technique never fails halfway through a run.
 */
public sealed interface Transform
        permits SystemText, RepeatInstruction, InstructionPosition, OutputSpec, GiveAnOut, Prime, FewShot, Stop {

    Prompt apply(Prompt prompt);
}
