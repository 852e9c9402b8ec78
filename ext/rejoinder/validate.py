"""Validation of one loaded transcript: schema errors mapped back to lines, in-file consistency.

Pydantic checks types and shapes; this module turns its error locations (``('posts', 3,
'author')``) into ``path:line:column`` problems with messages a contributor can act on, and adds
the checks that need the whole file (unique ids, authors, quotes that must occur in the text).
References that may cross files are collected as :class:`RefUse` for the corpus pass.
"""

from __future__ import annotations

import difflib
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from rejoinder.loader import ALIAS, LoadedDocument, PathKey
from rejoinder.model import (
    DATE_HINT,
    EDGE_KINDS,
    RESERVED_PARTICIPANT_KEYS,
    TIME_HINT,
    UNKNOWN_AUTHOR,
    ArgumentEdge,
    Post,
    Record,
    Ref,
    Transcript,
    TranscriptHead,
    explain_pattern_failure,
)
from rejoinder.problems import MAX_HINTED_PER_FILE, Code, Problem, Severity, close_match
from rejoinder.skeleton import PLACEHOLDER

_POST_ADAPTER: TypeAdapter[Post] = TypeAdapter(Post)

_CUSTOM_CODES = {
    "rejoinder_text": Code.TEXT,
    "rejoinder_url": Code.URL,
    "rejoinder_slug": Code.SCHEMA,
    "rejoinder_ref": Code.REFERENCE,
    "rejoinder_inconsistent": Code.INCONSISTENT,
    "rejoinder_time_number": Code.TIME,
    "rejoinder_time_form": Code.TIME,
}


