"""Writes judge-labels.jsonl: a person's grades for the demo judge's calibration set (judged.yaml).

The "answers" are the first 24 customer messages of validation.jsonl and each grade is the message's true
intent, as a person labelling them would write it. Run from this folder: python3 make_judge_labels.py
"""
import json

with open("validation.jsonl", encoding="utf-8") as src, open("judge-labels.jsonl", "w", encoding="utf-8") as out:
    for line in list(src)[:24]:
        messages = json.loads(line)["messages"]
        intent = json.loads(messages[-1]["content"])["intent"]
        out.write(json.dumps({"answer": messages[-2]["content"], "grade": intent}) + "\n")
