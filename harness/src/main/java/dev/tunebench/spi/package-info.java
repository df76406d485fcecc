/**
 * The only tunebench types that runners and report writers import: prompts in, generations and
 * teacher-forced scores out. No ONNX Runtime, tokenizer or template type ever crosses this package.
 */
package dev.tunebench.spi;