class _Masked:
    """Stands where a value was that is already reported (a placeholder left in): validation
    rejects it and says nothing more of it, so nothing that
    follows from it is reported twice, and it never reaches the site."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"MASKED({self.text!r})"


def _already_reported(value: Any) -> bool:
    return value is ALIAS or isinstance(value, _Masked)


class RefUse(NamedTuple):
    """A reference written in a transcript, waiting to be resolved against the corpus."""

    ref: Ref  # absolute: its debate is always filled in
    role: str  # "replies_to", "quotes", "same_as", or an argument edge kind
    where: PathKey  # where it is written; its line and column are looked up only when needed
    source_post: str
    line: int = 0
    column: int = 0


@dataclass(frozen=True, slots=True)
class TranscriptIndex:
    """What other files need to know of a transcript to resolve references into it."""

    debate_id: str
    post_times: dict[str, float | None]  # POSIX timestamps: cheap to send between processes
    post_claims: dict[str, frozenset[str]]
    reference_keys: frozenset[str]
    # Post ids that failed validation still exist for references, so errors do not cascade.
    invalid_post_ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, transcript: Transcript, invalid_post_ids: frozenset[str]) -> TranscriptIndex:
        return cls(
            transcript.id,
            {
                post.id: post.posted.timestamp() if post.posted else None
                for post in transcript.posts
            },
            {post.id: frozenset(claim.id for claim in post.claims) for post in transcript.posts},
            frozenset(transcript.references),
            invalid_post_ids,
        )


@dataclass(slots=True)
class CheckedTranscript:
    """The outcome of checking one file: the model where it was valid, and every problem."""

    path: str
    transcript: Transcript | None
    problems: list[Problem] = field(default_factory=list)
    ref_uses: list[RefUse] = field(default_factory=list)
    id_position: tuple[int, int] = (1, 1)
    index: TranscriptIndex | None = None

    @property
    def debate_id(self) -> str | None:
        return self.index.debate_id if self.index else None


def check_document(doc: LoadedDocument) -> CheckedTranscript:
    """Validate one loaded file and run every check that needs only that file."""
    result = CheckedTranscript(doc.path, None)
    if not isinstance(doc.data, dict):
        line, column = doc.position(())
        result.problems.append(
            _error(
                doc.path,
                line,
                column,
                Code.SCHEMA,
                "a transcript is a mapping of keys (id, title, posts, …), "
                f"not {_kind_of(doc.data)}",
            )
        )
        return result
    if doc.may_hold_placeholders:
        _mask_placeholders(doc, result.problems)
    head, unusable_participants = _validate_head(doc, result.problems)
    posts: list[Post] = []
    # What is valid of the posts that are not, so that their quotes and references are checked
    # in the same run; they never reach the site.
    partial: list[Post] = []
    invalid_ids: set[str] = set()
    raw_posts = doc.data.get("posts")
    raw_index: dict[int, int] = {}
    for index, raw in enumerate(raw_posts if isinstance(raw_posts, list) else []):
        if not isinstance(raw, dict):
            continue  # the head's validation reported it
        post = _validate(_POST_ADAPTER, raw, doc, ("posts", index), result.problems)
        if post is None:
            if isinstance(raw.get("id"), str):
                invalid_ids.add(raw["id"])
            post = _salvaged(Post, raw)
            partial.append(post)
        else:
            posts.append(post)
        raw_index[id(post)] = index
    result.id_position = doc.position(("id",))
    if head is None:
        return result
    transcript = Transcript.model_construct(
        **{name: getattr(head, name) for name in Transcript.model_fields if name != "posts"},
        posts=tuple(posts),
    )
    result.transcript = transcript
    result.index = TranscriptIndex.of(transcript, frozenset(invalid_ids))
    _check_consistency(transcript, partial, doc, raw_index, unusable_participants, result)
    return result


def _salvaged(record: type[Record], raw: Any) -> Any:
    """The parts of ``raw`` that are valid on their own, as an unchecked ``record``.

    Each field is validated alone; a list of records entry by entry, an invalid entry being
    salvaged in its turn (so every entry keeps its index, and its position). A field that is
    invalid or absent is None (an empty tuple for a list of records): the checks that need it
    are skipped, and the schema problem already reported says why.
    """
    given = raw if isinstance(raw, dict) else {}
    values: dict[str, Any] = {}
    for name in record.model_fields:
        value = given.get(name)
        entries = _entry_record(record, name)
        if entries is not None:
            values[name] = (
                tuple(_valid_or_salvaged(entries, entry) for entry in value)
                if isinstance(value, list)
                else ()
            )
        elif name in given and not _already_reported(value):
            try:
                values[name] = _field_adapter(record, name).validate_python(value)
            except ValidationError:
                values[name] = None
        else:
            values[name] = None
    return record.model_construct(**values)


def _valid_or_salvaged(record: type[Record], raw: Any) -> Any:
    try:
        return record.model_validate(raw)
    except ValidationError:
        return _salvaged(record, raw)


@functools.cache
def _entry_record(record: type[Record], name: str) -> type[Record] | None:
    """The record type of the entries of ``record.name``, when it is a list of records."""
    annotation = record.model_fields[name].annotation
    if typing.get_origin(annotation) is tuple:
        entry = typing.get_args(annotation)[0]
        if isinstance(entry, type) and issubclass(entry, Record):
            return entry
    return None


@functools.cache
def _field_adapter(record: type[Record], name: str) -> TypeAdapter[Any]:
    info = record.model_fields[name]
    annotation: Any = info.annotation
    return TypeAdapter(Annotated[annotation, *info.metadata] if info.metadata else annotation)


_PLACEHOLDER_HINT = "write what the source shows, or delete the line if the key is optional"


def _mask_placeholders(doc: LoadedDocument, problems: list[Problem]) -> None:
    """Report every ``<TODO …>`` placeholder left from ``rejoinder new`` and mask it.

    A value holding a placeholder is replaced by a masked value; a key that is one is dropped
    with its entry (after the placeholders inside the entry are reported). ``doc.data`` is
    changed in place: it is checked once, and positions are kept by container and key.
    """
    stack: list[tuple[Any, PathKey]] = [(doc.data, ())]
    # Entries under placeholder keys are dropped last: positions inside them are still needed.
    dropped: list[tuple[dict[Any, Any], Any]] = []
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            entries: Any = node.items()
            for key in node:
                if isinstance(key, str) and PLACEHOLDER.search(key):
                    line, column = doc.position((*path, key), key=True)
                    problems.append(_placeholder_problem(doc.path, line, column, path, key))
                    dropped.append((node, key))
        elif isinstance(node, list):
            entries = enumerate(node)
        else:
            continue
        for key, value in list(entries):
            if not isinstance(value, str):
                stack.append((value, (*path, key)))
            elif PLACEHOLDER.search(value):
                line, column = doc.position((*path, key))
                problems.append(_placeholder_problem(doc.path, line, column, (*path, key), value))
                node[key] = _Masked(value)
    for mapping, key in dropped:
        del mapping[key]


def _placeholder_problem(path: str, line: int, column: int, where: PathKey, text: str) -> Problem:
    found = list(dict.fromkeys(PLACEHOLDER.findall(text)))
    names = " and ".join(found) if len(found) < 3 else ", ".join(found[:-1]) + f" and {found[-1]}"
    label = _field_label(where) or "the transcript"
    verb = "is" if len(found) == 1 else "are"
    return _error(
        path,
        line,
        column,
        Code.PLACEHOLDER,
        f"{label}: placeholder{'s' * (len(found) > 1)} {names} {verb} not filled in",
        _PLACEHOLDER_HINT,
    )


# Placeholders for required top-level values that failed, so that the rest of a file whose
# title (say) is broken is still checked, and other files can still refer to it.
_PLACEHOLDERS: dict[str, Any] = {
    "title": "untitled",
    "summary": "none",
    "sources": [{"title": "unknown"}],
    "posts": [{}],
}
# Mappings by key (participants, references): one bad entry is dropped, not the whole mapping.
_KEYED_MAPPINGS = frozenset(
    name
    for name, info in Transcript.model_fields.items()
    if typing.get_origin(info.annotation) is dict
)


def _validate_head(doc: LoadedDocument, problems: list[Problem]) -> tuple[Any, set[str] | None]:
    """The transcript's top level, salvaged when parts of it fail.

    Returns the validated head (None when even the id is unusable) and the participant keys
    that failed (None when the whole participants mapping did), so that authors naming them
    are not reported a second time.
    """
    head, failed = _validate_collecting(TranscriptHead, doc.data, doc, (), problems)
    unusable: set[str] | None = set()
    if head is not None:
        return head, unusable
    salvaged = dict(doc.data)
    for loc in failed:
        top = loc[0] if loc else None
        if top == "id" or not isinstance(top, str):
            return None, unusable
        value = salvaged.get(top)
        if top in _KEYED_MAPPINGS and len(loc) > 1 and isinstance(value, dict):
            salvaged[top] = {key: item for key, item in value.items() if key != loc[1]}
            if top == "participants" and unusable is not None:
                unusable.add(str(loc[1]))
            continue
        if top == "participants":
            unusable = None
        if top in _PLACEHOLDERS:
            salvaged[top] = _PLACEHOLDERS[top]
        else:
            salvaged.pop(top, None)
    head, _ = _validate_collecting(TranscriptHead, salvaged, doc, (), [])
    return head, unusable


def _validate(
    schema: Any, data: Any, doc: LoadedDocument, prefix: PathKey, problems: list[Problem]
) -> Any:
    return _validate_collecting(schema, data, doc, prefix, problems)[0]


def _validate_collecting(
    schema: Any, data: Any, doc: LoadedDocument, prefix: PathKey, problems: list[Problem]
) -> tuple[Any, list[PathKey]]:
    """Validate; on failure report every error and return the locations that failed."""
    validator = schema if isinstance(schema, TypeAdapter) else None
    try:
        if validator is not None:
            return validator.validate_python(data), []
        return schema.model_validate(data), []
    except ValidationError as error:
        root = Post if validator is not None else Transcript
        details = error.errors(include_url=False)
        failed_inside = {tuple(d["loc"][:end]) for d in details for end in range(len(d["loc"]))}
        for detail in details:
            # pydantic also calls a list "too short" when its only entries were invalid.
            if detail["type"] == "too_short" and tuple(detail["loc"]) in failed_inside:
                continue
            if _already_reported(detail.get("input")):
                continue  # the loader reported the alias, or a pre-check the value
            problems.append(_schema_problem(doc, prefix, tuple(detail["loc"]), detail, root))
        return None, [tuple(detail["loc"]) for detail in details]


def _schema_problem(
    doc: LoadedDocument, prefix: PathKey, loc: PathKey, detail: Any, root: type[BaseModel]
) -> Problem:
    kind: str = detail["type"]
    at_key = False
    if loc and loc[-1] == "[key]":
        # pydantic's location of a mapping's invalid key: point at the key itself.
        loc, at_key = loc[:-1], True
    where = (*prefix, *loc)
    if kind in ("missing", "extra_forbidden"):
        # Both are about a key of the enclosing mapping; point at that mapping or key.
        owner = _field_label(where[:-1]) or "the transcript"
        if kind == "missing":
            message, hint, code = f"missing required key '{loc[-1]}' in {owner}", None, Code.SCHEMA
            where = where[:-1]
        else:
            allowed = _allowed_keys(root, loc[:-1])
            close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
            message, code = f"unknown key '{loc[-1]}' in {owner}", Code.UNKNOWN_KEY
        line, column = doc.position(where, key=True)
        return _error(doc.path, line, column, code, message, hint)
    empty_hint = _empty_hint(root, loc)
    message, hint, code = _describe_value_error(kind, detail, _field_label(where), empty_hint)
    line, column = doc.position(where, key=at_key)
    return _error(doc.path, line, column, code, message, hint)


_TYPE_WANTED = {"string_type": "text", "tuple_type": "a list", "list_type": "a list"}
_MAPPING_TYPES = ("dict_type", "model_type", "model_attributes_type")


def _describe_value_error(
    kind: str, detail: Any, label: str, empty_hint: str
) -> tuple[str, str | None, Code]:
    """Message, hint and code for a value pydantic rejected, in the contributor's terms."""
    value = detail.get("input")
    hint = (detail.get("ctx") or {}).get("hint")
    code = _CUSTOM_CODES.get(kind, Code.SCHEMA)
    if value is None and kind.endswith("_type"):
        return f"{label} is empty", empty_hint, code
    if kind in _TYPE_WANTED or kind in _MAPPING_TYPES:
        wanted = _TYPE_WANTED.get(kind, "a mapping of keys")
        if wanted == "a list":
            hint = "write each entry on its own line starting with '- '"
        if _looks_like_yaml_word(value):
            hint = (
                f"'{value}' is read as text here, not as true, false or nothing: to give none, "
                "leave the key out" + (f"; otherwise {hint}" if hint else "")
            )
        return f"{label} should be {wanted}, not {_kind_of(value)}", hint, code
    if kind == "literal_error":
        expected = detail["ctx"]["expected"]
        options = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'?" if close else None
        if hint is None and _looks_like_yaml_word(value):
            hint = f"'{value}' is read as text here, not as true or false: write {expected}"
        return f"{label} is '{value}', expected {expected}", hint, code
    if kind in ("rejoinder_time_number", "rejoinder_time_form"):
        return f"{label} {detail['msg']}", hint, code
    if kind == "timezone_aware":
        hint = TIME_HINT + (
            "; say how the offset was established in posted_note"
            if label.endswith("posted")
            else ""
        )
        return f"{label} '{value}' has no UTC offset", hint, Code.TIME
    if kind.startswith(("datetime", "date")):
        if kind.startswith("datetime"):
            return f"{label} '{value}' is not a time", TIME_HINT, Code.TIME
        hint = DATE_HINT
        return f"{label} '{value}' is not a date (YYYY-MM-DD)", hint, Code.TIME
    if kind == "too_short":
        return f"{label} needs at least one entry", hint, code
    if kind == "string_too_long":
        limit = detail["ctx"]["max_length"]
        hint = f"shorten it to at most {limit} characters"
        return f"{label} is {len(str(value))} characters long, over {limit}", hint, code
    if kind == "string_pattern_mismatch":
        kind, message, hint = explain_pattern_failure(detail["ctx"]["pattern"], str(value))
        if kind == "rejoinder_text" and not str(value).strip():
            hint = empty_hint
        return f"{label}: {message}", hint, _CUSTOM_CODES.get(kind, Code.SCHEMA)
    return (f"{label}: {detail['msg']}" if label else detail["msg"]), hint, code


