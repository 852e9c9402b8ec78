"""The transcript format as typed, immutable records; the single source of the JSON Schema.

Every field carries a description and an example, so the published schema explains itself in
editors. Values arrive from the loader as text; fields that want times, dates or choices convert
that text here, and say so plainly when they cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

# Debate ids and participant keys name pages (``2026-vote.html``), so they may start with a digit.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
# Post, claim and reference ids are anchors (``#payback``): docutils turns an id that starts
# with a digit into another (``0755`` -> ``id1``, ``1e3`` -> ``e3``), so these start with a letter.
ANCHOR_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
_SLUG_PART = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_ANCHOR_PART = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
REF_PATTERN = f"^(?:({_SLUG_PART}):)?({_ANCHOR_PART})(?:#({_ANCHOR_PART}))?$"
# The same shape with digit-first ids, to tell such a reference from one that is not one at all.
_REF_DIGIT_FIRST = re.compile(f"^(?:({_SLUG_PART}):)?({_SLUG_PART})(?:#({_SLUG_PART}))?$")
_REF = re.compile(REF_PATTERN)
UNKNOWN_AUTHOR = "unknown"
# Debate ids name pages; these names are taken by the index pages beside them.
RESERVED_DEBATE_IDS = frozenset({"index", "claims", "people"})
# Participant keys name pages beside the people index.
RESERVED_PARTICIPANT_KEYS = frozenset({"index"})
EdgeKind = Literal["rebuts", "supports", "concedes", "qualifies", "questions"]
EDGE_KINDS: tuple[EdgeKind, ...] = ("rebuts", "supports", "concedes", "qualifies", "questions")

# Newlines, C0/C1 controls, and the bidi controls that can make text display other than it reads
# (CVE-2021-42574, "Trojan Source"). Multi-line text may hold tabs and line breaks.
BAD_LINE_CHARS = "\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069"
BAD_TEXT_CHARS = (
    "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069"
)
# Checks run as pydantic-core (Rust) patterns: fast on the common valid path. When one fails,
# :func:`explain_pattern_failure` says precisely why, in the contributor's terms.
LINE_PATTERN = f"^[^{BAD_LINE_CHARS}]*[^{BAD_LINE_CHARS}\\s][^{BAD_LINE_CHARS}]*$"
TEXT_PATTERN = f"^[^{BAD_TEXT_CHARS}]*[^{BAD_TEXT_CHARS}\\s][^{BAD_TEXT_CHARS}]*$"
# RFC 3986 never allows spaces, quotes, angle brackets, braces, backslash, caret, backtick or
# pipe unescaped; refusing them keeps a URL from breaking out of any context it is written in.
_URL_UNSAFE = f'{BAD_LINE_CHARS}\\s"<>\\\\^`{{|}}'
# No user-info (``https://good.example@evil.example``): such an address shows one site and
# leads to another. An '@' is still allowed after the host (``https://x.social/@ada``).
URL_PATTERN = f"^[Hh][Tt][Tt][Pp][Ss]?://[^{_URL_UNSAFE}/?#@]+(?:[/?#][^{_URL_UNSAFE}]*)?$"
_URL_WITH_USER_INFO = re.compile(f"^([Hh][Tt][Tt][Pp][Ss]?://)([^{_URL_UNSAFE}/?#]*@)")
_FORBIDDEN_IN_LINE = re.compile(f"[{BAD_LINE_CHARS}]")
_FORBIDDEN_IN_TEXT = re.compile(f"[{BAD_TEXT_CHARS}]")


def _fail(kind: str, message: str, hint: str | None = None) -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"hint": hint} if hint else None)


def _describe_char(char: str) -> str:
    names = {
        "\n": "a line break",
        "\t": "a tab",
        "\r": "a carriage return",
        "\u2028": "a line separator (U+2028)",
        "\u2029": "a paragraph separator (U+2029)",
    }
    return names.get(char, f"the invisible character U+{ord(char):04X}")


def suggest_slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-id"


def suggest_anchor(value: str) -> str:
    """A letter-first id like ``value``: ``0755`` -> ``p0755``."""
    slug = suggest_slug(value)
    return slug if slug[0].isalpha() else f"p{slug}"


def explain_pattern_failure(pattern: str, value: str) -> tuple[str, str, str | None]:
    """Why ``value`` failed ``pattern``: (problem kind, message, hint)."""
    if pattern in (LINE_PATTERN, TEXT_PATTERN, URL_PATTERN) and not value.strip():
        return "rejoinder_text", "must not be empty", "give it a value, or leave the key out"
    if pattern in (LINE_PATTERN, TEXT_PATTERN):
        forbidden = _FORBIDDEN_IN_LINE if pattern == LINE_PATTERN else _FORBIDDEN_IN_TEXT
        found = forbidden.search(value)
        char = found.group() if found else "?"
        where = found.start() + 1 if found else 0
        if pattern == LINE_PATTERN:
            line_break = char in "\n\r\t\u2028\u2029"
            return (
                "rejoinder_text",
                f"single-line field holds {_describe_char(char)} at character {where}",
                "keep names, titles and ids on one line; use a plain space"
                if line_break
                else "remove invisible control and direction-override characters",
            )
        return (
            "rejoinder_text",
            f"text holds {_describe_char(char)} at character {where}",
            "remove invisible control and direction-override characters",
        )
    user_info = _URL_WITH_USER_INFO.match(value) if pattern == URL_PATTERN else None
    if user_info:
        scheme, before_host = user_info.groups()
        leads_to = scheme + value[user_info.end() :]
        return (
            "rejoinder_url",
            f"'{value}' has a user name or password before its host ('{before_host}'): "
            "such an address seems to name one site and leads to another",
            f"it leads to {leads_to}: write that if it is the page meant, or leave the key out",
        )
    if pattern == URL_PATTERN:
        return (
            "rejoinder_url",
            f"'{value}' is not an absolute http or https URL",
            "write the full address, e.g. https://example.org/page; leave the key out if unknown",
        )
    if pattern == SLUG_PATTERN:
        return (
            "rejoinder_slug",
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens",
            f"for example '{suggest_slug(value)}'",
        )
    if pattern == ANCHOR_PATTERN:
        if re.match(SLUG_PATTERN, value):
            return (
                "rejoinder_slug",
                f"'{value}' does not start with a letter: post, claim and reference ids are "
                "anchors on the page and must start with one",
                f"for example '{suggest_anchor(value)}'",
            )
        return (
            "rejoinder_slug",
            f"'{value}' is not a valid id: use lower-case letters, digits and single hyphens, "
            "starting with a letter",
            f"for example '{suggest_anchor(value)}'",
        )
    if pattern == KEY_PATTERN:
        return (
            "rejoinder_slug",
            f"'{value}' is not a valid key: use lower-case letters, digits, '-' and '_'",
            f"for example '{suggest_slug(value)}'",
        )
    digit_first = _REF_DIGIT_FIRST.match(value) if pattern == REF_PATTERN else None
    if digit_first:
        debate, post, claim = digit_first.groups()
        fixed = (f"{debate}:" if debate else "") + suggest_anchor(post)
        fixed += f"#{suggest_anchor(claim)}" if claim else ""
        return (
            "rejoinder_ref",
            f"'{value}' names an id that does not start with a letter; "
            "post, claim and reference ids start with one",
            f"rename what it names and refer to it by the new id, e.g. '{fixed}'",
        )
    if pattern == REF_PATTERN:
        return (
            "rejoinder_ref",
            f"'{value}' is not a reference",
            "write post-id, post-id#claim-id, or other-debate:post-id#claim-id",
        )
    return "schema", f"'{value}' does not match {pattern}", None


class AsEditorsRead:
    """The JSON types, besides text, that a YAML 1.2 parser makes of values this type accepts.

    The loader keeps every scalar as text, so ``views: 524`` is the text "524". Editors (the
    VS Code YAML extension, for one) read YAML 1.2's core schema: to them ``524`` is a number,
    ``true`` a boolean and ``null`` or ``~`` nothing. The published schema must accept what
    they make of every file the checker accepts, so each text type names the types its plain
    scalars can become (``pattern`` applies to strings only; ``minimum`` to numbers only).
    """

    def __init__(self, *types: str, minimum: int | None = None) -> None:
        self.types = types
        self.minimum = minimum

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema = handler.resolve_ref_schema(handler(schema))
        json_schema["type"] = [json_schema["type"], *self.types]
        if self.minimum is not None:
            json_schema["minimum"] = self.minimum
        return json_schema


# Any non-blank one-line text: every number (``1.10``, ``0x1F``, ``.inf``), ``true``/``false``,
# and ``null``/``~`` (the checker reads them as the text written; only an empty value is empty).
_ANY_SCALAR = AsEditorsRead("number", "boolean", "null")
# Lower-case letters and digits: decimal, ``0x1f``, ``0o17``, ``1e3`` and ``1e-3`` are numbers,
# never negative; ``true``, ``false`` and ``null`` are written in lower case.
_DIGITS_FIRST = AsEditorsRead("number", "boolean", "null", minimum=0)
# Letter first: no YAML number starts with a letter, but ``true``, ``false`` and ``null`` do.
_LETTER_FIRST = AsEditorsRead("boolean", "null")

Line = Annotated[str, Field(pattern=LINE_PATTERN), _ANY_SCALAR]
SHORT_TITLE_LIMIT = 80  # characters: two lines of a map node's label
ShortLine = Annotated[str, Field(pattern=LINE_PATTERN, max_length=SHORT_TITLE_LIMIT), _ANY_SCALAR]
Text = Annotated[str, Field(pattern=TEXT_PATTERN), _ANY_SCALAR]
Slug = Annotated[str, Field(pattern=SLUG_PATTERN), _DIGITS_FIRST]
Key = Annotated[str, Field(pattern=KEY_PATTERN), _DIGITS_FIRST]
Anchor = Annotated[str, Field(pattern=ANCHOR_PATTERN), _LETTER_FIRST]
Url = Annotated[str, Field(pattern=URL_PATTERN, json_schema_extra={"format": "uri"})]
RefText = Annotated[str, Field(pattern=REF_PATTERN), _LETTER_FIRST]

TIME_HINT = "write an ISO 8601 time with its UTC offset, e.g. 2026-05-20T23:54:00+00:00 (Z for UTC)"
DATE_HINT = "write the date as YYYY-MM-DD, e.g. 2026-05-21"
# A number where a time or date is wanted: pydantic would read it as seconds since 1970.
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")


def _not_a_number(what: str, hint: str) -> BeforeValidator:
    """Refuse a time or date written as a plain number (``posted: 2026``).

    Left alone, pydantic reads such a number as seconds since 1970 and accepts it: a silent
    conversion of exactly the kind transcripts promise never to make.
    """

    def refuse_numbers(value: Any) -> Any:
        if isinstance(value, str) and _NUMBER.match(value.strip()):
            raise _fail("rejoinder_time_number", f"'{value}' is a number, not {what}", hint)
        return value

    return BeforeValidator(refuse_numbers)


# Times and dates as RFC 3339 writes them (the ISO 8601 profile JSON Schema's formats and the
# editors checking them use): pydantic also reads `2026-05-20 21:54Z` or `+0000`, which an
# editor would flag. Upper-case T and Z, as the published pattern says.
TIME_PATTERN = (
    r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]"
    r":(?:[0-5][0-9]|60)(?:\.[0-9]+)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"
)
DATE_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"


class _WrittenAs:
    """A time or date accepted only in the form its published pattern gives; the error says
    what the value means, written that way."""

    def __init__(self, pattern: str, what: str) -> None:
        self.pattern = pattern
        self.what = what
        self._match = re.compile(pattern).match

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        json_schema = handler.resolve_ref_schema(handler(schema))
        json_schema["pattern"] = self.pattern
        return json_schema

    def validator(self) -> WrapValidator:
        def written_as_iso(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
            result = handler(value)
            if isinstance(value, str) and not self._match(value):
                raise _fail(
                    "rejoinder_time_form",
                    f"'{value}' is not {self.what} written the ISO 8601 way",
                    f"write {result.isoformat()}",
                )
            return result

        return WrapValidator(written_as_iso)


_TIME_FORM = _WrittenAs(TIME_PATTERN, "a time")
_DATE_FORM = _WrittenAs(DATE_PATTERN, "a date")
Moment = Annotated[
    AwareDatetime,
    _TIME_FORM.validator(),
    _not_a_number("a time", TIME_HINT + "; a number is not read as seconds since 1970"),
    _TIME_FORM,
]
Day = Annotated[
    dt.date, _DATE_FORM.validator(), _not_a_number("a date (YYYY-MM-DD)", DATE_HINT), _DATE_FORM
]


# A count written as decimal digits (``replies_claimed: 922``): the loader reads it as text and
# it converts here; editors reading YAML 1.2 see a number, or text when it is quoted.
_COUNT = re.compile(r"^[0-9]+$")


def _count(value: Any) -> Any:
    if isinstance(value, str):
        if not _COUNT.match(value):
            raise _fail(
                "rejoinder_count",
                f"'{value}' is not a count: a whole number of 0 or more, in digits",
                "write the number the platform gives, e.g. 922; leave the key out if it gives none",
            )
        return int(value)
    return value


Count = Annotated[
    int,
    BeforeValidator(_count),
    Field(ge=0),
    WithJsonSchema({"type": ["integer", "string"], "minimum": 0, "pattern": "^[0-9]+$"}),
]
Platform = Literal["bluesky", "mastodon", "hackernews", "reddit", "x", "web", "other"]
MediaKind = Literal["image", "video", "gif", "audio", "other"]
PostStatus = Literal["shown", "deleted", "removed", "withheld", "blocked", "not-found"]
POST_STATUSES: tuple[PostStatus, ...] = (
    "shown",
    "deleted",
    "removed",
    "withheld",
    "blocked",
    "not-found",
)


# What to do about a post without text, wherever that is reported (missing or empty).
NO_TEXT_HINT = (
    "add text: with the post's words exactly as shown; a post that shows only images or video "
    "gives media: instead, a link post its title:, a bare link card links:, a bare quote of a "
    "post quotes:, and a post the platform no longer shows gives status: (deleted, removed, "
    "withheld, blocked or not-found)"
)


class Record(BaseModel):
    """Base of every record: immutable, and unknown keys are errors rather than ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)


