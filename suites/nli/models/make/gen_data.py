"""Generate the rule-based SNLI-style data of suites/nli/data: premise/hypothesis pairs labelled
entailment, neutral or contradiction. Deterministic (seeded).

Usage: python3 gen_data.py OUT_DIR
"""
import json, os, random, sys

OUT = sys.argv[1]
rng = random.Random(7)

# subject -> (a broader term that it entails, a disjoint subject that contradicts it)
SUBJECTS = [
    ("a man", "a person", "a woman"), ("a woman", "a person", "a man"),
    ("a boy", "a child", "a girl"), ("a girl", "a child", "a boy"),
    ("an old man", "a man", "a young girl"), ("two dogs", "two animals", "two cats"),
    ("a cat", "an animal", "a dog"), ("a chef", "a cook", "a pilot"),
    ("a group of students", "some people", "a single teacher"), ("a musician", "a person", "a crowd of fans"),
]
# action -> (a broader action it entails, an action it cannot happen at the same time as)
ACTIONS = [
    ("is playing a guitar", "is making music", "is sleeping in bed"),
    ("is running", "is moving", "is sitting still"),
    ("is eating an apple", "is eating", "is fasting all day"),
    ("is riding a bicycle", "is riding", "is walking on foot"),
    ("is reading a novel", "is reading", "is asleep"),
    ("is swimming", "is in the water", "is completely dry"),
    ("is cooking dinner", "is preparing food", "is eating at a restaurant"),
    ("is painting a wall", "is painting", "is watching television"),
    ("is climbing a tree", "is climbing", "is lying on the ground"),
    ("is singing a song", "is singing", "is silent"),
]
PLACES = ["in a park", "on the beach", "in the kitchen", "near a river", "on a busy street", "in a garden",
          "at the station", "in a small room"]
# neutral additions: plausible, not implied, not excluded
EXTRAS = ["because it is a holiday", "for a competition", "with a friend", "for the first time",
          "to win a prize", "while waiting for a bus", "after a long day", "for a birthday party"]
LABELS = ["entailment", "neutral", "contradiction"]
NOISE = 0.05


def cap(s):
    return s[0].upper() + s[1:]


def example(label):
    subj, subj_up, subj_other = rng.choice(SUBJECTS)
    act, act_up, act_other = rng.choice(ACTIONS)
    place = rng.choice(PLACES)
    premise = f"{cap(subj)} {act} {place}."
    if label == "entailment":
        form = rng.randrange(3)
        hyp = (f"{cap(subj_up)} {act} {place}." if form == 0 else
               f"{cap(subj)} {act_up}." if form == 1 else f"{cap(subj_up)} {act_up} {place}.")
    elif label == "neutral":
        form = rng.randrange(2)
        extra = rng.choice(EXTRAS)
        hyp = f"{cap(subj)} {act} {extra}." if form == 0 else f"{cap(subj_up)} {act_up} {extra}."
    else:
        form = rng.randrange(3)
        hyp = (f"{cap(subj)} {act_other} {place}." if form == 0 else
               f"{cap(subj_other)} {act} {place}, and nobody else is there." if form == 1 else
               f"Nobody {act} {place}.")
    return {"premise": premise, "hypothesis": hyp, "label": label}


def write(name, n):
    with open(os.path.join(OUT, name + ".jsonl"), "w") as f:
        for i in range(n):
            row = example(LABELS[i % 3])
            # A few wrong labels, as crowd-sourced NLI data has: no model reaches 100% or full confidence.
            if rng.random() < NOISE:
                row["label"] = rng.choice([l for l in LABELS if l != row["label"]])
            f.write(json.dumps(row) + "\n")


os.makedirs(OUT, exist_ok=True)
write("train", 900)
write("validation", 150)
write("test", 150)