# Words YAML 1.1 reads as booleans or null; the loader keeps them as text.
_YAML_WORDS = frozenset({"yes", "no", "y", "n", "true", "false", "on", "off", "null", "none", "~"})


def _looks_like_yaml_word(value: Any) -> bool:
    return isinstance(value, str) and value.strip().lower() in _YAML_WORDS


def _field_label(path: PathKey) -> str:
    label = ""
    for part in path:
        if isinstance(part, int):
            label += f"[{part}]"
        else:
            label += f".{part}" if label else str(part)
    return label


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return f"the text '{value}'" if len(str(value)) < 40 else "text"


def _empty_hint(root: type[BaseModel], loc: PathKey) -> str:
    """What to do about an empty value at ``loc``: a required key cannot be left out."""
    if loc and isinstance(loc[-1], int):
        return "give it a value, or remove the entry"
    if root is Post and loc == ("text",):
        return (
            "write the post's words exactly as shown; leave text out only for a post that "
            "shows media, a title, a link card or a quoted post alone (give media:, title:, "
            "links: or quotes:), or that the platform no longer shows (give status:)"
        )
    info = _model_walk(root, loc)[1]
    if info is None or not info.is_required():
        return "give it a value, or leave the key out"
    what = (info.description or "").rstrip(".")
    return f"give it a value: '{loc[-1]}' is required" + (
        f" ({what[:1].lower()}{what[1:]})" if what else ""
    )