class Source(Record):
    title: Line = Field(
        description="Title of the page or document the transcript was copied from.",
        examples=["Anthropic releases paper arguing … · Digg"],
    )
    url: Url | None = Field(
        None,
        description="Its address; leave out when the copy does not show it.",
        examples=["https://digg.com/technology/anthropic-frontier-ai-lead"],
    )
    publisher: Line | None = Field(
        None, description="Site or publisher, as the source names it.", examples=["Digg"]
    )
    captured: Day | None = Field(
        None,
        description="Date the copy was captured (YYYY-MM-DD); leave out when unknown.",
        examples=["2026-05-21"],
    )
    note: Text | None = Field(
        None,
        description="What the copy shows or lacks, in the editor's words.",
        examples=["The copy shows no capture date and no address for any post."],
    )
    platform: Platform | None = Field(
        None,
        description="The platform the thread was read from.",
        examples=["bluesky"],
    )
    thread: Line | None = Field(
        None,
        description="What a re-import (rejoinder import --update) reads again: the thread "
        "root's web address or platform id.",
        examples=["https://bsky.app/profile/ada.example.social/post/3kxyz"],
    )
    api: Line | None = Field(
        None,
        description="The API and response shape the copy was read from.",
        examples=["app.bsky.feed.getPostThread"],
    )


