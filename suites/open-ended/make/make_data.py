"""Writes data/test.jsonl for the open-ended suite: the first 40 tickets of the demo's test set, each with
a one-line summary "<intent> issue with the <product>" ("... with the account" when the ticket names no
product) as the expected answer. Rule-based and deterministic, like the demo data.
Usage (from suites/open-ended): python3 make/make_data.py
"""
import json
import re

PRODUCTS = ["console", "controller", "headset", "game", "gift card", "charging cable", "keyboard", "monitor",
            "webcam", "remote"]


def summary(ticket, intent):
    for p in sorted(PRODUCTS, key=len, reverse=True):
        if re.search(r"\b" + re.escape(p) + r"\b", ticket.lower()):
            return f"{intent} issue with the {p}"
    return f"{intent} issue with the account"


def rows(path, limit):
    with open(path) as f:
        for line in list(f)[:limit]:
            messages = json.loads(line)["messages"]
            ticket = messages[1]["content"]
            intent = json.loads(messages[2]["content"])["intent"]
            yield {"ticket": ticket, "summary": summary(ticket, intent)}


if __name__ == "__main__":
    with open("data/test.jsonl", "w") as out:
        for row in rows("../demo/data/test.jsonl", 40):
            out.write(json.dumps(row) + "\n")
