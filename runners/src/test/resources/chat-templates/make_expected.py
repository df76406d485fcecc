#!/usr/bin/env python3
"""Renders every case of the chat-template conformance corpus with jinja2 set up as transformers does.

Run from this folder (Debian: apt-get install python3-jinja2):  python3 make_expected.py
It reads templates/*.jinja and sources.json and writes expected.json. The environment mirrors
transformers' chat_template_utils (_compile_jinja_template, render_jinja_template): an
ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks, loopcontrols and the {% generation %}
tag, tojson = json.dumps(ensure_ascii=False, ...), raise_exception, strftime_now; render() gets
messages, tools, documents, add_generation_prompt and every special token that is set.
"""
import json
import os
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

HERE = os.path.dirname(os.path.abspath(__file__))
# A fixed clock, so that strftime_now is reproducible; the Java test uses the same instant.
NOW = datetime(2026, 7, 26, 9, 15, 0)


class GenerationTracker(Extension):
    """transformers' AssistantTracker as seen from the output: {% generation %} renders its body."""
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    def _generation_support(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return NOW.strftime(format)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                       extensions=[GenerationTracker, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


WEATHER = {"type": "function", "function": {
    "name": "get_weather",
    "description": "Get the current weather in a city. Says \"unknown\" when unsure.",
    "parameters": {"type": "object",
                   "properties": {"city": {"type": "string", "description": "City name, e.g. Zürich"},
                                  "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
                   "required": ["city"]}}}
TOOLS = [WEATHER]


def u(text):
    return {"role": "user", "content": text}


def a(text):
    return {"role": "assistant", "content": text}


def s(text):
    return {"role": "system", "content": text}


def call(arguments):
    return {"role": "assistant", "content": None, "tool_calls": [
        {"id": "call12345", "type": "function", "function": {"name": "get_weather", "arguments": arguments}}]}


TOOL_RESULT = {"role": "tool", "tool_call_id": "call12345", "name": "get_weather", "content": "{\"temp\": 21, \"sky\": \"clear\"}"}

# name -> (messages, add_generation_prompt, tools)
CASES = {
    "user": ([u("Hello")], True, None),
    "user-no-prompt": ([u("Hello")], False, None),
    "system-user": ([s("You are terse."), u("Hi there")], True, None),
    "multi-turn": ([s("Be kind."), u("What is 2+2?"), a("4"), u("And 3+3?")], True, None),
    "multi-turn-no-system": ([u("One"), a("Two"), u("Three"), a("Four")], False, None),
    "ends-with-assistant": ([u("Q"), a("A")], True, None),
    "non-ascii": ([s("Réponds en français."), u("Grüße, 世界! — ñ ü 😀 Ωμέγα"), a("Très bien — 好")], True, None),
    "quotes-backslashes-tabs": ([u("She said \"hi\" and it's a back\\slash,\ta tab, a \\n and a newline\nhere")], True, None),
    "literal-jinja": ([u("{{ 1 + 1 }} {% if x %}y{% endif %} {# c #}")], True, None),
    "unicode-whitespace": ([s("\u3000 sys \u00a0"), u("\u00a0\u2003 padded \u3000\n"), a(" \u2009answer\u00a0 "), u("\u200bzero-width\u200b")], True, None),
    "empty-content": ([u("")], True, None),
    "think": ([u("Why?"), a("<think>\nBecause.\n</think>\n\nIt is so."), u("Sure?")], True, None),
    "system-only": ([s("Only a system turn.")], True, None),
    "no-messages": ([], True, None),
    "two-users": ([u("a"), u("b")], True, None),
    "assistant-first": ([a("I start"), u("ok")], True, None),
    "tools": ([s("Use tools."), u("Weather in Paris?")], True, TOOLS),
    "tools-no-system": ([u("Weather in Paris?")], True, TOOLS),
    "tool-call-round-trip": ([u("Weather in Paris?"), call({"city": "Paris", "unit": "celsius"}), TOOL_RESULT], True, TOOLS),
    "tool-call-string-arguments": ([u("Weather in Paris?"), call("{\"city\": \"Paris\"}"), TOOL_RESULT, a("21 and clear.")], False, TOOLS),
    "none-content": ([u(None)], True, None),
    "list-content": ([{"role": "user", "content": [{"type": "text", "text": "part"}]}], True, None),
}


def render(env, source, tokens, messages, prompt, tools):
    template = env.from_string(source)
    return template.render(messages=messages, tools=tools, documents=None, add_generation_prompt=prompt, **tokens)


def main():
    sources = json.load(open(os.path.join(HERE, "sources.json"), encoding="utf-8"))
    env = environment()
    out = {"now": NOW.isoformat(), "templates": []}
    count = 0
    for name in sorted(k for k in sources if not k.startswith("_")):
        tokens = {k: v for k, v in sources[name]["tokens"].items() if v is not None}
        source = open(os.path.join(HERE, "templates", name + ".jinja"), encoding="utf-8").read()
        cases = []
        for case, (messages, prompt, tools) in CASES.items():
            entry = {"name": case, "messages": messages, "add_generation_prompt": prompt, "tools": tools}
            try:
                entry["expected"] = render(env, source, tokens, messages, prompt, tools)
            except jinja2.exceptions.TemplateError as e:
                # raise_exception's message is the template's own text; other errors are jinja2's wording.
                raised = type(e) is jinja2.exceptions.TemplateError
                entry["error"] = {"raised": raised, "message": str(e), "type": type(e).__name__}
            except (TypeError, ValueError, KeyError, IndexError, AttributeError) as e:
                entry["error"] = {"raised": False, "message": str(e), "type": type(e).__name__}
            cases.append(entry)
            count += 1
        out["templates"].append({"name": name, "file": "templates/" + name + ".jinja", "tokens": tokens, "cases": cases})
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{count} cases in {len(out['templates'])} templates")


if __name__ == "__main__":
    main()
