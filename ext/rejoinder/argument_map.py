"""The argument map of a debate, drawn at build time as SVG: pure Python, no layout library.

The layout is an arc diagram. Posts run down the page in the order of the transcript (the
timeline), each post's claims indented under it; conversation edges (replies, quotes) are arcs
on the left, argument edges (rebuts, supports, concedes, qualifies, questions) arcs on the
right, each kind with its own line style. A debate is a sequence in time, so this keeps every
label horizontal and readable at the debate's real size, and the same input always gives the
same bytes. (Graphviz would need a system binary; a general layered layout reorders nodes and
loses the time axis.)

Colours come from CSS classes (``rj-map-*``) so the page's light and dark themes apply; every
node links to its card. Contributor text is XML-escaped here, the only place it enters SVG.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from rejoinder import names
from rejoinder.card import MEDIA_NAMES, STATUS_LABELS
from rejoinder.graph import CardKey, Edge, Graph
from rejoinder.model import Post
from rejoinder.names import utc_text

POST_HEIGHT = 36
CLAIM_HEIGHT = 26
GAP = 6
LEFT_GUTTER = 120
NODE_WIDTH = 420
CLAIM_INDENT = 24
RIGHT_GUTTER = 160
LABEL_CHARS = 58
CONVERSATION = ("replies_to", "quotes")
LEGEND_HEIGHT = 48
LEGEND = (
    ("replies-to", "replies to"),
    ("quotes", "quotes"),
    ("rebuts", "rebuts"),
    ("supports", "supports"),
    ("concedes", "concedes"),
    ("qualifies", "qualifies"),
    ("questions", "questions"),
)


@dataclass(frozen=True, slots=True)
class _Node:
    key: CardKey
    x: int
    y: int
    width: int
    height: int
    label: str
    title: str
    placeholder: bool = False  # a post the platform no longer shows

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def render_map(graph: Graph, debate: str) -> str:
    """The SVG of one debate's map (edges to other debates end at a labelled stub)."""
    nodes = _layout(graph, debate)
    by_key = {node.key: node for node in nodes}
    legend_y = (nodes[-1].y + nodes[-1].height + 3 * GAP) if nodes else GAP
    height = legend_y + LEGEND_HEIGHT
    width = LEFT_GUTTER + NODE_WIDTH + RIGHT_GUTTER
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rj-map-svg" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" '
        f'aria-labelledby="rj_map_title">',
        '<title id="rj_map_title">Argument map: posts in time order, replies and '
        "quotes on the left, argument edges on the right</title>",
        _markers(),
    ]
    edges = [edge for node in nodes for edge in graph.outgoing.get(node.key, ())]
    parts += [_edge(edge, by_key, index) for index, edge in enumerate(edges)]
    parts += [_node(node) for node in nodes]
    parts.append(_legend(legend_y))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _layout(graph: Graph, debate: str) -> list[_Node]:
    nodes = []
    y = GAP
    for post in graph.transcripts[debate].posts:
        key = CardKey(debate, post.id)
        when = f", {utc_text(post.posted)}" if post.posted else ""
        label = f"{graph.author_label(key)}{when}"
        placeholder = STATUS_LABELS.get(post.status)
        if placeholder:
            label = f"{placeholder}: {label}"
        nodes.append(
            _Node(
                key,
                LEFT_GUTTER,
                y,
                NODE_WIDTH,
                POST_HEIGHT,
                label,
                _post_title(label, post),
                placeholder=bool(placeholder),
            )
        )
        y += POST_HEIGHT + GAP
        for claim in post.claims:
            claim_key = CardKey(debate, post.id, claim.id)
            nodes.append(
                _Node(
                    claim_key,
                    LEFT_GUTTER + CLAIM_INDENT,
                    y,
                    NODE_WIDTH - CLAIM_INDENT,
                    CLAIM_HEIGHT,
                    claim.statement,
                    f"Claim: {claim.statement}",
                )
            )
            y += CLAIM_HEIGHT + GAP
    return nodes


def _post_title(label: str, post: Post) -> str:
    """The tooltip of a post's node: who and when, then its title and text, or what it
    carries instead (media), as far as they are known."""
    shown = [part for part in (post.title, post.text) if part]
    if not shown and post.media:
        kinds = ", ".join(MEDIA_NAMES[item.kind].lower() for item in post.media)
        shown.append(f"media only ({kinds})")
    if not shown and post.status == "shown":  # a bare quote or link card
        shown.append("quotes a post" if post.quotes else "a link card")
    if not shown:
        shown.append("no text captured")
    return f"{label}: " + "\n".join(shown)


def _node(node: _Node) -> str:
    kind = "claim" if node.key.claim else "post"
    if node.placeholder:
        kind += " rj-map-placeholder"
    label = node.label if len(node.label) <= LABEL_CHARS else node.label[: LABEL_CHARS - 1] + "…"
    text_y = node.middle + 5
    return (
        f'<a href={quoteattr("#" + node.key.anchor)} class="{names.MAP_NODE} rj-map-{kind}">'
        f"<title>{escape(node.title)}</title>"
        f'<rect x="{node.x}" y="{node.y}" width="{node.width}" height="{node.height}" rx="6"/>'
        f'<text x="{node.x + 10}" y="{text_y:.0f}">{escape(label)}</text></a>'
    )


def _edge(edge: Edge, by_key: dict[CardKey, _Node], index: int) -> str:
    source = by_key[edge.source]
    role = edge.role.replace("_", "-")
    left = edge.role in CONVERSATION
    target = by_key.get(edge.target)
    if target is None:  # a card of another debate: a short stub with its debate named
        x = source.x + source.width if not left else source.x
        direction = 1 if not left else -1
        end_x = x + direction * 60
        label = escape(f"→ {edge.target.debate}")
        anchor = "start" if not left else "end"
        return (
            f'<g class="rj-map-edge-group rj-map-{role}"><path class="rj-map-edge rj-map-{role}" '
            f'd="M{x},{source.middle:.0f} H{end_x}" marker-end="url(#rj_arrow)"/>'
            f'<text class="rj-map-stub" x="{end_x + direction * 4}" y="{source.middle + 4:.0f}" '
            f'text-anchor="{anchor}">{label}</text></g>'
        )
    span = abs(target.middle - source.middle)
    bulge = min(18 + span / 6 + (index % 4) * 6, (LEFT_GUTTER if left else RIGHT_GUTTER) - 8)
    if left:
        x1, x2 = source.x, target.x
        control = min(x1, x2) - bulge
    else:
        x1, x2 = source.x + source.width, target.x + target.width
        control = max(x1, x2) + bulge
    return (
        f'<path class="rj-map-edge rj-map-{role}" d="M{x1},{source.middle:.0f} '
        f"C{control:.0f},{source.middle:.0f} {control:.0f},{target.middle:.0f} "
        f'{x2},{target.middle:.0f}" marker-end="url(#rj_arrow)"><title>'
        f"{escape(edge.role.replace('_', ' '))}</title></path>"
    )


def _legend(top: int) -> str:
    items = []
    for index, (role, label) in enumerate(LEGEND):
        x = 10 + (index % 4) * 175
        y = top + 12 + (index // 4) * 22
        items.append(
            f'<path class="rj-map-edge rj-map-{role}" d="M{x},{y} H{x + 36}"/>'
            f'<text class="rj-map-legend" x="{x + 44}" y="{y + 4}">{label}</text>'
        )
    return '<g class="rj-map-key">' + "".join(items) + "</g>"


def _markers() -> str:
    return (
        '<defs><marker id="rj_arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'class="rj-map-arrow"/></marker></defs>'
    )
