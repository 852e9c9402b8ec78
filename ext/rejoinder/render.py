"""Model + graph -> MyST pages. Pure: returns text per page path, writes nothing.

Contributor text reaches a page as data: each card and block is a tree of
:mod:`rejoinder.tree` (text as text, never markup), carried in the page as JSON. Only titles
and headings are MyST, escaped by :func:`rejoinder.markup.inline`. Output is deterministic:
the same corpus always gives the same bytes, so unchanged pages are not rewritten and Sphinx
re-reads nothing.

Page layout (paths relative to the output folder)::

    <debate>.md         one page per debate (this module): its cards (rejoinder.card)
    maps/<debate>.svg   its argument map (rejoinder.argument_map)
    index.md, claims.md, people/index.md, people/<key>.md and their continuations:
                        the listings (rejoinder.listings)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rejoinder import markup, names
from rejoinder.card import (
    CARD_TEXT,
    card_data,
    card_href,
    card_label,
    card_link,
    counted,
    first_words,
    reference_terms,
    status_badge,
)
from rejoinder.graph import CardKey, Graph
from rejoinder.model import UNKNOWN_AUTHOR, Coverage, Source, Transcript
from rejoinder.names import utc_text
from rejoinder.restatements import Restatements, restated_claim, restatements
from rejoinder.tree import (
    Child,
    Element,
    break_lines,
    bullets,
    div,
    dumps,
    element,
    folded,
    joined,
    link,
    moment,
    para,
    span,
    text_lines,
)

# Debate and people pages stay out of the table of contents (each is linked from its index
# page): on a site of thousands of debates, a sidebar listing every page would make each page
# megabytes long and every added debate would change every page.
ORPHAN = "---\norphan: true\n---"
MAP_FOLDER = "maps"

PLATFORM_NAMES = {
    "bluesky": "Bluesky",
    "mastodon": "Mastodon",
    "hackernews": "Hacker News",
    "reddit": "Reddit",
    "x": "X",
    "web": "the web",
    "other": "another platform",
}


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # relative to the output folder, with .md
    text: str


def render_site(graph: Graph) -> list[Page]:
    """Every generated page of the corpus (and each debate's map), in a stable order."""
    restated = restatements(graph)
    pages = render_listings(graph, restated)
    for debate in sorted(graph.transcripts):
        pages += render_debate_pages(graph, debate, restated)
    return pages


def render_debate_pages(graph: Graph, debate: str, restated: Restatements) -> list[Page]:
    """A debate's page and its map."""
    from rejoinder.argument_map import render_map  # it uses this module's helpers

    return [
        Page(f"{debate}.md", render_debate(graph, debate, restated)),
        Page(f"{MAP_FOLDER}/{debate}.svg", render_map(graph, debate)),
    ]


def render_listings(graph: Graph, restated: Restatements) -> list[Page]:
    """The debates, claims and people indexes and every person's page."""
    from rejoinder import listings  # it uses this module's helpers

    pages = listings.render_debates_index(graph)
    pages += listings.render_claims_index(graph, restated)
    people = listings.participants_by_key(graph)
    pages += listings.render_people_index(graph, people)
    for key, debates in sorted(people.items()):
        pages += listings.render_person(graph, key, debates)
    return pages


def dependencies(graph: Graph, restated: Restatements) -> dict[str, set[str]]:
    """Debate -> the other debates its pages show something of: those its cards have an edge
    to or from (their labels, statuses and backlinks), and those holding claims of the same
    chain of restatements. A change to a debate can change the pages of these and no others
    (besides the listings)."""
    linked: dict[str, set[str]] = {debate: set() for debate in graph.transcripts}
    for edge in graph.edges:
        if edge.source.debate != edge.target.debate:
            linked[edge.source.debate].add(edge.target.debate)
            linked[edge.target.debate].add(edge.source.debate)
    for key in graph.claims:
        target = restated_claim(graph, key)  # "Restates →" links the claim it names
        if target is not None and target.debate != key.debate:
            linked[key.debate].add(target.debate)
            linked[target.debate].add(key.debate)
    for original, restating in restated.items():
        group = {original.debate, *(claim.debate for claim in restating)}
        for debate in group:
            linked[debate] |= group - {debate}
    return linked


def label_views(graph: Graph) -> dict[str, str]:
    """Debate -> what its page shows of the grounded labelling (:meth:`Graph.labels`): the
    labels of its cards and of the cards that rebut them. Labels run along chains of
    rebuttals, so a change in one debate can change them far away; comparing these views
    before and after finds the pages that changed without making every page again."""
    labels = graph.labels()
    views: dict[str, str] = {}
    for debate in graph.transcripts:
        shown: list[str] = []
        for key in graph.cards(debate):
            shown.append(labels[key][0])
            shown += [
                labels[edge.source][0]
                for edge in graph.incoming.get(key, ())
                if edge.role == "rebuts"
            ]
        views[debate] = "".join(shown) or "-"
    return views


# -- the debate page -------------------------------------------------------------------------


def render_debate(graph: Graph, debate: str, restated: Restatements | None = None) -> str:
    """One debate's page. ``restated`` is :func:`restatements` of the graph (computed here
    when not given; :func:`render_site` computes it once for every page).

    Reading first: the title, a short lede, the state of the debate in a few lines, then the
    posts; the full summary, the facts, the badges' meanings and the map are one click away.
    Each card is a section with a heading (the ``rj-card`` directive makes it), under
    "Posts", so the page has an outline and its posts a list "on this page".

    The page is MyST for its title and data for everything else: each card is an ``rj-card``
    directive, each other block an ``rj-block`` directive, whose body is the tree the
    extension turns into nodes (:mod:`rejoinder.tree`); sections are ``rj-section``
    directives, with ids no post or reference can take."""
    if restated is None:
        restated = restatements(graph)
    transcript = graph.transcripts[debate]
    terms = reference_terms(graph, debate, debate)
    about: list[Child] = [
        div(para(*text_lines(transcript.summary, terms=terms)), classes=[names.SUMMARY]),
        _debate_facts(graph, transcript),
        *_source_notes(transcript, terms),
    ]
    parts = [
        ORPHAN,
        f"# {markup.inline(transcript.title)}",
        block_directive([_lede(graph, transcript)]),
        section_directive(
            "State of the debate",
            names.STATE_SECTION_ID,
            [block_directive([_state_of_debate(graph, debate)])],
        ),
        block_directive(
            [
                folded("About", *about, classes=[names.FOLD, names.ABOUT]),
                folded("Badges", _legend(graph, debate), classes=[names.FOLD]),
            ]
        ),
        fenced(names.MAP_DIRECTIVE, f"{MAP_FOLDER}/{debate}.svg", options={"folded": "Map"}),
    ]
    cards = [card_directive(graph, CardKey(debate, post.id), restated) for post in transcript.posts]
    parts.append(
        section_directive(
            "Posts", names.POSTS_SECTION_ID, [block_directive([_view_switch()]), *cards]
        )
    )
    if transcript.references:
        linked_from: dict[str, list[str]] = defaultdict(list)
        for post in transcript.posts:
            for key in dict.fromkeys(post.links):
                linked_from[key].append(post.id)
        references = [
            _reference(graph, debate, key, linked_from.get(key, []))
            for key in transcript.references
        ]
        parts.append(
            section_directive(
                "References", names.REFERENCES_SECTION_ID, [block_directive(references)]
            )
        )
    return "\n\n".join(parts) + "\n"


def section_directive(title: str, anchor: str, body: Sequence[str]) -> str:
    """A section of the page (``rj-section``) holding directives: fenced with one backtick
    more than they are, so that theirs cannot close it."""
    return (
        f"````{{{names.SECTION_DIRECTIVE}}} {markup.inline(title)}\n:id: {anchor}\n\n"
        + "\n\n".join(body)
        + "\n````"
    )


def fenced(
    name: str, argument: str = "", body: str = "", options: dict[str, str] | None = None
) -> str:
    """A directive the renderer chose, in a backtick fence: its body (one line of JSON, see
    :mod:`rejoinder.tree`) can never close the fence. Option values are renderer text."""
    head = f"```{{{name}}} {argument}".rstrip()
    for option, value in (options or {}).items():
        head += f"\n:{option}: {value}"
    return f"{head}\n{body}\n```" if body else f"{head}\n```"


def block_directive(children: Sequence[Child]) -> str:
    """Blocks of a generated page as data (``rj-block``)."""
    return fenced(names.BLOCK_DIRECTIVE, body=dumps(children))


def card_directive(graph: Graph, key: CardKey, restated: Restatements) -> str:
    """A post's card as data (``rj-card``): the tree, and the labels the ``rj`` domain
    registers for the post and its claims."""
    return fenced(
        names.CARD_DIRECTIVE, f"{key.debate}:{key.post}", dumps(card_data(graph, key, restated))
    )


# What each badge says, as a fact about the exchange and never as a verdict on who is right;
# the page explains the badges it shows. The statuses follow the grounded labelling of the
# whole graph (rejoinder.graph.Graph.labels).
BADGE_MEANINGS = {
    "unanswered": ("unanswered", "no transcribed post answers it"),
    "answered": (
        "answered",
        "posts reply to it, support, qualify or question it; none rebuts it",
    ),
    "challenged": (
        "challenged (n)",
        "n posts rebut it and stand: nothing rebuts them, or every rebuttal of them is "
        "itself answered; whether they are right is not judged",
    ),
    "challenge-answered": (
        "challenges answered",
        "posts rebut it, and each of those rebuttals is answered by a rebuttal that stands",
    ),
    "undecided": (
        "undecided",
        "rebuttals run in a circle (A rebuts B, B rebuts A): the exchange does not settle it",
    ),
}
CONCEDED_MEANING = (
    "conceded by X",
    "X, who posted the concession, grants the point (the “Conceded by” line links the post)",
)


def _legend(graph: Graph, debate: str) -> Element:
    """The badges of this page, each with what it says, and how the statuses are reached."""
    statuses = [graph.status(key) for key in graph.cards(debate)]
    shown = {status.name for status in statuses}
    rows: list[Child | list[Child]] = [
        [span(badge, classes=["rj-badge", f"rj-status-{name}"]), f" {meaning}"]
        for name, (badge, meaning) in BADGE_MEANINGS.items()
        if name in shown
    ]
    if any(status.conceded_by for status in statuses):
        badge, meaning = CONCEDED_MEANING
        rows.append([span(badge, classes=["rj-badge", names.CONCEDED]), f" {meaning}"])
    how = (
        "A rebuttal counts against a card only while it stands itself, so a status follows "
        "the whole exchange; each “Rebutted by” line says whether that rebuttal stands."
    )
    return div(para("What the badges say:"), bullets(rows), para(how), classes=[names.LEGEND])


# Cards in dispute listed at the top before the rest are folded.
STATE_SHOWN = 2
# The lede: the summary up to the end of its first sentence, if that comes early enough.
LEDE_CHARS = 320


def lede_text(summary: str) -> str:
    """The opening of a summary: its first sentence when that ends within ``LEDE_CHARS``
    (and is not a mere abbreviation), else its first words. Exactly as written, cut only."""
    flat = " ".join(summary.split())
    if len(flat) <= LEDE_CHARS:
        return flat
    for end in re.finditer(r"[.!?][”’\"')]*\s", flat):
        if 60 <= end.end() <= LEDE_CHARS:
            return flat[: end.end()].rstrip()
    return first_words(flat, LEDE_CHARS)


def _lede(graph: Graph, transcript: Transcript) -> Element:
    """What the debate is, in a sentence, and its size and time span in one line."""
    posts = len(transcript.posts)
    people = len({post.author for post in transcript.posts if post.author != UNKNOWN_AUTHOR})
    facts: list[Child] = [counted(posts, "post")]
    if people:
        facts.append(f" by {counted(people, 'participant')}")
    days = sorted(
        {post.posted.astimezone(dt.UTC).date() for post in transcript.posts if post.posted}
    )
    if days:
        facts.append(f" · {days[0].isoformat()}")
        if days[-1] != days[0]:
            facts.append(f" – {days[-1].isoformat()}")
    if transcript.coverage is not None:
        facts += [" · ", coverage_text(transcript.coverage, posts)]
    return div(
        para(lede_text(transcript.summary)),
        para(*facts, classes=["rj-lede-facts"]),
        classes=[names.LEDE],
    )


def _state_of_debate(graph: Graph, debate: str) -> Element:
    """The cards in dispute, each with who rebutted it and whether each rebuttal stands, and
    the points conceded: a line or two each, the first few shown and the rest folded."""
    labels = graph.labels()
    disputed: list[list[Child]] = []
    challenged = conceded = 0
    for key in graph.cards(debate):
        status = graph.status(key)
        challenged += status.name == "challenged"
        conceded += bool(status.conceded_by)
        rebuttals = [edge for edge in graph.incoming.get(key, ()) if edge.role == "rebuts"]
        if not rebuttals and not status.conceded_by:
            continue
        claim = graph.claim(key)
        what = f"“{first_words(claim.statement, 64)}”" if claim else card_label(graph, key, debate)
        line: list[Child] = [
            status_badge(graph, key),
            " ",
            link(what, href=card_href(key, "", debate)),
        ]
        if claim is not None:
            line.append(f" ({graph.author_label(key)})")
        # Rebuttals by author: "rebutted by Scott Alexander (1 stands, 1 answered)".
        by_author: dict[str, list[str]] = defaultdict(list)
        first_card: dict[str, CardKey] = {}
        for edge in rebuttals:
            author = graph.author_label(edge.source)
            by_author[author].append(_STANDING[labels[edge.source]])
            first_card.setdefault(author, edge.source)
        who: list[list[Child]] = []
        for author, states in by_author.items():
            counts = ", ".join(
                f"{states.count(state)} {state}" if len(states) > 1 else state
                for state in dict.fromkeys(states)
            )
            who.append(
                [link(author, href=card_href(first_card[author], "", debate)), f" ({counts})"]
            )
        if who:
            line += [" — rebutted by ", *joined(who, ", ")]
        disputed.append(line)
    if not disputed:
        return div(
            para("No post in this transcript rebuts another, and none concedes a point."),
            classes=[names.STATE],
        )
    summary = (
        f"{counted(len(disputed), 'card')} in dispute or conceded: {challenged} with a "
        f"rebuttal that stands, {conceded} conceded."
    )
    shown: list[Child] = [para(summary), bullets(disputed[:STATE_SHOWN])]
    rest = disputed[STATE_SHOWN:]
    if rest:
        shown.append(folded(f"and {len(rest)} more", bullets(rest), classes=[names.MORE]))
    return div(*shown, classes=[names.STATE])


_STANDING = {"in": "stands", "out": "answered", "undecided": "undecided"}


def _view_switch() -> Element:
    """Two orders for the same cards. Plain links: without JavaScript they reload the page
    (which shows the timeline); rejoinder.js reorders the cards in place instead."""
    tree = link("Conversation", href="?view=tree")
    time = link("Timeline", href="?view=time")
    return div(para("Order: ", tree, " · ", time), classes=[names.VIEWS])


# Participants named before the rest are folded: a real thread has hundreds.
PARTICIPANTS_SHOWN = 12


def _debate_facts(graph: Graph, transcript: Transcript) -> Element:
    items: list[Child | list[Child]] = []
    people = [
        _participant(key, person.label, person.note)
        for key, person in transcript.participants.items()
    ]
    shown, rest = people[:PARTICIPANTS_SHOWN], people[PARTICIPANTS_SHOWN:]
    more = (
        [folded(f"and {len(rest)} more participants", bullets(rest), classes=[names.MORE])]
        if rest
        else []
    )
    if any(person.note for person in transcript.participants.values()):
        # Notes run to sentences: one participant per line then, each with their note.
        items.append(element("li", [para("Participants:"), bullets(shown), *more]))
    elif people:
        items.append(element("li", [para("Participants: ", *joined(shown, ", ")), *more]))
    span_text = date_span(transcript)
    if span_text:
        items.append(["Posted: ", *span_text])
    if transcript.coverage is not None:
        items.append(_coverage(transcript.coverage, len(transcript.posts)))
    items += [_source_line(source) for source in transcript.sources]
    if transcript.tags:
        tags = [span(tag, classes=["rj-tag"]) for tag in transcript.tags]
        items.append(["Tags: ", *joined(tags, ", ")])
    items.append(_data_links(transcript.id))
    return div(bullets(items), classes=["rj-facts"])


def _data_links(debate: str) -> list[Child]:
    """The debate in the formats the site publishes beside its page (rejoinder.export), and
    the feed of all debates."""
    from rejoinder.export import FORMATS
    from rejoinder.export.atom import FEED_FILE

    files = [link(found.label, href=found.debate_file(debate)) for found in FORMATS.values()]
    return [
        "This debate as data: ",
        *joined(files, " · "),
        "; new debates: ",
        link("Atom feed", href=FEED_FILE),
    ]


def _source_line(source: Source) -> list[Child]:
    shown: list[Child] = [link(source.title, href=source.url) if source.url else source.title]
    if source.publisher:
        shown += [" (", span(source.publisher, classes=[names.PUBLISHER]), ")"]
    line: list[Child] = ["Source: ", *shown]
    if source.captured:
        line.append(f", captured {source.captured.isoformat()}")
    if not source.url:
        line += [" ", span("(no address shown)", classes=["rj-unknown"])]
    if source.platform:
        line.append(f"; platform: {PLATFORM_NAMES[source.platform]}")
    if source.api:
        line += ["; read from ", span(source.api, classes=[names.SOURCE_API])]
    if source.thread:
        # An address or a platform id, as text: it is what a re-import reads, not a link.
        line += ["; thread: ", span(source.thread, classes=[names.SOURCE_API])]
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


def _coverage(coverage: Coverage, posts: int) -> Element:
    shown: list[Child] = ["Coverage: ", coverage_text(coverage, posts)]
    if coverage.selection:
        shown += ["; selection: ", span(*text_lines(coverage.selection), classes=[names.NOTE])]
    if coverage.left_out:
        left = len(coverage.left_out)
        shown.append(f"; {left} post{'s' * (left != 1)} left out on purpose")
    return span(*shown, classes=[names.COVERAGE])


def _participant(key: str, label: str, note: str | None) -> list[Child]:
    """A participant's name, linked to their page, with the editors' note on them if any."""
    shown: list[Child] = [link(label, href=f"people/{key}.html")]
    if note:
        shown += [" — ", span(*text_lines(note), classes=[names.NOTE])]
    return shown


def _source_notes(transcript: Transcript, terms: dict[str, str]) -> list[Element]:
    """What each source copy shows or lacks: folded, since it can run long."""
    return [
        folded(
            "About the source copy",
            para(*text_lines(source.note, terms=terms), classes=[CARD_TEXT]),
            classes=["rj-source-note"],
        )
        for source in transcript.sources
        if source.note
    ]


def date_span(transcript: Transcript) -> list[Child]:
    """When the debate's posts were made: the first and last times ([] when none known)."""
    times = sorted(post.posted for post in transcript.posts if post.posted)
    if not times:
        return []
    if utc_text(times[0]) == utc_text(times[-1]):
        return [moment(times[0])]
    return [moment(times[0]), " – ", moment(times[-1])]


def _reference(graph: Graph, debate: str, key: str, linked_from: list[str]) -> Element:
    reference = graph.reference(debate, key)
    title: Child = link(reference.title, href=reference.url) if reference.url else reference.title
    lines: list[Child | list[Child]] = [title]
    facts: list[str] = [reference.kind]
    if reference.author:
        facts.append(f"by {reference.author}")
    if not reference.url:
        facts.append("no address shown")
    lines.append(span(", ".join(facts), classes=["rj-reference-kind"]))
    if reference.note:
        lines.append(text_lines(reference.note, terms=reference_terms(graph, debate, debate)))
    if linked_from:
        posts = [card_link(graph, CardKey(debate, post), debate) for post in linked_from]
        lines.append(span("Linked from: ", *joined(posts, ", "), classes=["rj-linked-from"]))
    return div(para(*break_lines(lines)), classes=["rj-reference"], anchor=key)


# -- sizes of the listings (see rejoinder.listings) ---------------------------------------

# Listings hold a bounded number of entries per page and continue on numbered pages (``claims``,
# ``claims/2``, ...). A page then costs the same to build and to read however large the corpus
# grows, and a debate added at the end changes the last page of a listing, not one huge page.
DEBATES_PER_LIST_PAGE = 50
DEBATES_PER_CLAIMS_PAGE = 20
DEBATES_PER_PERSON_PAGE = 10
PEOPLE_PER_LIST_PAGE = 200