def _allowed_keys(root: type[BaseModel], loc: PathKey) -> list[str]:
    """The keys the format allows at ``loc``, found by following the model's annotations."""
    current = _unwrap(_model_walk(root, loc)[0])
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_walk(root: type[BaseModel], loc: PathKey) -> tuple[Any, FieldInfo | None]:
    """The annotation at ``loc``, following the model, and the field ``loc`` names if any."""
    current: Any = root
    info: FieldInfo | None = None
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            info = None
            args = [arg for arg in typing.get_args(current) if arg is not Ellipsis]
            current = args[-1] if args else None
    return current, info


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _check_consistency(
    transcript: Transcript,
    partial: list[Post],
    doc: LoadedDocument,
    index_of: dict[int, int],
    unusable_participants: set[str] | None,
    result: CheckedTranscript,
) -> None:
    problems = result.problems
    path = doc.path

    seen: dict[str, tuple[PathKey, str]] = {}

    def claim_id(anchor: str, where: PathKey, what: str) -> None:
        # Positions are looked up only for a duplicate: most ids are unique.
        if anchor in seen:
            first_where, first_what = seen[anchor]
            first_line = doc.position(first_where)[0]
            line, column = doc.position(where)
            problems.append(
                _error(
                    path,
                    line,
                    column,
                    Code.DUPLICATE_ID,
                    f"id '{anchor}' is already used by a {first_what} on line {first_line}",
                    "posts, claims and references share one id space "
                    "(each is an anchor on the page)",
                )
            )
        else:
            seen[anchor] = (where, what)

    for key in transcript.participants:
        if key in RESERVED_PARTICIPANT_KEYS:
            line, column = doc.position(("participants", key), key=True)
            problems.append(
                _error(
                    path,
                    line,
                    column,
                    Code.DUPLICATE_ID,
                    f"participant key '{key}' is reserved for the people index page",
                    f"choose another key, e.g. '{key}-person'",
                )
            )
    # In file order, valid or not: ids, authors, quotes and references that are valid on their
    # own are checked whether or not the rest of their post is.
    every_post = sorted((*transcript.posts, *partial), key=lambda post: index_of[id(post)])
    for key in transcript.references:
        claim_id(key, ("references", key), "reference")
    for post in every_post:
        at: PathKey = ("posts", index_of[id(post)])
        if post.id is not None:
            claim_id(post.id, (*at, "id"), "post")
        for c_index, claim in enumerate(post.claims):
            if claim.id is not None:
                claim_id(claim.id, (*at, "claims", c_index, "id"), "claim")

    raw_posts = doc.data.get("posts") if isinstance(doc.data, dict) else None
    seen_ids: dict[str, tuple[PathKey, str]] = {}  # platform ids: where, and of which post
    for post in every_post:
        at = ("posts", index_of[id(post)])
        raw = raw_posts[at[1]] if isinstance(raw_posts, list) else {}
        # No text at all (left out, or empty), not a text that failed its own check, in a post
        # that may have none (else that is the problem reported, and quotes follow from it).
        textless = (
            post.text is None
            and isinstance(raw, dict)
            and raw.get("text") is None
            and (post.shows_besides_text or post.status not in (None, "shown"))
        )
        if (
            post.author is not None
            and post.author != UNKNOWN_AUTHOR
            and post.author not in transcript.participants
            and unusable_participants is not None
            and post.author not in unusable_participants
        ):
            line, column = doc.position((*at, "author"))
            hinted = len(problems) < MAX_HINTED_PER_FILE
            close = close_match(post.author, transcript.participants) if hinted else None
            problems.append(
                _error(
                    path,
                    line,
                    column,
                    Code.REFERENCE,
                    f"author '{post.author}' is not a participant key",
                    f"did you mean '{close}'?"
                    if close
                    else f"add '{post.author}' under participants, or write '{UNKNOWN_AUTHOR}'",
                )
            )
        quoted: list[tuple[str | None, PathKey, str]] = [
            (claim.quote, (*at, "claims", c_index, "quote"), "claim quote")
            for c_index, claim in enumerate(post.claims)
        ]
        quoted += [
            (note.span, (*at, "annotations", a_index, "span"), "annotation span")
            for a_index, note in enumerate(post.annotations)
        ]
        for words, where, what in quoted:
            if words is not None and post.text is not None:
                _check_occurs(words, post.text, doc, where, what, problems)
            elif words is not None and textless:
                problems.append(_no_text(doc, where, what, post.status))
        for l_index, key in enumerate(post.links or ()):
            if key not in transcript.references:
                hinted = len(problems) < MAX_HINTED_PER_FILE
                is_post = seen.get(key, ((), ""))[1] == "post"
                where = (*at, "links", l_index)
                problems.append(_unknown_link(doc, where, key, transcript, is_post, hinted))
        if post.platform_id is not None:
            platform_at = (*at, "platform_id")
            _check_platform_id(
                post.platform_id, post.id or "?", platform_at, doc, seen_ids, problems
            )
        _collect_refs(transcript, post, at, doc, result)


