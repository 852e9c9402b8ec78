"""The argument map of a debate, drawn at build time as SVG: pure Python, no layout library.

The layout is an arc diagram. Posts run down the page in the order they were posted, each
post's claims under it; argument edges (rebuts, supports, concedes, qualifies, questions) are
arcs on the right, conversation edges (replies, quotes) thinner arcs on the left. Each arc has
its own lane and its own port on the boxes it joins, so arcs can be followed one by one rather
than merging into a bundle; each kind has its own colour, dash and end mark. Posts that carry
no claim and no argument edge (the chatter of a long thread) are drawn as compact rows, and a
run of them as one row ("12 replies"), so the map grows with the argument, not the thread.

The map is narrow (``WIDTH``) so that, scaled to a phone's column, its text stays legible and
no sideways scrolling is needed; the legend comes first. Boxes carry ``rj-status-<name>``
classes (the graph's status of the card) so the stylesheet colours them in light and dark
themes; every box links to its card, every arc names its ends in ``data-from``/``data-to``
(the hrefs of the boxes) for rejoinder-map.js, which traces a box's neighbourhood. Contributor
text is XML-escaped here, the only place it enters SVG; the same input gives the same bytes.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from rejoinder import names
from rejoinder.card import MEDIA_NAMES, STATUS_LABELS
from rejoinder.graph import CardKey, Edge, EdgeRole, Graph
from rejoinder.model import Post

# Geometry, in SVG user units (the SVG is drawn at this size, or scaled down to the column).
LEFT_GUTTER = 36  # lanes of the conversation arcs
NODE_WIDTH = 300
RIGHT_GUTTER = 104  # lanes of the argument arcs, and stubs to other debates
WIDTH = LEFT_GUTTER + NODE_WIDTH + RIGHT_GUTTER
CLAIM_INDENT = 16
PAD = 10
LINE_HEIGHT = 18
FONT_SIZE = 15
CHAR_WIDTH = 7.6  # a conservative average advance at FONT_SIZE: labels are wrapped by it
GAP = 6
COMPACT_HEIGHT = 24
ARGUMENT_LANE = 7
CONVERSATION_LANE = 5
POST_LINES = 2
SHORT_LINES = 3  # room for a short title's 80 characters
STATEMENT_LINES = 2  # a statement without a short title is cut at a word to fit these
FIRST_WORDS = 48  # of a post's text, in its label
FOLD_RUN = 3  # this many consecutive chatter posts or more become one row
GROUP_AUTHORS = 3
FOLDED_LISTED = 20  # posts a folded row's tooltip names
STUB_LENGTH = 24

CONVERSATION: tuple[EdgeRole, ...] = ("replies_to", "quotes")
ARGUMENT: tuple[EdgeRole, ...] = ("rebuts", "supports", "concedes", "qualifies", "questions")
ORDER = (
    "posts in the order they were posted, earliest first (a post whose time is unknown "
    "follows the post before it in the transcript), each post's claims under it"
)
STATUS_LEGEND = (
    ("unanswered", "unanswered"),
    ("answered", "answered, unchallenged"),
    ("challenged", "challenged (one stands)"),
    ("challenge-answered", "challenges all answered"),
    ("undecided", "undecided (circular)"),
)
ARC_LEGEND: tuple[tuple[EdgeRole, str], ...] = (
    ("rebuts", "rebuts"),
    ("supports", "supports"),
    ("concedes", "concedes"),
    ("qualifies", "qualifies"),
    ("questions", "questions"),
    ("replies_to", "replies to"),
    ("quotes", "quotes"),
)


@dataclass(slots=True)
class _Row:
    """A box of the map: a post, a claim, a compact reply, or a folded run of replies."""

    key: CardKey  # the card it links to (a folded run: its first post)
    kind: str  # post, claim, reply, replies
    y: int
    height: int
    lines: tuple[str, ...]
    title: str
    classes: tuple[str, ...] = ()
    conceded: bool = False
    ports: dict[str, list[float]] = field(default_factory=dict)

    @property
    def x(self) -> int:
        return LEFT_GUTTER + (CLAIM_INDENT if self.kind == "claim" else 0)

    @property
    def width(self) -> int:
        return NODE_WIDTH - (CLAIM_INDENT if self.kind == "claim" else 0)

    @property
    def href(self) -> str:
        return "#" + self.key.anchor

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(slots=True)
class _Arc:
    role: EdgeRole
    source: _Row
    target: _Row | None  # None: a card of another debate, drawn as a stub
    other_debate: str = ""
    count: int = 1
    lane: int = 0
    source_y: float = 0.0
    target_y: float = 0.0

    @property
    def side(self) -> str:
        return "left" if self.role in CONVERSATION and self.target is not None else "right"

    @property
    def span(self) -> tuple[float, float]:
        ends = (self.source.middle, self.target.middle if self.target else self.source.middle)
        return min(ends), max(ends)


def render_map(graph: Graph, debate: str) -> str:
    """The SVG of one debate's map (edges to other debates end at a labelled stub)."""
    legend, legend_height = _legend()
    rows, row_of = _layout(graph, debate, top=legend_height + GAP)
    arcs = _arcs(graph, debate, rows, row_of)
    _assign_lanes(arcs)
    _assign_ports(arcs)
    height = (rows[-1].y + rows[-1].height if rows else legend_height) + 2 * GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rj-map-svg" viewBox="0 0 {WIDTH} '
        f'{height}" width="{WIDTH}" height="{height}" aria-labelledby="rj_map_title">',
        f'<title id="rj_map_title">Argument map: {ORDER}. Argument arcs on the right, replies '
        "and quotes on the left; runs of posts without claims or argument edges are folded "
        "into one row.</title>",
        _markers(),
        legend,
        *(_arc(arc) for arc in arcs),
        *(_node(row) for row in rows),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


