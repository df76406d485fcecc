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


# Constructs chat templates use, one at a time: each is rendered by jinja2 too, so the renderer's Python
# semantics are checked against jinja2's output rather than against a reading of the jinja2 docs.
VARS = {
    "messages": [s("Sys"), u("Hi"), a("Yo"), u("Bye")],
    "d": {"b": 1, "a": "x", "c": [1, 2], "nested": {"k": None}},
    "s": " \u00a0Hello, World's \"Tab\"\tEnd \u3000",
    "n": None,
    "nums": [3, 1, 2, 3],
    "words": ["banana", "Apple", "cherry", "apple"],
    "people": [{"name": "Bo", "age": 30, "tags": ["a"]}, {"name": "al", "age": 25}, {"name": "Cy", "age": 30}],
    "f": 2.5,
    "flag": True,
}
SNIPPETS = [
    ("print-bool-none", "{{ true }} {{ false }} {{ none }} {{ n }} {{ flag }} {{ True }}"),
    ("print-numbers", "{{ 1 }} {{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1e-05 }} {{ 1e16 }} {{ 123456789.0 }} {{ -0.5 }} {{ f }} {{ 3 / 2 }} {{ 4 / 2 }}"),
    ("print-list-dict", "{{ [1, 'a', none, true, 2.0] }} {{ {'k': \"it's\", 'q': 'say \"hi\"'} }} {{ d }} {{ ('a', 1) }}"),
    ("print-undefined", "[{{ nothing }}] [{{ d.missing }}] [{{ messages[9] }}] [{{ n.attr }}]"),
    ("arithmetic", "{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 10 / 4 }} {{ 7.5 // 2 }} {{ 3 * 'ab' }} {{ [1] * 3 }} {{ 1 + 2.5 }} {{ true + 1 }} {{ -f }}"),
    ("concat-tilde", "{{ 'a' ~ 1 ~ true ~ none ~ 2.0 ~ nothing ~ [1] }}"),
    ("compare-chain", "{{ 1 < 2 < 3 }} {{ 1 < 2 > 3 }} {{ 'a' < 'b' }} {{ [1, 2] < [1, 3] }} {{ 1 == 1.0 }} {{ true == 1 }} {{ none == none }} {{ 'a' != 'b' }}"),
    ("in-not-in", "{{ 'ell' in 'hello' }} {{ 'a' in d }} {{ 'z' not in d }} {{ 2 in nums }} {{ 'role' in messages[0] }} {{ 'x' in nothing }}"),
    ("and-or-values", "{{ '' or 'dflt' }} {{ 'a' and 'b' }} {{ 0 or none }} {{ [] and 1 }} {{ not '' }} {{ not nothing }}"),
    ("condexpr", "[{{ 'y' if flag else 'n' }}] [{{ 'y' if n }}] [{{ 'a' if false else 'b' if true else 'c' }}]"),
    ("strip-unicode", "[{{ s.strip() }}] [{{ s.lstrip() }}] [{{ s.rstrip() }}] [{{ s|trim }}] [{{ '\u200bzw\u200b'|trim }}] [{{ '\u2028x\u2029'.strip() }}] [{{ '\x85y\x1c'.strip() }}]"),
    ("strip-chars", "[{{ 'xxhixx'.strip('x') }}] [{{ '<<a>>'.lstrip('<') }}] [{{ 'a.,;'.rstrip(',.;') }}] [{{ 'abcba'.strip('ab') }}] [{{ '--x--'|trim('-') }}]"),
    ("split", "{{ '  a  b\u3000c\n'.split() }} {{ 'a,b,,c'.split(',') }} {{ 'a b c d'.split(' ', 2) }} {{ 'a b c d'.rsplit(' ', 1) }} {{ 'x</think>y</think>z'.split('</think>')[-1] }} {{ ''.split() }} {{ ''.split(',') }}"),
    ("replace-find-count", "{{ 'aaaa'.replace('a', 'b', 2) }} {{ 'a-b-c'.replace('-', '') }} {{ 'hello'.find('l') }} {{ 'hello'.rfind('l') }} {{ 'hello'.find('z') }} {{ 'banana'.count('an') }} {{ 'héllo'.find('l') }}"),
    ("case", "{{ 'hello wORLD it\\'s 1st-class'.title() }} | {{ 'hello wORLD it\\'s 1st-class'|title }} | {{ 'ßtraße'.upper() }} | {{ 'ÀB'.lower() }} | {{ 'hELLO wORLD'.capitalize() }} | {{ 'hELLO'|capitalize }} | {{ 'x'|upper }}"),
    ("starts-ends", "{{ 'hello'.startswith('he') }} {{ 'hello'.startswith(('x', 'h')) }} {{ 'hello'.endswith(['lo', 'z']) }} {{ 'hello'.endswith('x') }}"),
    ("str-misc", "{{ ', '.join(['a', 'b']) }} {{ 'a\nb\r\nc'.splitlines() }} {{ '123'.isdigit() }} {{ 'ab1'.isalpha() }} {{ '  '.isspace() }} {{ 'Hi'.isupper() }} {{ 'prefix-x'.removeprefix('prefix-') }}"),
    ("slicing", "{{ nums[1:] }} {{ nums[:-1] }} {{ nums[::-1] }} {{ nums[-2:] }} {{ nums[::2] }} {{ nums[5:] }} {{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ 'héllo'[-1] }} {{ nums[-1] }} {{ messages[-1].content }}"),
    ("tojson", "{{ d|tojson }}\n{{ d|tojson(indent=2) }}\n{{ [1.0, 'é\u2028\"q\"\\\\', none, true, {}, []]|tojson }}\n{{ {}|tojson(indent=4) }} {{ []|tojson(indent=4) }} {{ 'x'|tojson }} {{ 1.5|tojson }}\n{{ {'b': 1, 'a': {'z': 1, 'y': [1, {'x': none}]}}|tojson(indent=4, sort_keys=true) }}\n{{ '<b>&amp;\\u001f\\t'|tojson }}"),
    ("tojson-options", "{{ d|tojson(separators=(',', ':')) }} {{ 'é😀\x7f\u2028'|tojson(ensure_ascii=true) }} {{ {'a': [1, 2]}|tojson(indent=2, separators=(',', ' = ')) }} {{ [1]|tojson(indent='\t') }}"),
    ("percent-format", "{{ '%s and %r' % ('a', 'b') }} {{ '%d%%' % 42 }} {{ '%5.2f|%-4d|%04d|%+d' % (3.14159, 7, 7, 7) }} {{ '%s' % none }} {{ '%.2s' % 'abc' }}"),
    ("length-first-last", "{{ nums|length }} {{ nums|count }} {{ 'héllo'|length }} {{ d|length }} {{ nothing|length }} {{ nums|first }} {{ nums|last }} {{ 'abc'|first }} [{{ []|first }}]"),
    ("join-map", "{{ words|join(', ') }} {{ people|map(attribute='name')|join('/') }} {{ words|map('upper')|list }} {{ people|join(',', attribute='age') }} {{ nums|join }} {{ people|map(attribute='tags')|list }}"),
    ("select-reject", "{{ nums|select('odd')|list }} {{ nums|reject('odd')|list }} {{ [0, 1, '', 'a', none]|select|list }} {{ nums|select('equalto', 3)|list }} {{ nums|select('>', 1)|list }}"),
    ("selectattr", "{{ messages|selectattr('role', 'equalto', 'user')|map(attribute='content')|list }} {{ messages|rejectattr('role', 'equalto', 'user')|list|length }} {{ people|selectattr('tags')|map(attribute='name')|list }} {{ people|selectattr('tags', 'undefined')|list|length }} {{ people|selectattr('age', 'ge', 30)|map(attribute='name')|join }}"),
    ("sort-unique", "{{ words|sort }} {{ words|sort(case_sensitive=true) }} {{ words|sort(reverse=true) }} {{ people|sort(attribute='name')|map(attribute='name')|list }} {{ words|unique|list }} {{ nums|unique|list }} {{ nums|sort }}"),
    ("min-max-sum", "{{ nums|min }} {{ nums|max }} {{ words|max }} {{ nums|sum }} {{ people|sum(attribute='age') }} {{ people|max(attribute='age') }}"),
    ("conversions", "{{ '42'|int }} {{ '3.7'|int }} {{ 'x'|int }} {{ 'x'|int(7) }} {{ 3.9|int }} {{ '2.5'|float }} {{ 'x'|float }} {{ 5|float }} {{ 2.675|round(2) }} {{ 2.5|round }} {{ 3.5|round }} {{ 2.4|round(0, 'ceil') }} {{ -3|abs }} {{ nums|string }} {{ none|string }} {{ 12|string|length }}"),
    ("default", "[{{ nothing|default('dflt') }}] [{{ n|default('dflt') }}] [{{ ''|default('dflt', true) }}] [{{ nothing|d }}] [{{ 0|default(5, boolean=true) }}]"),
    ("indent", "{{ 'a\nb\n\nc'|indent }}|{{ 'a\nb\n\nc'|indent(2, true) }}|{{ 'a\nb\n\nc'|indent(2, blank=true) }}|{{ 'x\n'|indent('>>', first=true) }}"),
    ("items-dictsort", "{% for k, v in d|items %}{{ k }}={{ v }};{% endfor %} {% for k, v in d.items() %}{{ k }}{% endfor %} {{ d|dictsort }} {{ d.keys()|list }} {{ d.values()|list|length }} {{ d.get('a') }} {{ d.get('zz', 'dflt') }} {{ d.get('zz') }} {{ d['nested']['k'] }} {{ d.nested.k is none }}"),
    ("misc-filters", "{{ 'a b  c'|wordcount }} [{{ 'ab'|center(6) }}] {{ 'a<b>&\"'|e }} {{ 'x'|safe }} {{ 'abc'|reverse }} {{ nums|reverse|list }} {{ 'a-b'|replace('-', '+') }} {{ 'hi'|list }} {{ {'a': 1}|list }}"),
    ("tests", "{{ nothing is defined }} {{ nothing is undefined }} {{ n is none }} {{ 's' is string }} {{ d is mapping }} {{ nums is iterable }} {{ 'x' is iterable }} {{ 1 is iterable }} {{ n is iterable }} {{ nothing is iterable }} {{ d is sequence }} {{ 1 is number }} {{ true is number }} {{ 1 is integer }} {{ true is integer }} {{ 1.0 is float }} {{ true is boolean }} {{ true is true }} {{ 1 is true }} {{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 2 is equalto 2 }} {{ 'a' is in 'cat' }} {{ 'abc' is lower }} {{ 'ABC' is upper }} {{ n is not none }} {{ none is sameas none }} {{ range is callable }}"),
    ("loop-vars", "{% for m in messages %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}[{{ loop.previtem.role if not loop.first }}|{{ loop.nextitem.role if not loop.last }}]{{ loop.cycle('a', 'b') }};{% endfor %}"),
    ("loop-else-filter", "{% for x in [] %}x{% else %}empty{% endfor %} {% for x in nums if x > 1 %}{{ x }}{{ loop.length }}{{ loop.last }},{% endfor %} {% for x in nothing %}x{% else %}undef-empty{% endfor %}"),
    ("break-continue", "{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}{% if x > 5 %}{% break %}{% endif %}{{ x }}{% endfor %}|{% for a in [1, 2] %}{% for b in [1, 2, 3] %}{% if b == 2 %}{% break %}{% endif %}{{ a }}{{ b }}{% endfor %}{% endfor %}"),
    ("scoping", "{% set x = 1 %}{% for i in [1, 2] %}{% set x = x + i %}{{ x }}{% endfor %}{{ x }}{% if true %}{% set y = 5 %}{% endif %}{{ y }}"),
    ("namespace", "{% set ns = namespace(count=0, last=none, found=false) %}{% for m in messages %}{% if m.role == 'user' %}{% set ns.count = ns.count + 1 %}{% set ns.last = m.content %}{% endif %}{% if not ns.found and m.role == 'assistant' %}{% set ns.found = loop.index0 %}{% endif %}{% endfor %}{{ ns.count }} {{ ns.last }} {{ ns.found }} {{ namespace(a=1).a }} {{ namespace({'b': 2}).b }} [{{ ns.missing }}]"),
    ("nested-loops", "{% for a in [1, 2] %}{% for b in ['x', 'y'] %}{{ loop.index }}{{ a }}{{ b }}{% endfor %}{{ loop.index }};{% endfor %}"),
    ("macros", "{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}{{ greet('Al') }} {{ greet('Bo', '?') }} {{ greet(name='Cy', punct='.') }}{% macro fact(k) %}{% if k <= 1 %}1{% else %}{{ k * (fact(k - 1)|int) }}{% endif %}{% endmacro %} {{ fact(5) }}"),
    ("set-block", "{% set block %}\n  inner {{ 1 + 1 }}\n{% endset %}[{{ block }}] {% set a, b = 1, 2 %}{{ a }}{{ b }}"),
    ("range-dict", "{{ range(5)|list }} {{ range(2, 10, 3)|list }} {{ range(5, 0, -2)|list }} {{ range(0)|list }} {{ dict(a=1, b='x') }} {{ {'k': 1}.k }}"),
    ("strftime", "{{ strftime_now('%d %b %Y') }}|{{ strftime_now('%A %B %j %H:%M:%S %p %I %a %y %m %w %U %W %%') }}|{{ strftime_now('%Y-%m-%dT%H:%M:%S') }}"),
    ("string-literals", "{{ 'a\\tb' }}|{{ \"q'uote\" }}|{{ 'it\\'s' }}|{{ '\\u00e9\\x41\\U0001F600' }}|{{ 'back\\\\slash' }}|{{ 'unknown \\q' }}|{{ 'adj' 'acent' }}|{{ 'new\\nline' }}"),
    ("whitespace-control", "a  \u3000\n  {{- ' b ' -}}  \n\u00a0 c {#- comment -#}\n d\n  {%- if true %}\n    e\n  {% endif -%}\n  f\n{# c #}\ng   {%+ if true %}h{% endif %}\n   {% raw %}{{ raw }}{% endraw %}\ni"),
    ("trim-lstrip-blocks", "<ul>\n  {% for x in [1, 2] %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n  {# comment #}\nend {% if true %}  inline  {% endif %}\n{{ 'v' }}\nlast"),
    ("content-types", "{% for m in messages %}{{ m.content is string }}{{ m.content is mapping }}{% endfor %} {{ [{'type': 'text', 'text': 'x'}] is iterable }}"),
    ("unsafe-attribute", "[{{ 'ab'.__class__ }}] [{{ d.__len__ }}] [{{ messages.append }}]"),
    ("generation", "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}{% endgeneration %}{% else %}{{ m.role }}{% endif %};{% endfor %}"),
    ("filter-block", "{% filter upper %}abc {{ 'd' }}{% endfilter %}|{% filter trim | replace('a', 'b') %}  a c  {% endfilter %}"),
    ("error-str-plus-none", "{{ 'a' + n }}"),
    ("error-str-plus-int", "{{ 'a' + 1 }}"),
    ("error-int-plus-str", "{{ 1 + 'a' }}"),
    ("error-undefined-plus", "{{ nothing + 'a' }}"),
    ("error-undefined-attr", "{{ nothing.attr }}"),
    ("error-undefined-item", "{{ messages[7].role }}"),
    ("error-none-call", "{{ n.strip() }}"),
    ("error-none-iterate", "{% for x in n %}{% endfor %}"),
    ("error-compare", "{{ 'a' < 1 }}"),
    ("error-division", "{{ 1 / 0 }}"),
    ("error-call-undefined", "{{ nothing() }}"),
    ("error-tojson-undefined", "{{ nothing|tojson }}"),
    ("error-unsafe-call", "{{ messages.append(1) }}"),
    ("error-minus-str", "{{ 'a' - 1 }}"),
    ("error-percent-args", "{{ '%s %s' % ('a',) }}"),
    ("error-raise", "{{ raise_exception('custom ' ~ 1 ~ ': ' ~ messages[0].role) }}"),
    ("error-items-none", "{% for k in n|items %}{% endfor %}"),
    ("tuples", "{{ (1,) }} {{ () }} {{ ('a', [1]) == ('a', [1]) }} {{ (1, 2) == [1, 2] }} {{ (1, 2)|list }} {{ ((1, 2), ) }} {% set t = 1, 2 %}{{ t }}"),
]


def snippets(env):
    out = []
    for name, source in SNIPPETS:
        entry = {"name": name, "template": source}
        try:
            entry["expected"] = env.from_string(source).render(**VARS)
        except jinja2.exceptions.TemplateError as e:
            entry["error"] = {"raised": type(e) is jinja2.exceptions.TemplateError, "message": str(e), "type": type(e).__name__}
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ZeroDivisionError) as e:
            entry["error"] = {"raised": False, "message": str(e), "type": type(e).__name__}
        out.append(entry)
    return out


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
    out["variables"] = VARS
    out["snippets"] = snippets(env)
    with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{count} cases in {len(out['templates'])} templates, {len(out['snippets'])} construct snippets")


if __name__ == "__main__":
    main()