def _check_platform_id(
    platform_id: str,
    post_id: str,
    where: PathKey,
    doc: LoadedDocument,
    seen: dict[str, tuple[PathKey, str]],
    problems: list[Problem],
) -> None:
    if platform_id not in seen:
        seen[platform_id] = (where, post_id)
        return
    first_where, first_post = seen[platform_id]
    line, column = doc.position(where)
    problems.append(
        _error(
            doc.path,
            line,
            column,
            Code.DUPLICATE_ID,
            f"platform_id '{platform_id}' is already given to post '{first_post}' on line "
            f"{doc.position(first_where)[0]}",
            "a post of the platform appears once in a transcript (a re-import matches posts by "
            "their platform_id): remove the copy, or correct the id",
        )
    )


def _no_text(doc: LoadedDocument, where: PathKey, what: str, status: str | None) -> Problem:
    line, column = doc.position(where)
    shown = status in (None, "shown")
    return _error(
        doc.path,
        line,
        column,
        Code.QUOTE,
        f"this {what} must occur in the post's text, but this post has no text",
        f"leave the {what.rsplit(maxsplit=1)[-1]} out, or give the post's text"
        + ("" if shown else f" (a post whose status is '{status}' may keep the text last shown)"),
    )


def _unknown_link(
    doc: LoadedDocument,
    where: PathKey,
    key: str,
    transcript: Transcript,
    is_post: bool,
    hinted: bool,
) -> Problem:
    line, column = doc.position(where)
    close = close_match(key, transcript.references) if hinted else None
    if close:
        hint = f"did you mean '{close}'?"
    elif is_post:
        hint = f"'{key}' is a post: links name references; to quote a post, write 'quotes: {key}'"
    else:
        hint = f"add '{key}' under references (with its title and url), or remove the entry"
    return _error(
        doc.path,
        line,
        column,
        Code.REFERENCE,
        f"links: '{key}' is not a reference of this transcript",
        hint,
    )


