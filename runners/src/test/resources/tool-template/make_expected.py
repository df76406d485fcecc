"""Renders cases.json with jinja2 as transformers does, writing expected.json (the reference for
TemplateInputTest and PromptCommandTest). Run: python3 make_expected.py (Debian python3-jinja2).

transformers' apply_chat_template passes messages as given, tools=None when there are none, and its
tool-use guide passes tool-call arguments as a dict; the OpenAI data holds them as a JSON string, so
they are decoded here, as a transformers user converting that data would.
"""
import json
from jinja2.ext import loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


def to_transformers(message):
    out = dict(message)
    if "tool_calls" in out:
        out["tool_calls"] = [
            {**call, "function": {**call["function"], "arguments": json.loads(call["function"]["arguments"])}}
            for call in out["tool_calls"]
        ]
    return out


env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
with open("chat_template.jinja") as f:
    template = env.from_string(f.read())
with open("cases.json") as f:
    cases = json.load(f)
expected = {}
for case in cases:
    line = case["line"]
    expected[case["name"]] = template.render(
        messages=[to_transformers(m) for m in line["messages"]],
        tools=line.get("tools"),
        add_generation_prompt=case["add_generation_prompt"],
        bos_token="<|endoftext|>",
        eos_token="<|im_end|>",
    )
with open("expected.json", "w") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
    f.write("\n")
