"""The published JSON Schema of the transcript format, generated from the model."""

from __future__ import annotations

import json
from typing import Any

from rejoinder.model import KEY_PATTERN, SLUG_PATTERN, Transcript

SCHEMA_ID = "https://rejoinder.invalid/schema/transcript.schema.json"


def transcript_schema() -> dict[str, Any]:
    schema = Transcript.model_json_schema(mode="validation")
    _close_keyed_mappings(schema)
    _merge_null_alternatives(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Rejoinder transcript",
        "description": "One debate: its sources, participants, posts, claims, argument edges and "
        "annotations. The checker reads every value as text (an editor reading YAML 1.2 may see "
        "a number, true, false or null where text is wanted, and that is accepted too); times "
        "and dates are ISO 8601.",
    }


def schema_json() -> str:
    return json.dumps(transcript_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# How the YAML language server names a property whose key YAML 1.2 reads as a number:
# JavaScript's String() of it (a participant key ``1e-3`` is the property "0.001").
NUMBER_NAME_PATTERN = r"^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-][0-9]+)?$"


def _close_keyed_mappings(node: Any) -> None:
    """Mappings keyed by pattern (participants, references) accept no other keys, as the
    checker does: pydantic leaves ``additionalProperties`` open there. Where a key may start
    with a digit, the name editors give a key they read as a number is accepted too."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node["additionalProperties"] = False
            patterns = node["patternProperties"]
            for pattern in (KEY_PATTERN, SLUG_PATTERN):
                if pattern in patterns:
                    patterns[NUMBER_NAME_PATTERN] = patterns[pattern]
        for value in node.values():
            _close_keyed_mappings(value)
    elif isinstance(node, list):
        for value in node:
            _close_keyed_mappings(value)


def _merge_null_alternatives(node: Any) -> None:
    """``anyOf: [text that may be null, null]`` (an optional text field) as the one schema it
    amounts to, so that editors show the field's constraints rather than a choice."""
    if isinstance(node, dict):
        choices = node.get("anyOf")
        if (
            isinstance(choices, list)
            and len(choices) == 2
            and choices[1] == {"type": "null"}
            and "null" in choices[0].get("type", ())
        ):
            del node["anyOf"]
            node.update(choices[0])
        for value in node.values():
            _merge_null_alternatives(value)
    elif isinstance(node, list):
        for value in node:
            _merge_null_alternatives(value)