class Participant(Record):
    name: Line | None = Field(
        None,
        description="The person's name, only where a source states it.",
        examples=["Nate Soares"],
    )
    display_name: Line | None = Field(
        None, description="The display name exactly as shown.", examples=["Nate Soares ⏹️"]
    )
    handle: Line | None = Field(
        None, description="The handle as shown, with its @.", examples=["@So8res"]
    )
    profile_url: Url | None = Field(
        None,
        description="Profile address, where the source shows it.",
        examples=["https://x.com/So8res"],
    )
    note: Text | None = Field(
        None,
        description="Editorial note about the participant.",
        examples=["The name is given in the page's subhead; the handle is shown on the cards."],
    )
    account_id: Line | None = Field(
        None,
        description="The platform's stable account id (Bluesky DID, Mastodon acct@instance or "
        "account address, Hacker News or Reddit user name, X user id). Transcripts using the "
        "same participant key must agree on it.",
        examples=["did:plc:z72i7hdynmk6r22z27h6tvur"],
    )

    @model_validator(mode="after")
    def _named_somehow(self) -> Participant:
        if not (self.name or self.display_name or self.handle):
            raise _fail(
                "rejoinder_inconsistent",
                "a participant needs at least one of name, display_name or handle",
            )
        return self

    @property
    def label(self) -> str:
        return self.display_name or self.name or self.handle or ""


