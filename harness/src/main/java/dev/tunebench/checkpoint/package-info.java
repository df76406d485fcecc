/**
 * The checkpoint curve: which checkpoint to ship, whether training went past the validation minimum,
 * and which checkpoints may be deleted. Pure functions of the ordered checkpoint points; no I/O.
 */
package dev.tunebench.checkpoint;
