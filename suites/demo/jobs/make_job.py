"""Writes the demo's hosted-style fine-tuning job and result file from the checkpoints' trainer_state.json.

The demo checkpoints were trained locally (see ../models/make/), not by a hosted service; this script
restates that one run the way a hosted fine-tuning API reports a job, so the demo exercises `job:` and
`job_results:`. Every figure comes from ../models/ckpt-epoch-*/trainer_state.json, except trained_tokens:
tokens per epoch as `tunebench data check data/train.jsonl --model models/base` prints them ("billed
training tokens: N per epoch"), times the epochs. Steps are epochs x ceil(train_rows / batch_size). The
trainer logged no accuracies, so those columns are empty, as in a result file without them.

Usage (from suites/demo): python3 jobs/make_job.py TOKENS_PER_EPOCH
"""
import json
import math
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
models = here.parent / "models"
tokens_per_epoch = int(sys.argv[1])
states = [(json.loads((d / "trainer_state.json").read_text()), d.name) for d in models.glob("ckpt-epoch-*")]
states.sort(key=lambda s: s[0]["epoch"])
last, last_name = states[-1]
steps_per_epoch = math.ceil(last["train_rows"] / last["batch_size"])
epochs = int(last["epoch"])

job = {
    "object": "fine_tuning.job",
    "id": "ftjob-demo-triage",
    "model": last["base"],
    "fine_tuned_model": last_name,
    "status": "succeeded",
    "training_file": "data/train.jsonl",
    "validation_file": "data/validation.jsonl",
    "hyperparameters": {"n_epochs": epochs, "batch_size": last["batch_size"],
                        "learning_rate": last["learning_rate"], "lora_rank": last["lora_rank"]},
    "seed": last["seed"],
    "trained_tokens": tokens_per_epoch * epochs,
    "result_files": ["triage-ft-results.csv"],
    "checkpoints": {"object": "list", "data": [
        {"object": "fine_tuning.job.checkpoint", "fine_tuned_model_checkpoint": name,
         "step_number": int(state["epoch"]) * steps_per_epoch}
        for state, name in states[:-1]]},
}
(here / "triage-ft.json").write_text(json.dumps(job, indent=2) + "\n")

rows = ["step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy"]
for h in last["history"]:
    rows.append(f"{int(h['epoch']) * steps_per_epoch},{h['train_loss']},,{h['validation_loss']},")
(here / "triage-ft-results.csv").write_text("\n".join(rows) + "\n")