class Reference(Record):
    title: Line = Field(
        description="Title of the article, paper or post outside the transcript.",
        examples=["Council report on land use"],
    )
    kind: Literal["article", "paper", "post", "page", "video", "other"] = Field(
        "other", description="What sort of thing it is.", examples=["paper"]
    )
    url: Url | None = Field(
        None,
        description="Its address; leave out when no source shows it.",
        examples=["https://council.example.org/reports/land-use.pdf"],
    )
    author: Line | None = Field(
        None,
        description="Author or publisher as the source names them.",
        examples=["Anthropic"],
    )
    note: Text | None = Field(
        None,
        description="Editorial note: how the debate points at it.",
        examples=["Known only from the page's headline, which gives no address for it."],
    )


class Metrics(Record):
    views: Line | None = Field(None, description="Views exactly as shown.", examples=["25.8K"])
    likes: Line | None = Field(None, description="Likes exactly as shown.", examples=["1.2K"])
    reposts: Line | None = Field(None, description="Reposts exactly as shown.", examples=["37"])
    replies: Line | None = Field(None, description="Replies exactly as shown.", examples=["12"])
    quotes: Line | None = Field(None, description="Quote posts exactly as shown.", examples=["5"])
    bookmarks: Line | None = Field(
        None, description="Bookmarks exactly as shown.", examples=["140"]
    )
    points: Line | None = Field(
        None, description="Points exactly as shown (Hacker News).", examples=["412"]
    )
    score: Line | None = Field(
        None, description="Score exactly as shown (Reddit).", examples=["1.5k"]
    )
    upvotes: Line | None = Field(None, description="Upvotes exactly as shown.", examples=["97"])
    downvotes: Line | None = Field(None, description="Downvotes exactly as shown.", examples=["3"])
    captured: Day | None = Field(
        None,
        description="When these figures were captured; defaults to the source's capture date.",
        examples=["2026-05-21"],
    )

    def shown(self) -> list[tuple[str, str]]:
        """The counts given, in the order of the format: every field but the capture date."""
        return [(name, value) for name in _COUNTS if (value := getattr(self, name))]