def _check_occurs(
    needle: str, text: str, doc: LoadedDocument, where: PathKey, what: str, problems: list[Problem]
) -> None:
    if needle in text:
        return
    line, column = doc.position(where)
    problems.append(
        _error(
            doc.path,
            line,
            column,
            Code.QUOTE,
            f"this {what} does not occur in the post text",
            _closest_hint(needle, text) if len(problems) < MAX_HINTED_PER_FILE else _COPY_EXACTLY,
        )
    )


_HINT_TEXT_LIMIT = 20_000
_HINT_WINDOWS = 1_000
_COPY_EXACTLY = "copy the words exactly from the post's text"


def _closest_hint(needle: str, text: str) -> str:
    """The passage of ``text`` most like ``needle``, to show what to copy exactly.

    Its cost grows with the text over the needle's length, so very short needles and very
    long texts get the plain advice rather than stall the check, and at most
    ``_HINT_WINDOWS`` passages are weighed (a short needle in a long text is slid along in
    longer steps).
    """
    size = len(needle)
    if size < 4 or len(text) > _HINT_TEXT_LIMIT:
        return _COPY_EXACTLY
    starts = max(1, len(text) - size + 1)
    step = max(1, size // 4, -(-starts // _HINT_WINDOWS))
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(needle)  # quick_ratio is symmetric; the needle's counts are kept
    best, best_score = "", 0.0
    for start in range(0, starts, step):
        window = text[start : start + size]
        matcher.set_seq1(window)
        score = matcher.quick_ratio()
        if score > best_score:
            best, best_score = window, score
    if best_score < 0.5:
        return _COPY_EXACTLY
    return f"closest match in the text: {best!r} (copy the words exactly, punctuation included)"


def _collect_refs(
    transcript: Transcript, post: Post, at: PathKey, doc: LoadedDocument, result: CheckedTranscript
) -> None:
    def use(text: str, role: str, where: PathKey) -> None:
        ref = Ref.parse(text).absolute(transcript.id)
        result.ref_uses.append(RefUse(ref, role, where, post.id or ""))

    def use_edges(edges: tuple[ArgumentEdge, ...], where: PathKey) -> None:
        # Every kind named: a valid edge names one; one that names two is reported as such,
        # and each of its targets is still checked.
        for e_index, edge in enumerate(edges):
            for kind in EDGE_KINDS:
                target = getattr(edge, kind)
                if target is not None:
                    use(target, kind, (*where, e_index, kind))

    if post.replies_to:
        use(post.replies_to, "replies_to", (*at, "replies_to"))
    if post.quotes:
        use(post.quotes, "quotes", (*at, "quotes"))
    use_edges(post.arguments, (*at, "arguments"))
    for c_index, claim in enumerate(post.claims):
        use_edges(claim.arguments, (*at, "claims", c_index, "arguments"))
        if claim.same_as is not None:
            where = (*at, "claims", c_index, "same_as")
            ref = Ref.parse(claim.same_as).absolute(transcript.id)
            if post.id is not None and ref == (transcript.id, post.id, claim.id):
                line, column = doc.position(where)
                result.problems.append(
                    _error(
                        doc.path,
                        line,
                        column,
                        Code.REFERENCE,
                        "same_as: a claim cannot restate itself",
                        "name the other claim this one restates, or leave same_as out",
                    )
                )
            else:
                use(claim.same_as, "same_as", where)


def _error(
    path: str, line: int, column: int, code: Code, message: str, hint: str | None = None
) -> Problem:
    return Problem(path, line, column, Severity.ERROR, code, message, hint)
