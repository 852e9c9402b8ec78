"""The published JSON Schema of the transcript format, generated from the model."""

from __future__ import annotations

import json
from typing import Any

from rejoinder.model import Transcript

SCHEMA_ID = "https://rejoinder.invalid/schema/transcript.schema.json"


def transcript_schema() -> dict[str, Any]:
    schema = Transcript.model_json_schema(mode="validation")
    _close_keyed_mappings(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Rejoinder transcript",
        "description": "One debate: its sources, participants, posts, claims, argument edges and "
        "annotations. Every value is written as text; times and dates are ISO 8601.",
    }


def schema_json() -> str:
    return json.dumps(transcript_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _close_keyed_mappings(node: Any) -> None:
    """Mappings keyed by pattern (participants, references) accept no other keys, as the
    checker does: pydantic leaves ``additionalProperties`` open there."""
    if isinstance(node, dict):
        if "patternProperties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_keyed_mappings(value)
    elif isinstance(node, list):
        for value in node:
            _close_keyed_mappings(value)