_COUNTS = tuple(name for name in Metrics.model_fields if name != "captured")


class ArgumentEdge(Record):
    """An argument edge: exactly one of the five kinds names its target."""

    rebuts: RefText | None = Field(
        None,
        description="Reference to the post or claim rebutted.",
        examples=["so8res-original#racing-without-coordination"],
    )
    supports: RefText | None = Field(
        None,
        description="Reference to the post or claim supported.",
        examples=["bob-reply", "solar-farm:ada-opening#payback"],
    )
    concedes: RefText | None = Field(
        None,
        description="Reference to the post or claim conceded.",
        examples=["ada-opening#payback"],
    )
    qualifies: RefText | None = Field(
        None,
        description="Reference to the post or claim qualified.",
        examples=["bob-reply#grazing"],
    )
    questions: RefText | None = Field(
        None,
        description="Reference to the post or claim questioned.",
        examples=["ada-opening"],
    )
    note: Text | None = Field(
        None,
        description="Editorial note on how the edge was read.",
        examples=["A direct contradiction."],
    )

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": [kind]} for kind in EDGE_KINDS]}
    )

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> ArgumentEdge:
        given = [kind for kind in EDGE_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise _fail(
                "rejoinder_inconsistent",
                "an argument edge names exactly one of "
                + ", ".join(EDGE_KINDS)
                + (f"; this one names {', '.join(given)}" if given else ""),
                "write one edge per entry, e.g. '- rebuts: other-post#claim-id'",
            )
        return self

    @property
    def kind(self) -> EdgeKind:
        kind: EdgeKind
        for kind in EDGE_KINDS:
            if getattr(self, kind) is not None:
                return kind
        raise AssertionError("validated edges name one kind")

    @property
    def target(self) -> str:
        return str(getattr(self, self.kind))


class Claim(Record):
    id: Anchor = Field(
        description="Id of the claim, unique in the transcript; also its anchor.",
        examples=["payback"],
    )
    statement: Line = Field(
        description="The claim in one neutral sentence, in the editor's words.",
        examples=["The farm pays for itself in twelve years."],
    )
    short: ShortLine | None = Field(
        None,
        description="A short title for the claim, one line of at most 80 characters, shown "
        "where the statement is too long to fit (the argument map's label); the statement "
        "stays the claim's full wording.",
        examples=["Pays for itself in 12 years"],
    )
    quote: Text | None = Field(
        None,
        description="The exact words of the post that make the claim; must occur in its text.",
        examples=["pays for itself in twelve years"],
    )
    arguments: tuple[ArgumentEdge, ...] = Field(
        (),
        description="What this claim argues against or for.",
        examples=[[{"rebuts": "ada-opening#idle-land", "note": "A direct contradiction."}]],
    )
    same_as: RefText | None = Field(
        None,
        description="Another claim (post#claim or debate:post#claim) this one restates; the "
        "claims index lists the claim once, with its restatements under it.",
        examples=["ada-opening#payback", "solar-farm:ada-opening#payback"],
    )


class Annotation(Record):
    by: Line = Field(
        description="Name of the contributor who wrote the note.", examples=["Rejoinder editors"]
    )
    note: Text = Field(
        description="The editorial note.", examples=["The council report gives fifteen years."]
    )
    span: Text | None = Field(
        None,
        description="Exact words of the post the note is about; must occur in its text.",
        examples=["twelve years"],
    )


class Media(Record):
    kind: MediaKind = Field(
        description="What sort of media it is.",
        examples=["image"],
    )
    alt: Text | None = Field(
        None,
        description="The alt text exactly as given; left out when none was given.",
        examples=["A field of solar panels under a grey sky."],
    )
    url: Url | None = Field(
        None,
        description="Address of the media, where known.",
        examples=["https://cdn.example.social/img/solar.jpg"],
    )
    note: Text | None = Field(
        None,
        description="Editorial note: what the media shows, where the alt text does not say.",
        examples=["The image is a chart of the farm's yearly output."],
    )


class Coverage(Record):
    state: Literal["complete", "partial"] = Field(
        description="Whether the transcript holds the whole thread or a part of it.",
        examples=["partial"],
    )
    replies_claimed: Count | None = Field(
        None,
        description="The platform's own count of replies, when it gives one.",
        examples=["922"],
    )
    selection: Text | None = Field(
        None,
        description="How the copy was selected.",
        examples=["The API's default depth of 6 and the first 100 replies per post."],
    )
    left_out: tuple[Line, ...] = Field(
        (),
        description="Posts of the thread left out of this transcript on purpose, by their "
        "platform_id: `rejoinder import --update` never adds them, or the replies under them, "
        "back.",
        examples=[["at://did:plc:abc/app.bsky.feed.post/3k2a"]],
    )


class Post(Record):
    id: Anchor = Field(
        description="Stable id of the post, unique in the transcript; also its anchor.",
        examples=["so8res-original"],
    )
    author: Key = Field(
        description=f"A participant key, or '{UNKNOWN_AUTHOR}' when the source does not show one.",
        examples=["so8res", UNKNOWN_AUTHOR],
    )
    attribution: Literal["stated", "inferred"] = Field(
        "stated",
        description="Whether the source states the author, or the editor inferred it.",
        examples=["inferred"],
    )
    attribution_note: Text | None = Field(
        None,
        description="Why the attribution was inferred; required when it is.",
        examples=["The copy cuts off the name; the handle is shown on the quoted card."],
    )
    posted: Moment | None = Field(
        None,
        description="When it was posted, ISO 8601 with a UTC offset.",
        examples=["2026-05-20T23:54:00+00:00"],
    )
    posted_as_shown: Line | None = Field(
        None,
        description="The time exactly as the source shows it.",
        examples=["11:54 PM · May 20, 2026"],
    )
    posted_note: Text | None = Field(
        None,
        description="How the time and its offset were established, if not stated.",
        examples=["The copy shows UTC+2 times; converted to UTC."],
    )
    url: Url | None = Field(
        None,
        description="Address of the original post, where known.",
        examples=["https://forum.example.org/t/solar-farm/1"],
    )
    metrics: Metrics | None = Field(
        None,
        description="Counts exactly as the source shows them.",
        examples=[{"views": "25.8K", "likes": "1.2K", "captured": "2026-05-21"}],
    )
    replies_to: RefText | None = Field(
        None,
        description="The post this one replies to.",
        examples=["so8res-original", "other-debate:post-id"],
    )
    quotes: RefText | None = Field(
        None,
        description="The post (or the key of an external reference) this one quotes.",
        examples=["bob-reply", "council-report"],
    )
    thread_note: Text | None = Field(
        None,
        description="How replies_to/quotes were read from the source, where it is not explicit.",
        examples=["The copy shows this under Bob's post with no reply marker; read as a quote."],
    )
    platform_id: Line | None = Field(
        None,
        description="The platform's own id of the post, unique in the transcript; a re-import "
        "matches posts by it.",
        examples=["at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3kxyz", "t1_d8ho2nv"],
    )
    status: PostStatus = Field(
        "shown",
        description="Whether the platform shows the post: shown, deleted (by its author), "
        "removed (by moderators or the platform), withheld (by the platform, or by Rejoinder's "
        "policy on an author's opt-out), blocked (hidden from the viewer who copied the thread) "
        "or not-found.",
        examples=["deleted"],
    )
    status_note: Text | None = Field(
        None,
        description="What is known about a post not shown, and why.",
        examples=["The author's account asks not to be shown to logged-out viewers."],
    )
    disappeared: Day | None = Field(
        None,
        description="The date a re-import no longer found the post in the thread; what it shows "
        "is as last captured.",
        examples=["2026-06-02"],
    )
    title: Line | None = Field(
        None,
        description="The title of a link post or story.",
        examples=["Council publishes its land-use report"],
    )
    text: Text | None = Field(
        None,
        description="The exact text of the post; required unless the post shows media, a title "
        "(a link post), a link card (links) or a quoted post, or is not shown.",
        examples=["The solar farm pays for itself in twelve years.\n"],
    )
    media: tuple[Media, ...] = Field(
        (),
        description="Images, video and other media the post carries.",
        examples=[[{"kind": "image", "alt": "A field of solar panels under a grey sky."}]],
    )
    links: tuple[Anchor, ...] = Field(
        (),
        description="Keys of the transcript's references that the post links: link cards and "
        "the links its text carries.",
        examples=[["council-report"]],
    )
    languages: tuple[Line, ...] = Field(
        (),
        description="The post's languages, as the platform gives them.",
        examples=[["en"]],
    )
    edited_at: Moment | None = Field(
        None,
        description="When the post was last edited, ISO 8601 with a UTC offset.",
        examples=["2026-05-21T08:10:00+00:00"],
    )
    edited_as_shown: Line | None = Field(
        None,
        description="The edit marker exactly as shown, where the source gives no time.",
        examples=["edited"],
    )
    claims: tuple[Claim, ...] = Field(
        (),
        description="Claims the post makes.",
        examples=[
            [
                {
                    "id": "payback",
                    "statement": "The farm pays for itself in twelve years.",
                    "quote": "pays for itself in twelve years",
                }
            ]
        ],
    )
    arguments: tuple[ArgumentEdge, ...] = Field(
        (),
        description="What the post as a whole argues.",
        examples=[[{"qualifies": "bob-reply#grazing"}, {"concedes": "ada-opening#payback"}]],
    )
    annotations: tuple[Annotation, ...] = Field(
        (),
        description="Editorial notes on the post.",
        examples=[
            [
                {
                    "by": "Rejoinder editors",
                    "span": "twelve years",
                    "note": "The council report gives fifteen years.",
                }
            ]
        ],
    )

    # A post has text, or media, or a title (a link post), or a link card or quoted post alone
    # (a Bluesky post of a bare card or quote), or a status other than shown (as the check below
    # says).
    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["text"]},
                {"required": ["media"], "properties": {"media": {"minItems": 1}}},
                {"required": ["title"]},
                {"required": ["links"], "properties": {"links": {"minItems": 1}}},
                {"required": ["quotes"]},
                {"required": ["status"], "properties": {"status": {"not": {"const": "shown"}}}},
            ]
        }
    )

    @model_validator(mode="after")
    def _attribution_consistent(self) -> Post:
        if self.attribution == "inferred" and not self.attribution_note:
            raise _fail(
                "rejoinder_inconsistent",
                "an inferred attribution needs an attribution_note saying why",
                "add attribution_note: with the reason the author is inferred",
            )
        if self.author == UNKNOWN_AUTHOR and self.attribution == "inferred":
            raise _fail(
                "rejoinder_inconsistent",
                f"author '{UNKNOWN_AUTHOR}' cannot have an inferred attribution",
                "name the inferred author's participant key instead",
            )
        if self.text is None and self.status == "shown" and not self.shows_besides_text:
            raise _fail(
                "rejoinder_inconsistent",
                "this post shows nothing: it has no text, media, title, links or quoted post"
                + (", and its status is 'shown'" if "status" in self.model_fields_set else ""),
                NO_TEXT_HINT,
            )
        return self

    @property
    def shows_besides_text(self) -> bool:
        """Whether the post shows something that may stand without text: media, a title (a
        link post), a link card, or a quoted post."""
        return bool(self.media or self.title or self.links or self.quotes)


