"""``rejoinder import aif|sadface|argdown|kialo FILE``: an argument graph as a transcript.

The argument layer (propositions, inference, conflict) is read by ``arguebuf``, the field's
library; what it leaves out (AIF's locutions, speakers and transitions, SADFace's resources,
Argdown's statement data) is read here from the same file. Each proposition becomes a claim;
each locution a post holding the claims it asserts; a proposition no locution asserts gets a
post of its own, by an unknown author, whose text is the proposition, and the transcript's
source note says so. Inference becomes ``supports`` (each premise supports the conclusion),
conflict ``rebuts``; what has no equivalent (rephrase, preference, undercutting a relation) is
left out and counted in the notes. Nothing is invented: no times without a zone (they go to
``posted_as_shown``), no authors the file does not name.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from rejoinder.importers import parse_json
from rejoinder.importers.base import Imported, ImportOptions, UnreadableInput, slug, unique

_WHITESPACE = re.compile(r"\s+")
_SPEAKER_PREFIX = re.compile(r"^(?P<speaker>[^:\n]{1,80}?) : (?P<text>.*)$", re.DOTALL)


@dataclass(slots=True)
class Locution:
    node: str
    text: str
    speaker: str | None = None
    posted: str | None = None  # ISO 8601 with an offset
    shown_time: str | None = None  # a time without a zone, as the file writes it
    replies_to: str | None = None  # the node of the locution this one answers
    claims: list[str] = field(default_factory=list)  # proposition nodes it asserts


@dataclass(slots=True)
class Reading:
    """What a file holds, before it is written as a transcript."""

    format_label: str
    title: str | None
    propositions: dict[str, str]  # node -> text
    locutions: dict[str, Locution]
    relations: list[tuple[str, str, str]]  # (premise or attacker, supports|rebuts, target)
    left_out: dict[str, int] = field(default_factory=dict)  # what has no equivalent: how many


def read_bytes(data: Any) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    raise UnreadableInput("expected the file's contents")


def read_json(data: Any, label: str, hint: str = "") -> Any:
    try:
        return parse_json(read_bytes(data))
    except (ValueError, RecursionError) as error:
        raise UnreadableInput(f"not {label} JSON: {error}{hint}") from None


def _argument_layer(graph: Any, reading: Reading) -> None:
    """Propositions and relations from an arguebuf graph."""
    import arguebuf

    for node_id, atom in graph.atom_nodes.items():
        reading.propositions[node_id] = str(atom.plain_text)
    for node_id, scheme_node in graph.scheme_nodes.items():
        scheme = scheme_node.scheme
        if isinstance(scheme, arguebuf.Support):
            kind = "supports"
        elif isinstance(scheme, arguebuf.Attack):
            kind = "rebuts"
        else:
            name = type(scheme).__name__.lower() if scheme is not None else "unnamed scheme"
            reading.left_out[name] = reading.left_out.get(name, 0) + 1
            continue
        targets = [node.id for node in graph.outgoing_nodes(node_id)]
        sources = [node.id for node in graph.incoming_nodes(node_id)]
        for target in targets:
            if target not in reading.propositions:
                reading.left_out[f"{kind} aimed at a relation"] = (
                    reading.left_out.get(f"{kind} aimed at a relation", 0) + 1
                )
                continue
            for source in sources:
                if source in reading.propositions:
                    reading.relations.append((source, kind, target))


def _readable(label: str) -> Callable[[Callable[[Any], Reading]], Callable[[Any], Reading]]:
    """Turn what a malformed file makes arguebuf or the readers raise into one message."""

    def wrap(read: Callable[[Any], Reading]) -> Callable[[Any], Reading]:
        @functools.wraps(read)
        def reading(data: Any) -> Reading:
            try:
                return read(data)
            except (KeyError, TypeError, ValueError, AttributeError, AssertionError) as error:
                if isinstance(error, UnreadableInput):
                    raise
                raise UnreadableInput(
                    f"not {label} this importer can read ({type(error).__name__}: {error})"
                ) from None

        return reading

    return wrap


@_readable("an AIF file")
def read_aif(data: Any) -> Reading:
    import arguebuf

    document = read_json(data, "AIF")
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise UnreadableInput("not AIF JSON: it has no list of nodes")
    reading = Reading("AIF", None, {}, {}, [])
    _argument_layer(arguebuf.load.aif(cast(Any, document)), reading)
    people = {
        str(person.get("participantID")): " ".join(
            part for part in (person.get("firstname"), person.get("surname")) if part
        )
        for person in document.get("participants") or []
        if isinstance(person, dict)
    }
    entries = {
        str(entry.get("nodeID")): entry
        for entry in document.get("locutions") or []
        if isinstance(entry, dict)
    }
    kinds = {str(node["nodeID"]): node for node in document["nodes"]}
    for node_id, node in kinds.items():
        if node.get("type") != "L":
            continue
        text = str(node.get("text") or "")
        entry = entries.get(node_id)
        person = entry.get("personID") if entry is not None else None
        speaker = people.get(str(person)) if person is not None else None
        # AIFdb writes "Speaker : words". A locution whose entry names no person has no
        # speaker, and its words are read whole (they may hold " : " themselves).
        said = _SPEAKER_PREFIX.match(text) if entry is None or person is not None else None
        if said and (speaker is None or said["speaker"] == speaker):
            speaker, text = said["speaker"], said["text"]
        reading.locutions[node_id] = Locution(
            node_id, text, speaker or None, shown_time=node.get("timestamp") or None
        )
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for edge in document.get("edges") or []:
        source, target = str(edge.get("fromID")), str(edge.get("toID"))
        out_of.setdefault(source, []).append(target)
        into.setdefault(target, []).append(source)
    for node_id, node in kinds.items():
        kind = node.get("type")
        if kind == "YA":  # a locution asserts (questions, …) a proposition: it is said there
            for said_in in into.get(node_id, ()):
                for proposition in out_of.get(node_id, ()):
                    if said_in in reading.locutions and proposition in reading.propositions:
                        reading.locutions[said_in].claims.append(proposition)
        elif kind == "TA":  # earlier locution -> TA -> later one
            for earlier in into.get(node_id, ()):
                for later in out_of.get(node_id, ()):
                    if earlier in reading.locutions and later in reading.locutions:
                        reading.locutions[later].replies_to = earlier
    return reading


@_readable("a SADFace file")
def read_sadface(data: Any) -> Reading:
    import arguebuf

    document = read_json(data, "SADFace")
    if not isinstance(document, dict) or not isinstance(document.get("nodes"), list):
        raise UnreadableInput("not SADFace JSON: it has no list of nodes")
    core = (document.get("metadata") or {}).get("core") or {}
    for key in ("created", "edited", "analyst_name", "analyst_email", "notes", "description"):
        core.setdefault(key, "")
    core.setdefault("title", "")
    core.setdefault("version", "")
    document.setdefault("metadata", {})["core"] = core
    reading = Reading("SADFace", core.get("title") or None, {}, {}, [])
    _argument_layer(arguebuf.load.sadface(cast(Any, document)), reading)
    for resource in document.get("resources") or []:
        if not isinstance(resource, dict) or resource.get("type", "text") != "text":
            continue
        about = (resource.get("metadata") or {}).get("rejoinder") or {}
        reading.locutions[str(resource["id"])] = Locution(
            str(resource["id"]),
            str(resource.get("content") or ""),
            about.get("speaker") or None,
            posted=_aware(about.get("posted")),
        )
    for node in document["nodes"]:
        for source in node.get("sources") or []:
            resource_id = str(source.get("resource_id"))
            if node.get("type") == "atom" and resource_id in reading.locutions:
                reading.locutions[resource_id].claims.append(str(node["id"]))
                break
    return reading


# Argdown's relations between statements and arguments that a transcript's edges can hold.
ARGDOWN_RELATIONS = {
    "support": "supports",
    "entails": "supports",
    "attack": "rebuts",
    "contrary": "rebuts",
    "contradictory": "rebuts",
}
# Argdown text is read by the Argdown project's own parser, in Node.js; rejoinder reads its JSON.
ARGDOWN_HINT = (
    "; for an .argdown text file, export its JSON with the map first, with Argdown's own tools "
    "(@argdown/node: the export-json process after build-map), e.g. as in "
    "tests/argument_formats/argdown_json.js"
)


@_readable("an Argdown JSON file")
def read_argdown(data: Any) -> Reading:
    import arguebuf

    document = read_json(data, "Argdown", ARGDOWN_HINT)
    if not isinstance(document, dict) or not isinstance(document.get("map"), dict):
        raise UnreadableInput(f"not Argdown JSON with a map{ARGDOWN_HINT}")
    reading = Reading("Argdown", None, {}, {}, [])
    for node in document["map"].get("nodes") or []:
        if isinstance(node, dict) and not node.get("labelText"):  # a statement without text
            node["labelText"] = node.get("labelTitle") or node.get("title") or ""
    graph = arguebuf.load.argdown(cast(Any, document))
    for node_id, atom in graph.atom_nodes.items():
        reading.propositions[node_id] = str(atom.plain_text).strip()  # Argdown ends text with " "
    # The relations are read here: arguebuf 2.7 reads every relation but attack and
    # contradiction as support, undercuts included.
    for edge in document["map"].get("edges") or []:
        source, target = edge.get("from", edge.get("source")), edge.get("to", edge.get("target"))
        kind = ARGDOWN_RELATIONS.get(edge.get("relationType"))
        if kind is None:
            what = str(edge.get("relationType") or "untyped")
            reading.left_out[what] = reading.left_out.get(what, 0) + 1
        elif source in reading.propositions and target in reading.propositions:
            reading.relations.append((source, kind, target))
    statements = document.get("statements") or {}
    for node in document["map"].get("nodes") or []:
        members = (statements.get(node.get("title")) or {}).get("members") or []
        about: dict[str, Any] = next(
            (m["data"] for m in members if isinstance(m.get("data"), dict)), {}
        )
        reading.locutions[f"{node['id']}/post"] = Locution(
            f"{node['id']}/post",
            reading.propositions.get(node["id"], ""),
            about.get("speaker") or None,
            posted=_aware(about.get("posted")),
            claims=[node["id"]],
        )
    return reading


@_readable("a Kialo export")
def read_kialo(data: Any) -> Reading:
    import arguebuf

    try:
        text = read_bytes(data).decode("utf-8-sig")
        graph = arguebuf.load.kialo(io.StringIO(text))
    except (UnicodeDecodeError, AssertionError, KeyError, ValueError) as error:
        raise UnreadableInput(f"not a Kialo discussion export (text): {error}") from None
    reading = Reading("Kialo", graph.name or None, {}, {}, [])
    _argument_layer(graph, reading)
    return reading


def _aware(text: Any) -> str | None:
    """An ISO 8601 time with its offset, or None (a time without a zone is not guessed)."""
    if not isinstance(text, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment.isoformat() if moment.tzinfo is not None else None


def _line(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


MADE_UP_NOTE = (
    "This post is not in the {label} file: the file says this proposition in no locution, so "
    "rejoinder import gave it a post of its own, by an unknown author, whose text is the "
    "proposition."
)


class _Transcript:
    """The transcript mapping of a :class:`Reading`, built post by post."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self.taken: set[str] = set()
        self.claim_of: dict[str, tuple[str, str]] = {}  # proposition -> (post id, claim id)
        self.claims: dict[str, dict[str, Any]] = {}  # claim id -> claim
        self.posts: list[dict[str, Any]] = []
        self.participants: dict[str, dict[str, str]] = {}
        self.keys: dict[str, str] = {}  # speaker -> participant key
        # A proposition without words makes no claim (a statement is never made up); it is
        # left out with its relations, and counted.
        self.wordless = {node for node, text in reading.propositions.items() if not text.strip()}
        for locution in reading.locutions.values():
            locution.claims = [node for node in locution.claims if node not in self.wordless]
        said = {node for locution in reading.locutions.values() for node in locution.claims}
        self.made_up = [
            Locution(f"{node}/post", text, claims=[node])
            for node, text in reading.propositions.items()
            if node not in said and node not in self.wordless
        ]
        self.locutions = [
            locution
            for locution in [*reading.locutions.values(), *self.made_up]
            if locution.text.strip() or locution.claims
        ]
        self.post_ids = {
            locution.node: unique(slug(locution.node, prefix="post-"), self.taken)
            for locution in self.locutions
        }

    def author(self, speaker: str | None) -> str:
        if not speaker:
            return "unknown"
        if speaker not in self.keys:
            key = unique(slug(speaker, prefix="p-")[:60].strip("-"), set(self.participants))
            self.keys[speaker] = key
            self.participants[key] = {"display_name": _line(speaker)}
        return self.keys[speaker]

    def post(self, locution: Locution, made_up: bool) -> dict[str, Any]:
        label = self.reading.format_label
        post: dict[str, Any] = {
            "id": self.post_ids[locution.node],
            "author": self.author(locution.speaker),
        }
        if locution.posted:
            post["posted"] = locution.posted
        elif locution.shown_time:
            post["posted_as_shown"] = locution.shown_time
        if locution.replies_to in self.post_ids:
            post["replies_to"] = self.post_ids[locution.replies_to]
            post["thread_note"] = f"Read from the {label} file's transition between the locutions."
        text = locution.text if locution.text.strip() else None
        post["text"] = text if text is not None else self.reading.propositions[locution.claims[0]]
        claims = [
            self.claim(node, post)
            for node in dict.fromkeys(locution.claims)
            if node not in self.claim_of
        ]
        if claims:
            post["claims"] = claims
        if made_up:
            post["annotations"] = [
                {"by": "rejoinder import", "note": MADE_UP_NOTE.format(label=label)}
            ]
        return post

    def claim(self, node: str, post: dict[str, Any]) -> dict[str, Any]:
        claim_id = unique(slug(node, prefix="claim-"), self.taken)
        self.claim_of[node] = (post["id"], claim_id)
        text = self.reading.propositions[node]
        claim: dict[str, Any] = {"id": claim_id, "statement": _line(text)}
        if text and text in post["text"]:
            claim["quote"] = text
        self.claims[claim_id] = claim
        return claim

    def relations(self) -> None:
        for source, kind, target in dict.fromkeys(self.reading.relations):
            if source not in self.claim_of or target not in self.claim_of:
                continue
            target_post, target_claim = self.claim_of[target]
            self.claims[self.claim_of[source][1]].setdefault("arguments", []).append(
                {kind: f"{target_post}#{target_claim}"}
            )

    def notes(self) -> list[str]:
        reading = self.reading
        notes = []
        if self.made_up:
            notes.append(
                f"{len(self.made_up)} of the {len(reading.propositions)} propositions are said "
                f"in no locution of the {reading.format_label} file: each was given a post of "
                "its own, by an unknown author, whose text is the proposition (these posts are "
                "inferred, not in the source)."
            )
        if self.wordless:
            notes.append(
                f"{len(self.wordless)} propositions of the file have no words: they were left "
                "out, with their relations."
            )
        wordless_locutions = sum(
            1
            for locution in reading.locutions.values()
            if not locution.text.strip() and not locution.claims
        )
        if wordless_locutions:
            notes.append(
                f"{wordless_locutions} locutions of the file have no words and assert nothing: "
                "they were left out."
            )
        for what, count in sorted(reading.left_out.items()):
            notes.append(
                f"{count} {what} relation(s) of the file have no equivalent in a transcript "
                "and were left out."
            )
        return notes


def transcript_of(reading: Reading, options: ImportOptions) -> Imported:
    built = _Transcript(reading)
    made_up = {locution.node for locution in built.made_up}
    posts = [built.post(locution, locution.node in made_up) for locution in built.locutions]
    built.relations()
    notes = built.notes()
    label = reading.format_label
    title = _line(reading.title or "") or f"An argument graph imported from {label}"
    source: dict[str, Any] = {
        "title": title,
        "captured": options.captured.isoformat(),
        "note": " ".join([f"Imported with rejoinder import from the {label} file.", *notes]),
    }
    transcript: dict[str, Any] = {
        "id": options.debate_id or slug(title)[:60].strip("-") or "imported-graph",
        "title": title,
        "summary": (
            f"An argument graph imported from the {label} file: "
            f"{len(reading.propositions)} propositions and {len(reading.relations)} relations."
        ),
        "sources": [source],
    }
    if built.participants:
        transcript["participants"] = built.participants
    transcript["posts"] = posts
    return Imported(transcript, notes)