# -- order and layout --------------------------------------------------------------------------


def time_order(posts: Sequence[Post]) -> list[Post]:
    """Posts by the time they were posted (stable for equal times); a post whose time is
    unknown keeps its place right after the post before it in the transcript."""
    keyed = []
    last: dt.datetime | None = None
    for index, post in enumerate(posts):
        if post.posted is not None:
            last = post.posted
        keyed.append(((last is not None, last.timestamp() if last else 0.0, index), post))
    return [post for _, post in sorted(keyed, key=lambda pair: pair[0])]


def _layout(graph: Graph, debate: str, top: int) -> tuple[list[_Row], dict[CardKey, _Row]]:
    """The boxes from top to bottom, and the box of each card (a folded post: its run's)."""
    posts = graph.transcripts[debate].posts
    opening = posts[0].id if posts else None
    rows: list[_Row] = []
    row_of: dict[CardKey, _Row] = {}
    run: list[Post] = []
    y = top

    def add(row: _Row) -> None:
        nonlocal y
        row.y = y
        rows.append(row)
        row_of[row.key] = row
        y += row.height + GAP

    def flush() -> None:
        if len(run) >= FOLD_RUN:
            folded = _folded_row(graph, debate, run)
            add(folded)
            row_of.update((CardKey(debate, post.id), folded) for post in run)
        else:
            for post in run:
                add(_post_row(graph, CardKey(debate, post.id), compact=True))
        run.clear()

    for post in time_order(posts):
        key = CardKey(debate, post.id)
        if post.id != opening and _is_chatter(graph, key):
            run.append(post)
            continue
        flush()
        add(_post_row(graph, key, compact=False))
        for claim in post.claims:
            claim_key = CardKey(debate, post.id, claim.id)
            # A short title is the contributor's words, kept whole; a statement is cut.
            chars = _chars(NODE_WIDTH - CLAIM_INDENT)
            if claim.short:
                lines = _wrap(claim.short, chars, SHORT_LINES)
            else:
                lines = _wrap(claim.statement, chars, STATEMENT_LINES)
            add(
                _Row(
                    claim_key,
                    "claim",
                    0,
                    _box_height(len(lines)),
                    lines,
                    f"Claim: {claim.statement}",
                    *_status(graph, claim_key),
                )
            )
    flush()
    return rows, row_of