class Transcript(Record):
    """One debate. Posts, claims and references share one id space: each is an anchor."""

    id: Slug = Field(
        description="Slug of the debate, unique across sources/; also its page name.",
        examples=["soares-anthropic-race"],
    )
    title: Line = Field(
        description="Title of the debate.", examples=["Should the town build a solar farm?"]
    )
    summary: Text = Field(
        description="A short, neutral editorial summary.",
        examples=["Two residents disagree about a proposed solar farm.\n"],
    )
    tags: tuple[Slug, ...] = Field(
        (), description="Topic tags.", examples=[["energy", "local-politics"]]
    )
    sources: tuple[Source, ...] = Field(
        min_length=1,
        description="Where the transcript came from.",
        examples=[
            [
                {
                    "title": "Town forum thread · Example Forum",
                    "url": "https://forum.example.org/t/solar-farm",
                    "captured": "2026-05-21",
                }
            ]
        ],
    )
    participants: dict[Key, Participant] = Field(
        default_factory=dict,
        description="Participants by key (used as post authors).",
        examples=[{"ada": {"name": "Ada Lovelace", "handle": "@ada"}, "bob": {"handle": "@bob"}}],
    )
    references: dict[Anchor, Reference] = Field(
        default_factory=dict,
        description="External things the debate points at, by key.",
        examples=[{"council-report": {"title": "Council report on land use", "kind": "paper"}}],
    )
    posts: tuple[Post, ...] = Field(
        min_length=1,
        description="The posts, in the order shown.",
        examples=[
            [
                {
                    "id": "ada-opening",
                    "author": "ada",
                    "posted": "2026-05-20T21:54:00+00:00",
                    "text": "The solar farm pays for itself in twelve years.\n",
                }
            ]
        ],
    )
    coverage: Coverage | None = Field(
        None,
        description="How much of the thread the transcript holds.",
        examples=[
            {
                "state": "partial",
                "replies_claimed": "922",
                "selection": "The API's default depth of 6 and the first 100 replies per post.",
            }
        ],
    )


# The top level is validated field by field so that one bad post does not hide the others'
# problems; this variant accepts posts unvalidated.
class TranscriptHead(Transcript):
    posts: tuple[dict[str, Any], ...] = Field(min_length=1)  # type: ignore[assignment]


class Ref(NamedTuple):
    """A parsed reference: ``[debate:]post[#claim]``; ``debate`` is None for the same transcript.

    A named tuple rather than a dataclass: corpora send many of these between processes, and
    tuples pickle several times faster.
    """

    debate: str | None
    post: str
    claim: str | None = None

    @classmethod
    def parse(cls, text: str) -> Ref:
        match = _REF.match(text)
        if not match:
            raise ValueError(text)
        return cls(match.group(1), match.group(2), match.group(3))

    def absolute(self, debate: str) -> Ref:
        return Ref(self.debate or debate, self.post, self.claim)

    def __str__(self) -> str:
        text = f"{self.debate}:{self.post}" if self.debate else self.post
        return f"{text}#{self.claim}" if self.claim else text
