"""A post's card as a tree (:mod:`rejoinder.tree`), and the links and labels every page uses
for cards.

Pure: built from the model and the graph; the renderer carries each card in its page as data,
and the extension writes it (:mod:`rejoinder.sphinx.cards`), in the debate's page or embedded in
any other page.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any
from urllib.parse import urlsplit

from rejoinder import names
from rejoinder.graph import CardKey, Edge, Graph
from rejoinder.model import UNKNOWN_AUTHOR, Annotation, Claim, Media, Post, Transcript
from rejoinder.names import utc_text
from rejoinder.restatements import Restatements, restated_claim
from rejoinder.tree import (
    Child,
    Element,
    break_lines,
    bullets,
    div,
    element,
    folded,
    joined,
    language_class,
    link,
    moment,
    para,
    span,
    text_lines,
)

EDGE_WORDS = {  # how an edge of each role reads, source first
    "replies_to": "Replies to",
    "quotes": "Quotes",
    "rebuts": "Rebuts",
    "supports": "Supports",
    "concedes": "Concedes",
    "qualifies": "Qualifies",
    "questions": "Questions",
}
_BACKWARD = {  # ... and target first, on the card it points at
    "replies_to": "Replied to by",
    "quotes": "Quoted by",
    "rebuts": "Rebutted by",
    "supports": "Supported by",
    "concedes": "Conceded by",
    "qualifies": "Qualified by",
    "questions": "Questioned by",
}
_FOLDED = {  # "and 164 more replies"
    "replies_to": ("reply", "replies"),
    "quotes": ("quote", "quotes"),
    "rebuts": ("rebuttal", "rebuttals"),
    "supports": ("supporting post", "supporting posts"),
    "concedes": ("concession", "concessions"),
    "qualifies": ("qualification", "qualifications"),
    "questions": ("question", "questions"),
}
# What a rebuttal's own label in the grounded labelling (Graph.labels) says, beside it: how
# the status of the card it rebuts was reached.
CHALLENGE_STATES = {
    "in": "stands: nothing rebuts it, or each rebuttal of it is answered",
    "out": "answered: a rebuttal of it stands",
    "undecided": "undecided: rebuttals run in a circle",
}


# What a card says in place of a post the platform no longer shows, by the post's status.
STATUS_LABELS = {
    "deleted": "Deleted by its author",
    "removed": "Removed by moderators or the platform",
    "withheld": "Withheld",
    "blocked": "Blocked on the platform",
    "not-found": "Not found on the platform",
}
MEDIA_NAMES = {"image": "Image", "video": "Video", "gif": "GIF", "audio": "Audio", "other": "Media"}
# sphinx-design's card classes: the cards look and behave as sphinx-design cards (its
# stylesheet, and rejoinder.js which finds a card's header by them).
CARD_FRAME = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "rj-card")
CARD_TEXT = "sd-card-text"


# -- links and labels ------------------------------------------------------------------------


def card_href(key: CardKey, from_folder: str = "", from_debate: str | None = None) -> str:
    """Relative URL of a card from a page in ``from_folder`` ('', 'people', 'claims', ...,
    relative to the output folder), or from the page of ``from_debate`` (then a card of the
    same debate is just ``#anchor``)."""
    if from_debate == key.debate and not from_folder:
        return f"#{key.anchor}"
    prefix = "../" * (from_folder.count("/") + 1) if from_folder else ""
    return f"{prefix}{key.debate}.html#{key.anchor}"


def card_label(graph: Graph, key: CardKey, from_debate: str | None) -> str:
    """Link text for a card that says what it points at: the statement for a claim; who,
    when and the first words for a post."""
    claim = graph.claim(key)
    if claim is not None:
        text = f"“{claim.statement}”"
    else:
        post = graph.post(key)
        when = f", {utc_text(post.posted)}" if post.posted else ""
        # A post the platform no longer shows says so wherever it is linked.
        state = f" ({post.status.replace('-', ' ')})" if post.status != "shown" else ""
        words = first_words(post.title or post.text or "")
        what = f": “{words}”" if words else ""
        text = f"{graph.author_label(key)}{when}{state}{what}"
    if key.debate != from_debate:
        text += " in " + graph.transcripts[key.debate].title
    return text


# How much of a post's text a link to it quotes.
FIRST_WORDS = 60


def first_words(text: str, limit: int = FIRST_WORDS) -> str:
    """The opening of ``text`` on one line, cut at a word boundary with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[: limit + 1] else flat[:limit]
    return cut.rstrip(" ,;:.") + "…"


def registered_label(graph: Graph, key: CardKey) -> str:
    """What the ``rj`` domain (and ``objects.inv``) calls a card: who and when for a post,
    the statement for a claim."""
    claim = graph.claim(key)
    if claim is not None:
        return claim.statement
    post = graph.post(key)
    when = f", {utc_text(post.posted)}" if post.posted else ""
    return f"{graph.author_label(key)}{when}"


def card_link(graph: Graph, key: CardKey, from_debate: str | None, folder: str = "") -> Element:
    """A link to a card from the page of ``from_debate`` (None: from an index page)."""
    return link(card_label(graph, key, from_debate), href=card_href(key, folder, from_debate))


def counted(number: int, noun: str) -> str:
    """``1 post``, ``2 posts``: a count and its noun (plural with an s)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def status_badge(graph: Graph, key: CardKey) -> Element:
    """The card's status, and who conceded it when someone did (never a verdict)."""
    status = graph.status(key)
    badge = span(status.label, classes=["rj-badge", f"rj-status-{status.name}"])
    if not status.conceded_by:
        return badge
    conceded = span(
        "conceded by " + ", ".join(status.conceded_by), classes=["rj-badge", names.CONCEDED]
    )
    return span(badge, " ", conceded, classes=["rj-badges"])


def card_data(
    graph: Graph, key: CardKey, restated: Restatements, embedded: bool = False
) -> dict[str, Any]:
    """What the ``rj-card`` directive needs: the card's tree and its labels. ``embedded``:
    for a page other than the debate's own (links name the debate page, no ids)."""
    post = graph.post(key)
    claims = {claim.id: claim.statement for claim in post.claims}
    return {
        "label": registered_label(graph, key),
        "claims": claims,
        # The heading of the card's section on the debate's page: what its header says.
        "heading": _card_header(graph, key, post),
        "tree": card_tree(graph, key, restated, embedded=embedded),
    }


def card_tree(
    graph: Graph, key: CardKey, restated: Restatements, *, embedded: bool = False
) -> Element:
    """A post's card: header, what the platform no longer shows, title, text with the editors'
    notes, media, links, claims, provenance, footer. ``embedded``: on a page other than the
    debate's (links name the debate page; no ids, which that page may hold already)."""
    post = graph.post(key)
    here = None if embedded else key.debate
    status = graph.status(key)
    body: list[Child] = [*_not_shown(post)]
    if post.title:
        body.append(div(span(post.title, classes=[names.POST_TITLE]), classes=[names.POST_TITLE]))
    text = _text(post)
    if post.annotations:
        # Notes follow the words they are about, in reading order too; CSS sets them beside
        # the text on wide screens.
        terms = reference_terms(graph, key.debate, here)
        notes = [_annotation(note, number, terms) for number, note in enumerate(post.annotations)]
        text = div(
            *([text] if text else []), div(*notes, classes=[names.NOTES]), classes=["rj-body"]
        )
    if text:
        body.append(text)
    if post.media:
        body.append(_media(post.media))
    links = _edge_lines(graph, key, here)
    if links:
        body.append(div(bullets(links), classes=[names.LINKS]))
    body += [
        _claim(graph, CardKey(key.debate, post.id, claim.id), claim, restated, here)
        for claim in post.claims
    ]
    provenance = _provenance(post)
    if provenance is not None:
        body.append(provenance)
    # On the debate's page the header is the heading of the card's section (card_data's
    # "heading"); elsewhere it heads the card itself.
    header = (
        [div(para(*_card_header(graph, key, post), classes=[CARD_TEXT]), classes=[names.HEADER])]
        if embedded
        else []
    )
    card = div(
        *header,
        div(*body, classes=["sd-card-body"]),
        div(
            para(*_card_footer(graph, key, post, here), classes=[CARD_TEXT]),
            classes=["sd-card-footer"],
        ),
        classes=CARD_FRAME,
    )
    classes = [names.CARD, names.POST, f"rj-status-{status.name}"]
    if post.status != "shown":
        classes.append(names.POST_STATE + post.status)
    return div(card, classes=classes, anchor=None if embedded else post.id)


def _text(post: Post) -> Element | None:
    """The post's text exactly as written (None when it has none), marked with its language
    when the platform gives one tag of the safe form (docutils writes a ``language-`` class
    as the ``lang`` attribute)."""
    if post.text is None:
        return None
    classes = [names.TEXT]
    if len(post.languages) == 1:
        language = language_class(post.languages[0])
        if language:
            classes.append(language)
    shown = text_lines(post.text, link_urls=True, highlights=_highlights(post))
    return div(para(*shown), classes=classes)


def status_label(post: Post) -> str:
    """What a card says of a post the platform no longer shows ("" for a post shown)."""
    return STATUS_LABELS.get(post.status, "")


def _not_shown(post: Post) -> list[Element]:
    """The placeholder of a post not shown (its header still gives author and time where
    known), and the notice on a post a re-import no longer found."""
    parts = []
    if post.status != "shown":
        first: list[Child] = [span(status_label(post), classes=["rj-placeholder-label"])]
        if post.status_note:
            first += [": ", span(*text_lines(post.status_note), classes=[names.STATUS_NOTE])]
        lines: list[Child | list[Child]] = [first]
        if post.text is not None:
            lines.append("Its text below is as last captured.")
        elif not post.media:
            lines.append(span("No text was captured.", classes=["rj-unknown"]))
        parts.append(div(para(*break_lines(lines)), classes=[names.PLACEHOLDER]))
    if post.disappeared:
        notice = (
            f"No longer in the thread as of {post.disappeared.isoformat()}; shown as last captured."
        )
        parts.append(div(para(notice), classes=[names.DISAPPEARED]))
    return parts


def _media(media: tuple[Media, ...]) -> Element:
    """The post's media as a list: kind, alt text exactly as given, a link to each. Never
    embedded: a remote image would tell its host who reads the page."""
    items: list[Child | list[Child]] = []
    for item in media:
        kind = MEDIA_NAMES[item.kind]
        parts: list[list[Child]] = [[span(kind, classes=["rj-media-kind"])]]
        if item.alt is not None:
            parts.append(["alt text: ", span(*text_lines(item.alt), classes=[names.ALT])])
        else:
            parts.append([span("no alt text given", classes=["rj-unknown"])])
        if item.url:
            what = "media" if item.kind == "other" else kind.lower()
            parts.append([link(f"open the {what}", href=item.url)])
        else:
            parts.append([span("no address shown", classes=["rj-unknown"])])
        if item.note:
            parts.append(["note: ", span(*text_lines(item.note), classes=["rj-media-note"])])
        items.append(joined(parts, " · "))
    return div(para("Media:"), bullets(items), classes=[names.MEDIA])


def _card_header(graph: Graph, key: CardKey, post: Post) -> list[Child]:
    transcript = graph.transcripts[key.debate]
    who: list[Child]
    if post.author == UNKNOWN_AUTHOR:
        who = [span("unknown author", classes=[names.AUTHOR, "rj-unknown"])]
    else:
        person = transcript.participants[post.author]
        page = f"people/{post.author}.html"
        name = person.display_name or person.name
        who = [span(link(name, href=page), classes=[names.AUTHOR])] if name else []
        if person.handle:
            handle: Child = person.handle if name else link(person.handle, href=page)
            who += (
                [" ", span(handle, classes=[names.HANDLE])]
                if who
                else [span(handle, classes=[names.HANDLE])]
            )
        if post.attribution == "inferred":
            who += [" ", span("attributed (inferred)", classes=["rj-inferred"])]
    when: Child = (
        moment(post.posted) if post.posted else span("time unknown", classes=["rj-unknown"])
    )
    line: list[Child] = [*who, " · ", when]
    if post.edited_at:
        line += [" · ", span("edited ", moment(post.edited_at), classes=[names.EDITED])]
    elif post.edited_as_shown:
        line += [" · ", span(post.edited_as_shown, classes=[names.EDITED])]
    return [*line, " ", status_badge(graph, key)]


def _card_footer(graph: Graph, key: CardKey, post: Post, here: str | None) -> list[Child]:
    items: list[Child] = []
    if post.metrics and post.metrics.shown():
        counts = ", ".join(_metric(name, value) for name, value in post.metrics.shown())
        captured = post.metrics.captured or _source_capture(graph.transcripts[key.debate])
        when = f" (as shown; captured {captured.isoformat()})" if captured else " (as shown)"
        items.append(span(counts + when, classes=["rj-metrics"]))
    if post.url:
        items.append(link("original post", href=post.url))
    else:
        items.append(span("no link to the original shown", classes=["rj-unknown"]))
    items.append(link("permalink", href=card_href(key, "", here)))
    return joined(items, " · ")


def _metric(name: str, value: str) -> str:
    # "412 points", "3 downvotes"; a score reads better named first ("score 1.5k").
    return f"score {value}" if name == "score" else f"{value} {name}"


def _source_capture(transcript: Transcript) -> dt.date | None:
    dates = [source.captured for source in transcript.sources if source.captured]
    return dates[0] if len(dates) == 1 else None


def _edge_lines(graph: Graph, key: CardKey, here: str | None) -> list[Child]:
    """Outgoing edges ("rebuts → …") and backlinks ("Rebutted by ← …") of one card."""
    lines: list[Child] = []
    for edge in graph.outgoing.get(key, ()):
        lines.append(_edge_line(graph, edge, here, forward=True))
    quoted = graph.quoted_references.get(key)
    if quoted is not None:
        reference = _reference_link(graph, key.debate, quoted, here)
        lines.append(span("Quotes → ", reference, classes=[names.EDGE, names.EDGE_QUOTES]))
    if key.claim is None and graph.post(key).links:
        shown = [_linked_reference(graph, key.debate, ref, here) for ref in graph.post(key).links]
        lines.append(span("Links: ", *joined(shown, ", "), classes=[names.EDGE, names.EDGE_LINKS]))
    backlinks = sorted(graph.incoming.get(key, ()), key=lambda edge: _edge_order(graph, edge))
    for role, group in itertools.groupby(backlinks, key=lambda edge: edge.role):
        edges = list(group)
        lines += [_edge_line(graph, edge, here, forward=False) for edge in edges[:SHOWN]]
        if len(edges) > SHOWN:
            rest = [_edge_line(graph, edge, here, forward=False) for edge in edges[SHOWN:]]
            one, many = _FOLDED[role]
            title = f"and {len(rest)} more {one if len(rest) == 1 else many}"
            lines.append(element("li", [folded(title, bullets(rest), classes=[names.MORE])]))
    return lines


# Backlinks of one kind shown before the rest are folded: the opening post of a long thread is
# answered by hundreds of replies, which would bury the card.
SHOWN = 5


def _edge_order(graph: Graph, edge: Edge) -> tuple[str, bool, str, str, str, str]:
    """Backlinks by kind, then in time order (posts of unknown time last)."""
    posted = graph.post(edge.source).posted
    when = posted.astimezone(dt.UTC).isoformat() if posted else ""
    source = edge.source
    return (edge.role, posted is None, when, source.debate, source.post, source.claim or "")


def _edge_line(graph: Graph, edge: Edge, here: str | None, *, forward: bool) -> Element:
    if forward:
        shown: list[Child] = [EDGE_WORDS[edge.role] + " → ", card_link(graph, edge.target, here)]
        kind = names.EDGE_ROLE + edge.role.replace("_", "-")
    else:
        shown = [_BACKWARD[edge.role] + " ← ", card_link(graph, edge.source, here)]
        kind = names.BACK_ROLE + edge.role.replace("_", "-")
        if edge.role == "rebuts":
            state = graph.labels()[edge.source]
            shown += [" ", span(f"({CHALLENGE_STATES[state]})", classes=[names.CHALLENGE])]
    if edge.note:
        # The note is the source card's: its reference keys are its debate's.
        terms = reference_terms(graph, edge.source.debate, here)
        shown += [" ", span(*text_lines(edge.note, terms=terms), classes=["rj-edge-note"])]
    return span(*shown, classes=[names.EDGE, kind])


def _claim(
    graph: Graph, key: CardKey, claim: Claim, restated: Restatements, here: str | None
) -> Element:
    status = graph.status(key)
    statement = span(claim.statement, classes=[names.STATEMENT])
    first: list[Child] = [
        span("Claim", classes=["rj-claim-label"]),
        " ",
        status_badge(graph, key),
        " ",
        statement,
    ]
    lines: list[Child | list[Child]] = [first]
    if claim.quote:
        lines.append(span(*text_lines(f"“{claim.quote}”"), classes=[names.QUOTE]))
    original = restated_claim(graph, key)
    if original is not None:
        by = f" ({graph.author_label(original)})"
        lines.append(
            span("Restates → ", card_link(graph, original, here), by, classes=[names.RESTATES])
        )
    body: list[Child] = [para(*break_lines(lines))]
    edges = _edge_lines(graph, key, here)
    if edges:
        body.append(bullets(edges))
    if restated.get(key):
        body.append(_restated_in(graph, key, restated[key], here))
    anchor = None if here is None else claim.id
    return div(*body, classes=[names.CLAIM, f"rj-status-{status.name}"], anchor=anchor)


def _restated_in(graph: Graph, key: CardKey, restating: list[CardKey], here: str | None) -> Element:
    """The claims restating a claim, folded: a claim made in 64 posts lists 64 links."""
    posts = len({claim.post_key for claim in restating})
    rows: list[Child | list[Child]] = [restating_link(graph, claim, here) for claim in restating]
    return folded(f"Restated in {counted(posts, 'post')}", bullets(rows), classes=[names.RESTATED])


def restating_link(
    graph: Graph, claim: CardKey, from_debate: str | None, folder: str = ""
) -> Element:
    """A link to a restating claim, labelled by its post (its statement is the original's)."""
    label = card_label(graph, claim.post_key, from_debate)
    return link(label, href=card_href(claim, folder, from_debate))


def _highlights(post: Post) -> list[tuple[str, tuple[str, ...]]]:
    """The words each annotation is about, marked in the text with the note's number."""
    return [
        (note.span, (names.ANNOTATED, f"{names.ANNOTATION_NUMBER}{number}"))
        for number, note in enumerate(post.annotations)
        if note.span
    ]


def reference_terms(graph: Graph, debate: str, here: str | None) -> dict[str, str]:
    """Each reference key of ``debate`` and where its entry is, for editors' notes that name
    a reference by its key ("see the reference anthropic-paper"): the key becomes a link."""
    return {key: _reference_href(debate, key, here) for key in graph.transcripts[debate].references}


def _annotation(note: Annotation, number: int, terms: dict[str, str]) -> Element:
    lines: list[Child | list[Child]] = [
        span(f"Editor’s note by {note.by}", classes=["rj-annotation-by"])
    ]
    if note.span:
        lines.append(span("On: ", *text_lines(f"“{note.span}”"), classes=[names.ANNOTATION_SPAN]))
    lines.append(text_lines(note.note, terms=terms))
    classes = [names.ANNOTATION, f"{names.ANNOTATION_NUMBER}{number}"]
    return div(para(*break_lines(lines)), classes=classes)


def _provenance(post: Post) -> Element | None:
    lines: list[list[Child]] = []
    if post.platform_id:
        lines.append(["Platform id: ", post.platform_id])
    if post.posted_as_shown:
        lines.append(["Time as shown: ", post.posted_as_shown])
    if post.posted_note:
        lines.append(["Time: ", *text_lines(post.posted_note)])
    if post.attribution_note:
        lines.append(["Attribution: ", *text_lines(post.attribution_note)])
    if post.thread_note:
        lines.append(["Threading: ", *text_lines(post.thread_note)])
    if post.languages:
        lines.append(["Languages as given: ", ", ".join(post.languages)])
    if post.edited_at and post.edited_as_shown:
        lines.append(["Edit marker as shown: ", post.edited_as_shown])
    if not lines:
        return None
    paragraphs = [para(*line, classes=[CARD_TEXT]) for line in lines]
    return folded("How this was transcribed", *paragraphs, classes=["rj-provenance"])


def _reference_href(debate: str, key: str, here: str | None) -> str:
    return f"#{key}" if here == debate else f"{debate}.html#{key}"


def _reference_link(graph: Graph, debate: str, key: str, here: str | None) -> Element:
    return link(graph.reference(debate, key).title, href=_reference_href(debate, key, here))


def _linked_reference(graph: Graph, debate: str, key: str, here: str | None) -> list[Child]:
    """A link the post carries: its entry in the references section, then the address's
    host, linking to the address itself. (A key naming no reference is a checker error;
    the page shows it as text rather than fail.)"""
    if key not in graph.transcripts[debate].references:
        return [key]
    shown: list[Child] = [_reference_link(graph, debate, key, here)]
    url = graph.reference(debate, key).url
    host = urlsplit(url).hostname if url else None
    if url and host:
        shown += [" (", link(host, href=url), ")"]
    return shown