def _is_chatter(graph: Graph, key: CardKey) -> bool:
    """A post with no claim and no argument edge, out or in: only replies and quotes."""
    post = graph.post(key)
    if post.claims or post.arguments:
        return False
    return all(edge.role in CONVERSATION for edge in graph.incoming.get(key, ()))


def _status(graph: Graph, key: CardKey) -> tuple[tuple[str, ...], bool]:
    """A box's classes from the card's status, and whether someone other than its author
    conceded the card."""
    status = graph.status(key)
    author = graph.author_label(key)
    conceded = any(who != author for who in status.conceded_by)
    classes = (f"rj-status-{status.name}",) + (("rj-map-conceded",) if conceded else ())
    return classes, conceded


def _post_row(graph: Graph, key: CardKey, *, compact: bool) -> _Row:
    post = graph.post(key)
    placeholder = STATUS_LABELS.get(post.status)
    label = _post_label(graph, key, brief=compact)
    chars = _chars(NODE_WIDTH)
    lines = (_shortened(label, chars),) if compact else _wrap(label, chars, POST_LINES)
    classes, conceded = _status(graph, key)
    if placeholder:
        classes += ("rj-map-placeholder",)
    height = COMPACT_HEIGHT if compact else _box_height(len(lines))
    title = _post_title(graph, key, post)
    return _Row(key, "reply" if compact else "post", 0, height, lines, title, classes, conceded)


def _folded_row(graph: Graph, debate: str, run: Sequence[Post]) -> _Row:
    """One row for a run of chatter: how many, by whom; its tooltip names each post (the
    first ``FOLDED_LISTED``), and its link leads to the first."""
    authors = list(dict.fromkeys(graph.author_label(CardKey(debate, p.id)) for p in run))
    shown = ", ".join(authors[:GROUP_AUTHORS])
    if len(authors) > GROUP_AUTHORS:
        shown += f" and {len(authors) - GROUP_AUTHORS} more"
    what = "replies" if all(post.replies_to for post in run) else "posts"
    label = _shortened(f"{len(run)} {what}: {shown}", _chars(NODE_WIDTH))
    times = [post.posted for post in run if post.posted]
    when = f", {names.utc_text(min(times))} to {names.utc_text(max(times))}" if times else ""
    listed = [_post_label(graph, CardKey(debate, post.id)) for post in run[:FOLDED_LISTED]]
    if len(run) > FOLDED_LISTED:
        listed.append(f"and {len(run) - FOLDED_LISTED} more")
    title = f"{len(run)} {what} without claims or argument edges{when}:\n" + "\n".join(listed)
    first = CardKey(debate, run[0].id)
    return _Row(first, "replies", 0, COMPACT_HEIGHT, (label,), title, ("rj-map-folded",))


def _post_label(graph: Graph, key: CardKey, *, brief: bool = False) -> str:
    """Who, then the first words of the post, or what the platform shows in its place (in a
    compact row, by the status's own word: the tooltip has the whole label)."""
    post = graph.post(key)
    who = graph.author_label(key)
    placeholder = STATUS_LABELS.get(post.status)
    if placeholder:
        shown = post.status.replace("-", " ").capitalize() if brief else placeholder
        return f"{shown}: {who}"
    words = _shortened(_first_text(post), FIRST_WORDS)
    return f"{who}: “{words}”" if post.text or post.title else f"{who}: {words}"


def _first_text(post: Post) -> str:
    for part in (post.text, post.title):
        if part:
            return " ".join(part.split())
    if post.media:
        return "media only (" + ", ".join(MEDIA_NAMES[m.kind].lower() for m in post.media) + ")"
    if post.status == "shown":  # a bare quote or link card
        return "quotes a post" if post.quotes else "a link card"
    return "no text captured"


