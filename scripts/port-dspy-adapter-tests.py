"""Extracts the exact expected messages of DSPy's own adapter tests as JSON data.

Usage: /usr/bin/python3 scripts/port-dspy-adapter-tests.py DSPY_CHECKOUT TAG > src/core/program/prompt/dspy-adapter-expectations.json

DSPY_CHECKOUT is a git clone of stanfordnlp/dspy; TAG the release the renderer follows (3.3.1).
Nothing of DSPy is run: the test files are read with `ast` and only the literal lists assigned
to `expected_messages` or compared with `messages ==` are kept, by test name.
"""
import ast
import json
import subprocess
import sys

FILES = ["tests/adapters/test_chat_adapter.py", "tests/adapters/test_json_adapter.py"]
# The cases whose signatures use only what a saved file can describe (builtin types, Literal);
# history, tools, citations and pydantic classes are left out.
PORTED = {
    "test_chat_adapter::test_chat_adapter_format_exact_messages_for_simple_signature",
    "test_chat_adapter::test_chat_adapter_format_exact_messages_with_demo_and_typed_outputs",
    "test_chat_adapter::test_chat_adapter_format_exact_messages_with_incomplete_demo",
    "test_chat_adapter::test_chat_adapter_format_exact_messages_with_list_value_for_string_input",
    "test_chat_adapter::test_chat_adapter_format_exact_messages_with_literal_output",
    "test_chat_adapter::test_format_system_message",
    "test_json_adapter::test_format_system_message",
    "test_json_adapter::test_json_adapter_format_exact_messages_for_simple_signature",
    "test_json_adapter::test_json_adapter_format_exact_messages_with_demo_and_typed_output",
    "test_json_adapter::test_json_adapter_format_exact_messages_with_described_and_bool_outputs",
    "test_json_adapter::test_json_adapter_format_exact_messages_with_incomplete_demo",
    "test_json_adapter::test_json_adapter_format_exact_messages_with_int_and_mapping_outputs",
}


def literal_messages(fn):
    for node in ast.walk(fn):
        value = None
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("expected_messages", "expected_system_message") for t in node.targets):
            value = node.value
        elif isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == "messages" and isinstance(node.ops[0], ast.Eq):
            value = node.comparators[0]
        if value is not None:
            try:
                return ast.literal_eval(value)
            except ValueError:
                continue
    return None


def main():
    checkout, tag = sys.argv[1], sys.argv[2]
    out = {"dspy": tag, "cases": {}}
    for path in FILES:
        source = subprocess.run(["git", "-C", checkout, "show", f"{tag}:{path}"], check=True, capture_output=True, text=True).stdout
        module = path.rsplit("/", 1)[-1][: -len(".py")]
        for fn in ast.parse(source).body:
            if isinstance(fn, ast.FunctionDef) and fn.name.startswith("test_"):
                found = literal_messages(fn)
                if found is not None and f"{module}::{fn.name}" in PORTED:
                    out["cases"][f"{module}::{fn.name}"] = found
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")


main()
