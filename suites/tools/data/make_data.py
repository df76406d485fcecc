"""Writes test.jsonl: the tool-calling suite's rows, in the OpenAI/Azure chat fine-tuning format with
tools (a top-level "tools" list; assistant turns with "tool_calls" whose "arguments" are JSON strings;
"tool" turns answering a call by "tool_call_id"). Deterministic: run `python3 make_data.py` to rebuild.
"""
import json

SYSTEM = "You are a support assistant. Use a tool when one fits."

TOOLS = [
    {"type": "function", "function": {
        "name": "lookup_order",
        "description": "Find an order and its delivery status.",
        "parameters": {"type": "object",
                       "properties": {"order_id": {"type": "string", "pattern": "^A[0-9]{4}$"}},
                       "required": ["order_id"], "additionalProperties": False}}},
    {"type": "function", "function": {
        "name": "issue_refund",
        "description": "Refund an order.",
        "parameters": {"type": "object",
                       "properties": {"order_id": {"type": "string", "pattern": "^A[0-9]{4}$"},
                                      "reason": {"enum": ["damaged", "late", "not_received", "changed_mind"]}},
                       "required": ["order_id", "reason"], "additionalProperties": False}}},
    {"type": "function", "function": {
        "name": "reset_password",
        "description": "Send a password reset link.",
        "parameters": {"type": "object",
                       "properties": {"email": {"type": "string", "format": "email"}},
                       "required": ["email"], "additionalProperties": False}}},
]

LOOKUPS = [("where is my order A1001?", "A1001"), ("has A2044 shipped yet", "A2044"),
           ("status of order A3172 please", "A3172"), ("any news on A4410", "A4410"),
           ("track A5003 for me", "A5003"), ("is A6128 on its way?", "A6128"),
           ]
REFUNDS = [("A1207 arrived broken, I want my money back", "A1207", "damaged"),
           ("refund A2391, it came two weeks late", "A2391", "late"),
           ("A3055 never arrived, refund it", "A3055", "not_received"),
           ("I changed my mind about A4862, please refund", "A4862", "changed_mind"),
           ("the screen of A5520 is cracked, refund please", "A5520", "damaged"),
           ("A6617 is still not here, give me a refund", "A6617", "not_received"),
           ("do not want A7734 any more, refund", "A7734", "changed_mind")]
RESETS = [("I forgot my password, my email is ana@example.com", "ana@example.com"),
          ("reset the password for li.wei@example.org", "li.wei@example.org"),
          ("can't log in, send a reset link to sam@example.net", "sam@example.net"),
          ("password reset for jo.smith@example.com please", "jo.smith@example.com"),
          ("locked out: kim@example.io", "kim@example.io"),
]
CHATS = [("thanks, that is all", "You're welcome!"), ("what are your opening hours?", "We answer 24/7."),
         ("hello", "Hello! How can I help?")]


def call(call_id, name, **arguments):
    return {"id": call_id, "type": "function",
            "function": {"name": name, "arguments": json.dumps(arguments)}}


def line(messages, **extra):
    return {"messages": [{"role": "system", "content": SYSTEM}] + messages, "tools": TOOLS, **extra}


rows = []
for text, order in LOOKUPS:
    rows.append(line([{"role": "user", "content": text},
                      {"role": "assistant", "tool_calls": [call("call_1", "lookup_order", order_id=order)]}]))
for text, order, reason in REFUNDS:
    rows.append(line([{"role": "user", "content": text},
                      {"role": "assistant", "tool_calls": [call("call_1", "issue_refund", order_id=order, reason=reason)]}]))
for text, email in RESETS:
    rows.append(line([{"role": "user", "content": text},
                      {"role": "assistant", "tool_calls": [call("call_1", "reset_password", email=email)]}]))
for text, answer in CHATS:
    rows.append(line([{"role": "user", "content": text}, {"role": "assistant", "content": answer}]))
# A tool round trip: the model sees its earlier call and the result, and answers in text.
for (text, order), status in zip(LOOKUPS[:2], ["in transit", "delivered"]):
    rows.append(line([{"role": "user", "content": text},
                      {"role": "assistant", "content": None, "tool_calls": [call("call_1", "lookup_order", order_id=order)],
                       "weight": 0},
                      {"role": "tool", "tool_call_id": "call_1", "content": json.dumps({"status": status})},
                      {"role": "assistant", "content": "Your order " + order + " is " + status + "."}]))
# Parallel calls: two orders in one message.
rows.append(line([{"role": "user", "content": "where are A1001 and A2044?"},
                  {"role": "assistant", "tool_calls": [call("call_1", "lookup_order", order_id="A1001"),
                                                       call("call_2", "lookup_order", order_id="A2044")]}],
                 parallel_tool_calls=True))

with open("test.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows")