def _post_title(graph: Graph, key: CardKey, post: Post) -> str:
    """The tooltip of a post's box: who and when, then its title and text as far as known."""
    when = f", {names.utc_text(post.posted)}" if post.posted else ", time unknown"
    label = f"{graph.author_label(key)}{when}"
    placeholder = STATUS_LABELS.get(post.status)
    if placeholder:
        label = f"{placeholder}: {label}"
    shown = [part for part in (post.title, post.text) if part]
    if not shown:
        shown.append(_first_text(post))
    return f"{label}: " + "\n".join(shown)


def _chars(width: int) -> int:
    return int((width - 2 * PAD) / CHAR_WIDTH)


def _box_height(lines: int) -> int:
    return lines * LINE_HEIGHT + 10


def _shortened(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and text[limit - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.–—-") + "…"


def _wrap(text: str, width: int, most: int) -> tuple[str, ...]:
    """Word-wrapped lines of ``text``, at most ``most`` of them, the last one cut with "…"."""
    lines: list[str] = []
    rest = " ".join(text.split())
    while rest and len(lines) < most:
        if len(rest) <= width:
            lines.append(rest)
            rest = ""
            break
        if len(lines) == most - 1:
            lines.append(_shortened(rest, width))
            rest = ""
            break
        cut = rest.rfind(" ", 0, width + 1)
        if cut <= 0:
            cut = width
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return tuple(lines) or ("",)


# -- arcs --------------------------------------------------------------------------------------


def _arcs(graph: Graph, debate: str, rows: list[_Row], row_of: dict[CardKey, _Row]) -> list[_Arc]:
    """One arc per kind between two boxes (edges folded into one row's arc are counted)."""
    arcs: dict[tuple[str, int, int | str], _Arc] = {}
    index_of = {id(row): index for index, row in enumerate(rows)}
    for source_key in graph.cards(debate):
        for edge in graph.outgoing.get(source_key, ()):
            _add_arc(arcs, edge, row_of, index_of)
    return sorted(arcs.values(), key=lambda arc: _arc_order(arc, index_of))


def _add_arc(
    arcs: dict[tuple[str, int, int | str], _Arc],
    edge: Edge,
    row_of: dict[CardKey, _Row],
    index_of: dict[int, int],
) -> None:
    source = row_of[edge.source]
    target = row_of.get(edge.target) if edge.target.debate == edge.source.debate else None
    if target is source:
        return  # inside one folded run
    end: int | str = index_of[id(target)] if target else edge.target.debate
    key = (edge.role, index_of[id(source)], end)
    if key in arcs:
        arcs[key].count += 1
    else:
        arcs[key] = _Arc(edge.role, source, target, "" if target else edge.target.debate)


def _arc_order(arc: _Arc, index_of: dict[int, int]) -> tuple[int, int, int, str]:
    target = index_of[id(arc.target)] if arc.target else -1
    role = (*ARGUMENT, *CONVERSATION).index(arc.role)
    return index_of[id(arc.source)], target, role, arc.other_debate


def _assign_lanes(arcs: list[_Arc]) -> None:
    """Each arc its own lane where it overlaps others (shorter arcs nearer the boxes), so
    that arcs sharing a stretch of the gutter run side by side, not on top of each other.
    A lane's stretches stay disjoint and sorted, so finding a free lane costs a bisection per
    lane, not a scan of every arc."""
    for side, lane_width, gutter in (
        ("right", ARGUMENT_LANE, RIGHT_GUTTER),
        ("left", CONVERSATION_LANE, LEFT_GUTTER),
    ):
        lanes = max(1, (gutter - 12) // lane_width)
        starts: list[list[float]] = [[] for _ in range(lanes)]
        ends: list[list[float]] = [[] for _ in range(lanes)]
        shared = [0] * lanes  # arcs drawn in a lane beyond its free stretches
        drawn = [arc for arc in arcs if arc.side == side and arc.target is not None]
        for arc in sorted(drawn, key=lambda a: (a.span[1] - a.span[0], a.span[0])):
            low, high = arc.span
            for lane in range(lanes):
                before = bisect.bisect_right(starts[lane], high)
                if before == 0 or ends[lane][before - 1] < low:
                    starts[lane].insert(before, low)
                    ends[lane].insert(before, high)
                    break
            else:  # crowded beyond the gutter's lanes: share the least used lane
                lane = min(range(lanes), key=lambda n: (len(starts[n]) + shared[n], n))
                shared[lane] += 1
            arc.lane = lane


def _assign_ports(arcs: list[_Arc]) -> None:
    """Where each arc meets its boxes: the arcs of one side of a box spread over its height,
    ordered by where their other end lies, so arcs meeting one box stay apart."""
    ends: dict[tuple[int, str], list[tuple[float, int, _Arc, bool]]] = defaultdict(list)
    for arc in arcs:
        other = arc.target.middle if arc.target else arc.source.middle
        ends[id(arc.source), arc.side].append((other, -arc.lane, arc, True))
        if arc.target is not None:
            ends[id(arc.target), arc.side].append((arc.source.middle, -arc.lane, arc, False))
    for attached in ends.values():
        attached.sort(key=lambda item: (item[0], item[1]))
        row = attached[0][2].source if attached[0][3] else attached[0][2].target
        assert row is not None
        for number, (_, _, arc, at_source) in enumerate(attached, start=1):
            y = row.y + row.height * number / (len(attached) + 1)
            if at_source:
                arc.source_y = y
            else:
                arc.target_y = y


def _arc(arc: _Arc) -> str:
    role = arc.role.replace("_", "-")
    verb = arc.role.replace("_", " ")
    source = arc.source
    plural = f" ({arc.count} edges)" if arc.count > 1 else ""
    if arc.target is None:  # a card of another debate: a short stub with its debate named
        x = source.x + source.width
        label = _shortened(arc.other_debate, int((WIDTH - x - STUB_LENGTH - 6) / 7))
        title = f"{_plain(source)} {verb} a card in {arc.other_debate}{plural}"
        return (
            f'<g class="rj-map-edge-group rj-map-{role}" data-from={quoteattr(source.href)}>'
            f"<title>{escape(title)}</title>"
            f'<path class="rj-map-edge rj-map-{role}" d="M{x},{arc.source_y:.1f} '
            f'H{x + STUB_LENGTH}" marker-end="url(#rj_end_{role})"/>'
            f'<text class="rj-map-stub" x="{x + STUB_LENGTH + 4}" y="{arc.source_y + 4:.1f}">'
            f"{escape('→ ' + label)}</text></g>"
        )
    target = arc.target
    if arc.side == "right":
        x1 = source.x + source.width
        x2 = target.x + target.width
        lane_x = LEFT_GUTTER + NODE_WIDTH + 8 + arc.lane * ARGUMENT_LANE
    else:
        x1, x2 = source.x, target.x
        lane_x = LEFT_GUTTER - 6 - arc.lane * CONVERSATION_LANE
    title = f"{_plain(source)} {verb} {_plain(target)}{plural}"
    return (
        f'<path class="rj-map-edge rj-map-{role}" data-from={quoteattr(source.href)} '
        f"data-to={quoteattr(target.href)} "
        f'd="M{x1},{arc.source_y:.1f} H{lane_x} V{arc.target_y:.1f} H{x2}" '
        f'marker-end="url(#rj_end_{role})"><title>{escape(title)}</title></path>'
    )


def _plain(row: _Row) -> str:
    return " ".join(row.lines)


def _node(row: _Row) -> str:
    classes = " ".join((names.MAP_NODE, f"rj-map-{row.kind}", *row.classes))
    first_y = row.middle - (len(row.lines) - 1) * LINE_HEIGHT / 2 + 5
    spans = "".join(
        f'<tspan x="{row.x + PAD}" y="{first_y + number * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for number, line in enumerate(row.lines)
    )
    mark = ""
    if row.conceded:  # a second, inner border: colour is not the only sign
        mark = (
            f'<rect class="rj-map-conceded-mark" x="{row.x + 3}" y="{row.y + 3}" '
            f'width="{row.width - 6}" height="{row.height - 6}" rx="4"/>'
        )
    # A claim names its post, so that tracing a post can light its claims' arcs too.
    post = f" data-post={quoteattr('#' + row.key.post)}" if row.kind == "claim" else ""
    return (
        f'<a href={quoteattr(row.href)} class="{classes}"{post}>'
        f"<title>{escape(row.title)}</title>"
        f'<rect x="{row.x}" y="{row.y}" width="{row.width}" height="{row.height}" rx="6"/>'
        f"{mark}<text>{spans}</text></a>"
    )


# -- legend and markers ------------------------------------------------------------------------


def _legend() -> tuple[str, int]:
    """The key, first in the map: what each box colour and each arc means, in words."""
    items = ['<g class="rj-map-key">']
    y = 18
    items.append(f'<text class="rj-map-legend rj-map-legend-head" x="4" y="{y}">Boxes</text>')
    boxes = [*STATUS_LEGEND, ("conceded", "double border: conceded")]
    for index, (name, label) in enumerate(boxes):
        x = 4 + (index % 2) * (WIDTH // 2)
        top = y + 8 + (index // 2) * 22
        css = "rj-map-conceded" if name == "conceded" else f"rj-status-{name}"
        mark = (
            f'<rect class="rj-map-conceded-mark" x="{x + 3}" y="{top + 3}" width="16" height="8" '
            'rx="2"/>'
            if name == "conceded"
            else ""
        )
        items.append(
            f'<g class="rj-map-swatch {css}"><rect x="{x}" y="{top}" width="22" height="14" '
            f'rx="3"/>{mark}</g><text class="rj-map-legend" x="{x + 28}" y="{top + 12}">'
            f"{label}</text>"
        )
    y += 8 + ((len(boxes) + 1) // 2) * 22 + 18
    items.append(f'<text class="rj-map-legend rj-map-legend-head" x="4" y="{y}">Arcs</text>')
    for index, (role, label) in enumerate(ARC_LEGEND):
        x = 4 + (index % 3) * (WIDTH // 3)
        top = y + 15 + (index // 3) * 22
        css = role.replace("_", "-")
        items.append(
            f'<path class="rj-map-edge rj-map-{css}" d="M{x},{top} H{x + 30}" '
            f'marker-end="url(#rj_end_{css})"/>'
            f'<text class="rj-map-legend" x="{x + 40}" y="{top + 5}">{label}</text>'
        )
    y += 15 + ((len(ARC_LEGEND) + 2) // 3) * 22
    items.append("</g>")
    return "".join(items), y


# End marks by kind, beside colour and dash: an arrow supports, a bar rebuts.
_MARK_SHAPES = {
    "rebuts": "M7,0 H10 V10 H7 z",
    "supports": "M0,0 L10,5 L0,10 z",
    "concedes": "M0,5 L5,0 L10,5 L5,10 z",
    "qualifies": "M0,0 L10,5 L0,10 L3,5 z",
    "questions": "M5,1 A4,4 0 1,1 4.99,1 z",
    "replies-to": "M0,1 L10,5 L0,9 z",
    "quotes": "M0,1 L10,5 L0,9 z",
}


def _markers() -> str:
    marks = "".join(
        f'<marker id="rj_end_{role}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="{shape}" '
        f'class="rj-map-arrow rj-map-arrow-{role}"/></marker>'
        for role, shape in _MARK_SHAPES.items()
    )
    return f"<defs>{marks}</defs>"
