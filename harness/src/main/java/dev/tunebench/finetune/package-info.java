/**
 * The fine-tune behind a checkpoint and whether it pays: the job's hyperparameters and curves (a hosted
 * fine-tuning job's JSON and result CSV, or Hugging Face's trainer_state.json), the overlap of the evaluation
 * set with the data a run shows the model, and the fine-tune-versus-prompt economics of summary.json.
 */
package dev.tunebench.finetune;
