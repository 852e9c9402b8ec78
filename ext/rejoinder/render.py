"""Model + graph -> MyST pages. Pure: returns text per page path, writes nothing.

Every piece of contributor text goes through :mod:`rejoinder.markup` (``inline``/``block_text``);
this module only arranges it. Output is deterministic: the same corpus always gives the same
bytes, so unchanged pages are not rewritten and Sphinx re-reads nothing.

Page layout (paths relative to the output folder)::

    <debate>.md         one page per debate: its cards (this module)
    maps/<debate>.svg   its argument map (rejoinder.argument_map)
    index.md, claims.md, people/index.md, people/<key>.md and their continuations:
                        the listings (rejoinder.listings)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

from rejoinder import markup, names
from rejoinder.graph import CardKey, Edge, Graph
from rejoinder.markup import block_text, div, inline, link, span, utc_text
from rejoinder.model import (
    UNKNOWN_AUTHOR,
    Annotation,
    Claim,
    Coverage,
    Media,
    Post,
    Ref,
    Source,
    Transcript,
)

# Debate and people pages stay out of the table of contents (each is linked from its index
# page): on a site of thousands of debates, a sidebar listing every page would make each page
# megabytes long and every added debate would change every page.
ORPHAN = "---\norphan: true\n---"
MAP_FOLDER = "maps"

EDGE_WORDS = {  # how an edge of each role reads, source first
    "replies_to": "replies to",
    "quotes": "quotes",
    "rebuts": "rebuts",
    "supports": "supports",
    "concedes": "concedes",
    "qualifies": "qualifies",
    "questions": "questions",
}
_BACKWARD = {
    "replies_to": "Replies",
    "quotes": "Quoted by",
    "rebuts": "Rebutted by",
    "supports": "Supported by",
    "concedes": "Conceded by",
    "qualifies": "Qualified by",
    "questions": "Questioned by",
}


# What a card says in place of a post the platform no longer shows, by the post's status.
STATUS_LABELS = {
    "deleted": "Deleted by its author",
    "removed": "Removed by moderators or the platform",
    "withheld": "Withheld",
    "blocked": "Blocked on the platform",
    "not-found": "Not found on the platform",
}
PLATFORM_NAMES = {
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "hackernews": "Hacker News",
    "reddit": "Reddit",
    "x": "X",
    "web": "the web",
    "other": "another platform",
}
MEDIA_NAMES = {"image": "Image", "video": "Video", "gif": "GIF", "audio": "Audio", "other": "Media"}
# A language the page may give as an HTML ``lang`` attribute: a primary subtag of two or three
# letters and optional subtags (``en``, ``pt-br``, ``zh-hant-tw``), as BCP 47 writes them. Any
# other value the platform gives is shown as text only.
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$")


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the output folder, with .md
    text: str


def render_site(graph: Graph) -> list[Page]:
    """Every generated page of the corpus (and each debate's map), in a stable order."""
    # Both use this module's helpers.
    from rejoinder import listings
    from rejoinder.argument_map import render_map

    pages = listings.render_debates_index(graph)
    restated = restatements(graph)
    for debate in sorted(graph.transcripts):
        pages.append(Page(f"{debate}.md", render_debate(graph, debate, restated)))
        pages.append(Page(f"{MAP_FOLDER}/{debate}.svg", render_map(graph, debate)))
    pages += listings.render_claims_index(graph, restated)
    people = listings.participants_by_key(graph)
    pages += listings.render_people_index(graph, people)
    for key, debates in sorted(people.items()):
        pages += listings.render_person(graph, key, debates)
    return pages


# -- links and labels ------------------------------------------------------------------------


def card_href(key: CardKey, from_folder: str = "", from_debate: str | None = None) -> str:
    """Relative URL of a card from a page in ``from_folder`` ('', 'people', 'claims', ...,
    relative to the output folder), or from the page of ``from_debate`` (then a card of the
    same debate is just ``#anchor``)."""
    if from_debate == key.debate and not from_folder:
        return f"#{key.anchor}"
    prefix = "../" * (from_folder.count("/") + 1) if from_folder else ""
    return f"{prefix}{key.debate}.html#{key.anchor}"


def time_markup(moment: dt.datetime) -> str:
    """A time as data: the extension's role shows it in UTC (:func:`rejoinder.names.utc_text`)
    and HTML builders write it as ``<time datetime=…>``."""
    return f"{{{names.TIME_ROLE}}}`{names.utc_machine(moment)}`"


def card_label(graph: Graph, key: CardKey, from_debate: str | None) -> str:
    """Link text for a card: who and when for a post, the statement for a claim."""
    claim = graph.claim(key)
    if claim is not None:
        text = inline(f"“{claim.statement}”")
    else:
        post = graph.post(key)
        when = f", {utc_text(post.posted)}" if post.posted else ""
        # A post the platform no longer shows says so wherever it is linked.
        state = f" ({post.status.replace('-', ' ')})" if post.status != "shown" else ""
        text = inline(f"{graph.author_label(key)}{when}{state}")
    if key.debate != from_debate:
        text += " in " + inline(graph.transcripts[key.debate].title)
    return text


def card_link(graph: Graph, key: CardKey, from_debate: str | None, folder: str = "") -> str:
    """A link to a card from the page of ``from_debate`` (None: from an index page)."""
    return link(card_label(graph, key, from_debate), card_href(key, folder, from_debate))


def counted(number: int, noun: str) -> str:
    """``1 post``, ``2 posts``: a count and its noun (plural with an s)."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def status_badge(graph: Graph, key: CardKey) -> str:
    status = graph.status(key)
    return span(inline(status.label), "rj-badge", f"rj-status-{status.name}")


# -- restated claims -------------------------------------------------------------------------

Restatements = dict[CardKey, list[CardKey]]  # original claim -> the claims restating it


def restated_claim(graph: Graph, key: CardKey) -> CardKey | None:
    """The claim that the claim ``key`` says it restates (``same_as``), if it names one."""
    claim = graph.claim(key)
    if claim is None or claim.same_as is None:
        return None
    ref = Ref.parse(claim.same_as).absolute(key.debate)
    assert ref.debate is not None
    target = CardKey(ref.debate, ref.post, ref.claim)
    return target if target.claim and target in graph.claims and target != key else None


def original_claim(graph: Graph, key: CardKey) -> CardKey:
    """The claim a chain of restatements leads back to: ``key`` itself when it restates none,
    or when the chain runs in a circle (then no claim of it is the original)."""
    return _originals(graph, [key])[key] or key


def _originals(graph: Graph, keys: list[CardKey]) -> dict[CardKey, CardKey | None]:
    """For each claim reached from ``keys``: the end of its chain of restatements, or None when
    the chain runs into a circle. Each claim is walked once (the answers of a walk are kept for
    every claim on it), so a long chain costs its length, not its length squared."""
    ends: dict[CardKey, CardKey | None] = {}
    for start in keys:
        path: list[CardKey] = []
        on_path: set[CardKey] = set()
        current: CardKey | None = start
        end: CardKey | None
        while True:
            assert current is not None
            if current in ends:
                end = ends[current]
                break
            if current in on_path:
                end = None  # a circle
                break
            path.append(current)
            on_path.add(current)
            target = restated_claim(graph, current)
            if target is None:
                end = current
                break
            current = target
        for claim in path:
            ends[claim] = end
    return ends


def restatements(graph: Graph) -> Restatements:
    """Every original claim -> the claims restating it (directly or through a chain), in the
    order of the debates (by id) and of their posts."""
    restating = [
        key
        for debate in sorted(graph.transcripts)
        for key in graph.cards(debate)
        if key.claim is not None and restated_claim(graph, key) is not None
    ]
    ends = _originals(graph, restating)
    found: Restatements = defaultdict(list)
    for key in restating:
        original = ends[key]
        if original is not None and original != key:
            found[original].append(key)
    return dict(found)


# -- the debate page -------------------------------------------------------------------------


def render_debate(graph: Graph, debate: str, restated: Restatements | None = None) -> str:
    """One debate's page. ``restated`` is :func:`restatements` of the graph (computed here
    when not given; :func:`render_site` computes it once for every page)."""
    if restated is None:
        restated = restatements(graph)
    transcript = graph.transcripts[debate]
    parts = [
        ORPHAN,
        f"# {inline(transcript.title)}",
        div(block_text(transcript.summary), names.SUMMARY),
        _debate_facts(graph, transcript),
        *_source_notes(transcript),
        "```{rubric} Argument map\n```",
        _map(debate),
        "```{rubric} Posts\n```",
        _view_switch(),
    ]
    parts += [_card(graph, CardKey(debate, post.id), post, restated) for post in transcript.posts]
    if transcript.references:
        parts.append("```{rubric} References\n```")
        linked_from: dict[str, list[str]] = defaultdict(list)
        for post in transcript.posts:
            for key in dict.fromkeys(post.links):
                linked_from[key].append(post.id)
        parts += [
            _reference(graph, debate, key, linked_from.get(key, []))
            for key in transcript.references
        ]
    return "\n\n".join(parts) + "\n"


def _map(debate: str) -> str:
    """The map as an image; the extension inlines the SVG so its links and colours work."""
    image = markup.directive(
        "image",
        "",
        argument=f"{MAP_FOLDER}/{debate}.svg",
        options={
            "class": names.MAP_IMAGE,
            "alt": "Argument map of this debate; each post and claim links to its card.",
        },
        depth=3,
    )
    return div(image, names.MAP, depth=4)


def _view_switch() -> str:
    """Two orders for the same cards. Plain links: without JavaScript they reload the page
    (which shows the timeline); rejoinder.js reorders the cards in place instead."""
    tree = link(inline("Conversation"), "?view=tree")
    time = link(inline("Timeline"), "?view=time")
    return div(f"{inline('Order:')} {tree} · {time}", names.VIEWS)


def _debate_facts(graph: Graph, transcript: Transcript) -> str:
    items = []
    people = [
        _participant(key, person.label, person.note)
        for key, person in transcript.participants.items()
    ]
    if any(person.note for person in transcript.participants.values()):
        # Notes run to sentences: one participant per line then, each with their note.
        items.append("Participants:" + "".join(f"\n  - {shown}" for shown in people))
    elif people:
        items.append("Participants: " + ", ".join(people))
    span_text = date_span(transcript)
    if span_text:
        items.append("Posted: " + span_text)
    if transcript.coverage is not None:
        items.append(_coverage(transcript.coverage, len(transcript.posts)))
    items += [_source_line(source) for source in transcript.sources]
    if transcript.tags:
        items.append("Tags: " + ", ".join(span(inline(tag), "rj-tag") for tag in transcript.tags))
    return div(markup.bullet_list(items), "rj-facts")


def _source_line(source: Source) -> str:
    title = inline(source.title)
    shown = link(title, source.url, external=True) if source.url else title
    if source.publisher:
        shown += f" {inline('(')}{span(inline(source.publisher), names.PUBLISHER)}{inline(')')}"
    captured = f", captured {source.captured.isoformat()}" if source.captured else ""
    line = f"Source: {shown}{inline(captured) if captured else ''}"
    if not source.url:
        line += " " + span(inline("(no address shown)"), "rj-unknown")
    read = []
    if source.platform:
        read.append(inline(f"platform: {PLATFORM_NAMES[source.platform]}"))
    if source.api:
        read.append(f"{inline('read from')} {span(inline(source.api), names.SOURCE_API)}")
    if source.thread:
        # An address or a platform id, as text: it is what a re-import reads, not a link.
        read.append(f"{inline('thread:')} {span(inline(source.thread), names.SOURCE_API)}")
    if read:
        line += "".join(f"{inline(';')} {part}" for part in read)
    return line


def coverage_text(coverage: Coverage, posts: int) -> str:
    """How much of the thread a transcript of ``posts`` posts holds, in words (no selection)."""
    if coverage.state == "complete":
        return "Complete thread"
    if coverage.replies_claimed is not None:
        claimed = coverage.replies_claimed
        replies = f"{claimed} {'reply' if claimed == 1 else 'replies'}"
        return f"Partial: {counted(posts, 'post')} of {replies} the platform counts"
    return f"Partial: {counted(posts, 'post')} transcribed; the platform gives no count"


def _coverage(coverage: Coverage, posts: int) -> str:
    shown = inline(coverage_text(coverage, posts))
    if coverage.selection:
        shown += f"{inline('; selection:')} {span(block_text(coverage.selection), names.NOTE)}"
    if coverage.left_out:
        left = len(coverage.left_out)
        shown += inline(f"; {left} post{'s' * (left != 1)} left out on purpose")
    return span(f"{inline('Coverage:')} {shown}", names.COVERAGE)


def _participant(key: str, label: str, note: str | None) -> str:
    """A participant's name, linked to their page, with the editors' note on them if any."""
    shown = link(inline(label), f"people/{key}.html")
    if note:
        shown += f" {inline('—')} {span(block_text(note), names.NOTE)}"
    return shown


def _source_notes(transcript: Transcript) -> list[str]:
    """What each source copy shows or lacks: folded, since it can run long."""
    return [
        markup.directive(
            "dropdown",
            block_text(source.note),
            argument="About the source copy",
            options={"class-container": "rj-source-note"},
            depth=3,
        )
        for source in transcript.sources
        if source.note
    ]


def date_span(transcript: Transcript) -> str:
    times = sorted(post.posted for post in transcript.posts if post.posted)
    if not times:
        return ""
    if utc_text(times[0]) == utc_text(times[-1]):
        return time_markup(times[0])
    return f"{time_markup(times[0])} {inline('–')} {time_markup(times[-1])}"


def _card(graph: Graph, key: CardKey, post: Post, restated: Restatements) -> str:
    status = graph.status(key)
    body = [markup.directive("card-header", _card_header(graph, key, post), depth=5)]
    body += _not_shown(post)
    if post.title:
        body.append(div(span(inline(post.title), names.POST_TITLE), names.POST_TITLE, depth=5))
    text = _text(post)
    if post.annotations:
        # Notes follow the words they are about, in reading order too; CSS sets them beside
        # the text on wide screens.
        notes = "\n\n".join(
            _annotation(note, number) for number, note in enumerate(post.annotations)
        )
        text = div(f"{text}\n\n{div(notes, names.NOTES, depth=5)}", "rj-body", depth=6)
    if text:
        body.append(text)
    if post.media:
        body.append(_media(post.media))
    links = _edge_lines(graph, key)
    if links:
        body.append(div(markup.bullet_list(links), names.LINKS, depth=5))
    body += [
        _claim(graph, CardKey(key.debate, post.id, claim.id), claim, restated)
        for claim in post.claims
    ]
    provenance = _provenance(post)
    if provenance:
        body.append(provenance)
    body.append(markup.directive("card-footer", _card_footer(graph, key, post), depth=5))
    card = markup.directive(
        "card", "\n\n".join(body), options={"class-card": "rj-card", "shadow": "sm"}, depth=7
    )
    classes = [names.CARD, names.POST, f"rj-status-{status.name}"]
    if post.status != "shown":
        classes.append(names.POST_STATE + post.status)
    return div(card, *classes, anchor=post.id, depth=8)


def _text(post: Post) -> str:
    """The post's text exactly as written ("" when it has none), marked with its language
    when the platform gives one tag of the safe form (docutils writes a ``language-`` class
    as the ``lang`` attribute)."""
    if post.text is None:
        return ""
    classes = [names.TEXT]
    if len(post.languages) == 1 and _LANGUAGE_TAG.match(post.languages[0].lower()):
        classes.append("language-" + post.languages[0].lower())
    shown = block_text(post.text, link_urls=True, highlights=_highlights(post))
    return div(shown, *classes, depth=5)


def status_label(post: Post) -> str:
    """What a card says of a post the platform no longer shows ("" for a post shown)."""
    return STATUS_LABELS.get(post.status, "")


def _not_shown(post: Post) -> list[str]:
    """The placeholder of a post not shown (its header still gives author and time where
    known), and the notice on a post a re-import no longer found."""
    parts = []
    if post.status != "shown":
        first = span(inline(status_label(post)), "rj-placeholder-label")
        if post.status_note:
            first += f"{inline(':')} {span(block_text(post.status_note), names.STATUS_NOTE)}"
        lines = [first]
        if post.text is not None:
            lines.append(inline("Its text below is as last captured."))
        elif not post.media:
            lines.append(span(inline("No text was captured."), "rj-unknown"))
        parts.append(div("\\\n".join(lines), names.PLACEHOLDER, depth=5))
    if post.disappeared:
        notice = (
            f"No longer in the thread as of {post.disappeared.isoformat()}; shown as last captured."
        )
        parts.append(div(inline(notice), names.DISAPPEARED, depth=5))
    return parts


def _media(media: tuple[Media, ...]) -> str:
    """The post's media as a list: kind, alt text exactly as given, a link to each. Never
    embedded: a remote image would tell its host who reads the page."""
    items = []
    for item in media:
        kind = MEDIA_NAMES[item.kind]
        parts = [span(inline(kind), "rj-media-kind")]
        if item.alt is not None:
            parts.append(f"{inline('alt text:')} {span(block_text(item.alt), names.ALT)}")
        else:
            parts.append(span(inline("no alt text given"), "rj-unknown"))
        if item.url:
            what = "media" if item.kind == "other" else kind.lower()
            parts.append(link(inline(f"open the {what}"), item.url, external=True))
        else:
            parts.append(span(inline("no address shown"), "rj-unknown"))
        if item.note:
            parts.append(f"{inline('note:')} {span(block_text(item.note), 'rj-media-note')}")
        items.append(f" {inline('·')} ".join(parts))
    return div(f"{inline('Media:')}\n\n{markup.bullet_list(items)}", names.MEDIA, depth=5)


def _card_header(graph: Graph, key: CardKey, post: Post) -> str:
    transcript = graph.transcripts[key.debate]
    if post.author == UNKNOWN_AUTHOR:
        who = span(inline("unknown author"), names.AUTHOR, "rj-unknown")
    else:
        person = transcript.participants[post.author]
        page = f"people/{post.author}.html"
        name = person.display_name or person.name
        who = span(link(inline(name), page), names.AUTHOR) if name else ""
        if person.handle:
            handle = inline(person.handle)
            who += " " + span(handle if name else link(handle, page), names.HANDLE)
        if post.attribution == "inferred":
            who += " " + span(inline("attributed (inferred)"), "rj-inferred")
    when = time_markup(post.posted) if post.posted else span(inline("time unknown"), "rj-unknown")
    edited = ""
    if post.edited_at:
        edited = " · " + span(f"{inline('edited')} {time_markup(post.edited_at)}", names.EDITED)
    elif post.edited_as_shown:
        edited = " · " + span(inline(post.edited_as_shown), names.EDITED)
    return f"{who} · {when}{edited} {status_badge(graph, key)}"


def _card_footer(graph: Graph, key: CardKey, post: Post) -> str:
    items = []
    if post.metrics and post.metrics.shown():
        counts = ", ".join(_metric(name, value) for name, value in post.metrics.shown())
        captured = post.metrics.captured or _source_capture(graph.transcripts[key.debate])
        when = f" (as shown; captured {captured.isoformat()})" if captured else " (as shown)"
        items.append(span(inline(counts + when), "rj-metrics"))
    if post.url:
        items.append(link(inline("original post"), post.url, external=True))
    else:
        items.append(span(inline("no link to the original shown"), "rj-unknown"))
    items.append(link(inline("permalink"), f"#{post.id}"))
    return " · ".join(items)


def _metric(name: str, value: str) -> str:
    # "412 points", "3 downvotes"; a score reads better named first ("score 1.5k").
    return f"score {value}" if name == "score" else f"{value} {name}"


def _source_capture(transcript: Transcript) -> dt.date | None:
    dates = [source.captured for source in transcript.sources if source.captured]
    return dates[0] if len(dates) == 1 else None


def _edge_lines(graph: Graph, key: CardKey) -> list[str]:
    """Outgoing edges ("rebuts → …") and backlinks ("Rebutted by ← …") of one card."""
    lines = []
    for edge in graph.outgoing.get(key, ()):
        lines.append(_edge_line(graph, edge, forward=True))
    quoted = graph.quoted_references.get(key)
    if quoted is not None:
        reference = _reference_link(graph, key.debate, quoted)
        lines.append(span(f"{inline('quotes →')} {reference}", names.EDGE, names.EDGE_QUOTES))
    if key.claim is None and graph.post(key).links:
        shown = [_linked_reference(graph, key.debate, ref) for ref in graph.post(key).links]
        text = f"{inline('Links:')} {inline(', ').join(shown)}"
        lines.append(span(text, names.EDGE, names.EDGE_LINKS))
    for edge in sorted(graph.incoming.get(key, ()), key=_edge_order):
        lines.append(_edge_line(graph, edge, forward=False))
    return lines


def _edge_order(edge: Edge) -> tuple[str, str, str, str]:
    return (edge.role, edge.source.debate, edge.source.post, edge.source.claim or "")


def _edge_line(graph: Graph, edge: Edge, *, forward: bool) -> str:
    if forward:
        other = card_link(graph, edge.target, edge.source.debate)
        text = f"{inline(EDGE_WORDS[edge.role] + ' →')} {other}"
        kind = names.EDGE_ROLE + edge.role.replace("_", "-")
    else:
        other = card_link(graph, edge.source, edge.target.debate)
        text = f"{inline(_BACKWARD[edge.role] + ' ←')} {other}"
        kind = names.BACK_ROLE + edge.role.replace("_", "-")
    if edge.note:
        text += " " + span(inline(edge.note), "rj-edge-note")
    return span(text, names.EDGE, kind)


def _claim(graph: Graph, key: CardKey, claim: Claim, restated: Restatements) -> str:
    status = graph.status(key)
    statement = span(inline(claim.statement), names.STATEMENT)
    lines = [f"{span(inline('Claim'), 'rj-claim-label')} {status_badge(graph, key)} {statement}"]
    if claim.quote:
        lines.append(span(block_text(f"“{claim.quote}”"), names.QUOTE))
    original = restated_claim(graph, key)
    if original is not None:
        by = inline(f" ({graph.author_label(original)})")
        shown = f"{inline('Restates →')} {card_link(graph, original, key.debate)}{by}"
        lines.append(span(shown, names.RESTATES))
    edges = _edge_lines(graph, key)
    body = "\\\n".join(lines)
    if edges:
        body += "\n\n" + markup.bullet_list(edges)
    if restated.get(key):
        body += "\n\n" + _restated_in(graph, key, restated[key])
    return div(body, names.CLAIM, f"rj-status-{status.name}", anchor=claim.id, depth=4)


def _restated_in(graph: Graph, key: CardKey, restating: list[CardKey]) -> str:
    """The claims restating a claim, folded: a claim made in 64 posts lists 64 links."""
    posts = len({claim.post_key for claim in restating})
    rows = [restating_link(graph, claim, key.debate) for claim in restating]
    return markup.directive(
        "dropdown",
        markup.bullet_list(rows),
        argument=f"Restated in {counted(posts, 'post')}",
        options={"class-container": names.RESTATED},
        depth=3,
    )


def restating_link(graph: Graph, claim: CardKey, from_debate: str | None, folder: str = "") -> str:
    """A link to a restating claim, labelled by its post (its statement is the original's)."""
    label = card_label(graph, claim.post_key, from_debate)
    return link(label, card_href(claim, folder, from_debate))


def _highlights(post: Post) -> list[tuple[str, tuple[str, ...]]]:
    """The words each annotation is about, marked in the text with the note's number."""
    return [
        (note.span, (names.ANNOTATED, f"{names.ANNOTATION_NUMBER}{number}"))
        for number, note in enumerate(post.annotations)
        if note.span
    ]


def _annotation(note: Annotation, number: int) -> str:
    head = span(inline(f"Editor’s note by {note.by}"), "rj-annotation-by")
    lines = [head]
    if note.span:
        lines.append(span(f"{inline('On:')} {block_text(f'“{note.span}”')}", names.ANNOTATION_SPAN))
    lines.append(block_text(note.note))
    return div("\\\n".join(lines), names.ANNOTATION, f"{names.ANNOTATION_NUMBER}{number}", depth=4)


def _provenance(post: Post) -> str:
    lines = []
    if post.platform_id:
        lines.append(f"{inline('Platform id:')} {inline(post.platform_id)}")
    if post.posted_as_shown:
        lines.append(f"{inline('Time as shown:')} {inline(post.posted_as_shown)}")
    if post.posted_note:
        lines.append(f"{inline('Time:')} {block_text(post.posted_note)}")
    if post.attribution_note:
        lines.append(f"{inline('Attribution:')} {block_text(post.attribution_note)}")
    if post.thread_note:
        lines.append(f"{inline('Threading:')} {block_text(post.thread_note)}")
    if post.languages:
        lines.append(f"{inline('Languages as given:')} {inline(', '.join(post.languages))}")
    if post.edited_at and post.edited_as_shown:
        lines.append(f"{inline('Edit marker as shown:')} {inline(post.edited_as_shown)}")
    if not lines:
        return ""
    return markup.directive(
        "dropdown",
        "\n\n".join(lines),
        argument="How this was transcribed",
        options={"class-container": "rj-provenance"},
        depth=4,
    )


def _reference(graph: Graph, debate: str, key: str, linked_from: list[str]) -> str:
    reference = graph.reference(debate, key)
    title = inline(reference.title)
    lines = [link(title, reference.url, external=True) if reference.url else title]
    facts: list[str] = [reference.kind]
    if reference.author:
        facts.append(f"by {reference.author}")
    if not reference.url:
        facts.append("no address shown")
    lines.append(span(inline(", ".join(facts)), "rj-reference-kind"))
    if reference.note:
        lines.append(block_text(reference.note))
    if linked_from:
        posts = [card_link(graph, CardKey(debate, post), debate) for post in linked_from]
        lines.append(span(f"{inline('Linked from:')} {', '.join(posts)}", "rj-linked-from"))
    return div("\\\n".join(lines), "rj-reference", anchor=key, depth=3)


def _reference_link(graph: Graph, debate: str, key: str) -> str:
    return link(inline(graph.reference(debate, key).title), f"#{key}")


def _linked_reference(graph: Graph, debate: str, key: str) -> str:
    """A link the post carries: its entry in the references section, then the address's
    host, linking to the address itself. (A key naming no reference is a checker error;
    the page shows it as text rather than fail.)"""
    if key not in graph.transcripts[debate].references:
        return inline(key)
    shown = _reference_link(graph, debate, key)
    url = graph.reference(debate, key).url
    host = urlsplit(url).hostname if url else None
    if url and host:
        shown += f" {inline('(')}{link(inline(host), url, external=True)}{inline(')')}"
    return shown


# -- sizes of the listings (see rejoinder.listings) ---------------------------------------

# Listings hold a bounded number of entries per page and continue on numbered pages (``claims``,
# ``claims/2``, ...). A page then costs the same to build and to read however large the corpus
# grows, and a debate added at the end changes the last page of a listing, not one huge page.
DEBATES_PER_LIST_PAGE = 50
DEBATES_PER_CLAIMS_PAGE = 20
DEBATES_PER_PERSON_PAGE = 10
PEOPLE_PER_LIST_PAGE = 200
