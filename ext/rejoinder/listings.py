"""The listings: every debate, every claim, every person, and one person across debates.

Pure, like :mod:`rejoinder.render` (whose helpers it uses): each function returns pages, writes
nothing. Listings hold a bounded number of entries per page and continue on numbered pages
(``claims``, ``claims/2``, ...); the sizes are :mod:`rejoinder.render`'s ``*_PER_*`` constants,
read when a listing is made.

Page layout (paths relative to the output folder)::

    index.md            all debates (continued on index/2.md, index/3.md, ...)
    claims.md           every claim with its status (continued on claims/2.md, ...)
    people/index.md     every participant (continued on people/index/2.md, ...)
    people/<key>.md     one participant across debates (continued on people/<key>/2.md, ...)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from rejoinder import markup, names, render
from rejoinder.card import card_href, card_link, counted, restating_link, status_badge
from rejoinder.graph import CardKey, Graph
from rejoinder.render import ORPHAN, Page, block_directive, coverage_text, date_span
from rejoinder.restatements import Restatements, restatements
from rejoinder.tree import (
    Child,
    Element,
    break_lines,
    bullets,
    div,
    element,
    joined,
    link,
    para,
    span,
    text_lines,
)

# A part of a listing page: MyST of the renderer's own (a heading), or blocks as data.
Part = str | list[Child]


def listing_pages(first: str, count: int) -> list[str]:
    """The page names (without .md) of a listing of ``count`` pages whose first is ``first``.
    Page names cannot clash with debate or participant pages: those never contain a slash
    below their folder, and ``index`` is reserved for both."""
    return [first if number == 1 else f"{first}/{number}" for number in range(1, count + 1)]


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [[]]


def page_href(target: str, page: str) -> str:
    """Relative URL of the page ``target`` from the page ``page`` (both named from the
    output folder, without suffix)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) + ".html"


def _folder(page: str) -> str:
    return page.rpartition("/")[0]


def _listing_title(title: str, number: int) -> str:
    return f"# {markup.inline(title if number == 1 else f'{title}, page {number}')}"


def _pager(pages: list[str], number: int) -> list[Child]:
    """Links between the pages of a listing; the first page also links every page."""
    if len(pages) == 1:
        return []
    here = pages[number - 1]

    def to(other: int) -> str:
        return page_href(pages[other - 1], here)

    items: list[Child] = []
    if number > 1:
        items.append(link("← Previous page", href=to(number - 1)))
    items.append(span(f"Page {number}", classes=["rj-page-number"]))
    if number < len(pages):
        items.append(link("Next page →", href=to(number + 1)))
    lines: list[Child | list[Child]] = [joined(items, " · ")]
    if number == 1:
        every = [link(str(other), href=to(other)) for other in range(1, len(pages) + 1)]
        lines.append(["Pages: ", *joined(every, " · ")])
    return [div(para(*break_lines(lines)), classes=["rj-pager"])]


def _as_myst(parts: list[Part]) -> list[str]:
    """Each heading as it is; each run of blocks as one ``rj-block`` directive."""
    written: list[str] = []
    blocks: list[Child] = []
    for part in parts:
        if isinstance(part, str):
            if blocks:
                written.append(block_directive(blocks))
                blocks = []
            written.append(part)
        else:
            blocks += part
    if blocks:
        written.append(block_directive(blocks))
    return written


def _paged(
    first: str,
    title: str,
    chunks: list[list[str]],
    body: Callable[[str, list[str]], list[Part]],
    *,
    orphan_first: bool = False,
    first_page_end: str = "",
) -> list[Page]:
    """One page per chunk: title, the chunk's ``body`` (given the page name), pager.

    Continuation pages stay out of the table of contents (the pager links them); the first
    page too with ``orphan_first``. ``first_page_end`` closes the first page (a toctree)."""
    pages = listing_pages(first, len(chunks))
    rendered = []
    for number, (page, chunk) in enumerate(zip(pages, chunks, strict=True), start=1):
        orphan = number > 1 or orphan_first
        content = [*body(page, chunk), _pager(pages, number)]
        parts = [ORPHAN if orphan else "", _listing_title(title, number), *_as_myst(content)]
        parts.append(first_page_end if number == 1 else "")
        rendered.append(Page(f"{page}.md", "\n\n".join(part for part in parts if part) + "\n"))
    return rendered


def render_debates_index(graph: Graph) -> list[Page]:
    def body(page: str, debates: list[str]) -> list[Part]:
        parts: list[Child] = []
        if page == "index":
            parts.append(para(f"{counted(len(graph.transcripts), 'debate')} transcribed."))
        parts += [_debate_entry(graph, debate, page) for debate in debates]
        return [parts]

    chunks = _chunks(_debates_by_date(graph), render.DEBATES_PER_LIST_PAGE)
    toctree = _toctree(["claims", "people/index"])
    return _paged("index", "Debates", chunks, body, first_page_end=toctree)


def _debate_entry(graph: Graph, debate: str, page: str) -> Element:
    transcript = graph.transcripts[debate]
    posts = len(transcript.posts)
    claims = sum(len(post.claims) for post in transcript.posts)
    rebuttals = graph.rebuttals_into(debate)
    people = ", ".join(person.label for person in transcript.participants.values())
    counts = (
        f"{counted(posts, 'post')} · {counted(claims, 'claim')} · "
        f"{counted(rebuttals, 'rebuttal')} received"
    )
    title = element("strong", [link(transcript.title, href=page_href(debate, page))])
    lines: list[Child | list[Child]] = [
        title,
        text_lines(transcript.summary),
        f"Participants: {people or 'none named'}",
    ]
    when = date_span(transcript)
    if when:
        lines.append(span(*when, classes=["rj-dates"]))
    lines.append(span(counts, classes=["rj-counts"]))
    if transcript.coverage is not None and transcript.coverage.state == "partial":
        shown = coverage_text(transcript.coverage, posts)
        lines.append(span(shown, classes=[names.COVERAGE]))
    return div(para(*break_lines(lines)), classes=["rj-debate-entry"])


def _debates_by_date(graph: Graph) -> list[str]:
    def first_time(debate: str) -> tuple[str, str]:
        times = [p.posted for p in graph.transcripts[debate].posts if p.posted]
        return (min(times).astimezone(dt.UTC).isoformat() if times else "", debate)

    return sorted(graph.transcripts, key=first_time)


def _toctree(docnames: list[str]) -> str:
    return "```{toctree}\n:hidden:\n\n" + "\n".join(docnames) + "\n```"


def render_claims_index(graph: Graph, restated: Restatements | None = None) -> list[Page]:
    """Every claim once: a claim restating another is listed under the original's row
    ("also made in N posts"), not as a row of its own."""
    if restated is None:
        restated = restatements(graph)
    listed_under = {claim for claims in restated.values() for claim in claims}

    def body(page: str, debates: list[str]) -> list[Part]:
        parts: list[Part] = []
        if page == "claims":
            parts.append([para("Every claim made in the debates, with what answered it.")])
        folder = _folder(page)
        for debate in debates:
            transcript = graph.transcripts[debate]
            rows: list[Child | list[Child]] = []
            for post in transcript.posts:
                for claim in post.claims:
                    key = CardKey(debate, post.id, claim.id)
                    if key in listed_under:
                        continue
                    who = graph.author_label(key)
                    claim_link = link(claim.statement, href=card_href(key, folder))
                    row: list[Child] = [
                        para(status_badge(graph, key), " ", claim_link, f" — {who}")
                    ]
                    row += _also_made_in(graph, restated.get(key, []), folder)
                    rows.append(element("li", row))
            if rows:
                parts.append(f"## {markup.inline(transcript.title)}")
                parts.append([bullets(rows)])
        return parts

    with_claims = [
        debate
        for debate in _debates_by_date(graph)
        if any(post.claims for post in graph.transcripts[debate].posts)
    ]
    return _paged("claims", "Claims", _chunks(with_claims, render.DEBATES_PER_CLAIMS_PAGE), body)


def _also_made_in(graph: Graph, restating: list[CardKey], folder: str) -> list[Child]:
    """The restatements of a claim: a note on its row and a nested list ([] when none)."""
    if not restating:
        return []
    posts = len({claim.post_key for claim in restating})
    rows: list[Child | list[Child]] = [
        restating_link(graph, claim, None, folder) for claim in restating
    ]
    also = span(f"(also made in {counted(posts, 'post')})", classes=[names.RESTATED])
    return [para(also), bullets(rows)]


def participants_by_key(graph: Graph) -> dict[str, list[str]]:
    """Participant key -> debates they take part in, oldest first. The same key names the
    same person."""
    people: dict[str, list[str]] = defaultdict(list)
    for debate in _debates_by_date(graph):
        for key in graph.transcripts[debate].participants:
            people[key].append(debate)
    return dict(people)


def render_people_index(graph: Graph, people: dict[str, list[str]]) -> list[Page]:
    def body(page: str, keys: list[str]) -> list[Part]:
        parts: list[Child] = []
        if page == "people/index":
            parts.append(para("Everyone whose posts are transcribed, by the name shown."))
        rows: list[Child | list[Child]] = []
        for key in keys:
            debates = people[key]
            person = graph.transcripts[debates[0]].participants[key]
            count = f"({len(debates)} debates)" if len(debates) != 1 else "(1 debate)"
            person_link = link(person.label, href=page_href(f"people/{key}", page))
            rows.append([person_link, f" {count}"])
        parts.append(bullets(rows) if rows else para("No participants yet."))
        return [parts]

    def by_name(key: str) -> tuple[str, str]:
        # By the name shown, as the page says; a handle's "@" or "u/" does not count.
        label = graph.transcripts[people[key][0]].participants[key].label
        return (label.removeprefix("u/").lstrip("@").casefold(), key)

    chunks = _chunks(sorted(people, key=by_name), render.PEOPLE_PER_LIST_PAGE)
    return _paged("people/index", "People", chunks, body)


def render_person(graph: Graph, key: str, debates: list[str]) -> list[Page]:
    first = graph.transcripts[debates[0]].participants[key]

    def body(page: str, chunk: list[str]) -> list[Part]:
        parts: list[Part] = []
        if page == f"people/{key}":
            facts: list[Child | list[Child]] = []
            if first.name:
                facts.append(f"Name: {first.name}")
            if first.handle:
                facts.append(f"Handle: {first.handle}")
            if first.account_id:
                facts.append(f"Account id: {first.account_id}")
            if first.profile_url:
                facts.append(link("profile", href=first.profile_url))
            if facts:
                parts.append([bullets(facts)])
        for debate in chunk:
            parts += _person_in_debate(graph, key, debate, page)
        return parts

    # A person's first page is linked from cards and from the people index, not the toctree.
    chunks = _chunks(debates, render.DEBATES_PER_PERSON_PAGE)
    return _paged(f"people/{key}", first.label, chunks, body, orphan_first=True)


def _person_in_debate(graph: Graph, key: str, debate: str, page: str) -> list[Part]:
    transcript = graph.transcripts[debate]
    folder = _folder(page)
    title = markup.link(markup.inline(transcript.title), page_href(debate, page))
    blocks: list[Child] = []
    note = transcript.participants[key].note
    if note:  # the editors' note on this person, as it stands in this debate
        shown = para("Note: ", span(*text_lines(note), classes=[names.NOTE]))
        blocks.append(div(shown, classes=["rj-person-note"]))
    rows: list[Child | list[Child]] = []
    for post in transcript.posts:
        if post.author != key:
            continue
        post_key = CardKey(debate, post.id)
        post_link = card_link(graph, post_key, debate, folder)
        row: list[Child] = [para(status_badge(graph, post_key), " ", post_link)]
        claims: list[Child | list[Child]] = []
        for claim in post.claims:
            claim_key = CardKey(debate, post.id, claim.id)
            claim_link = link(claim.statement, href=card_href(claim_key, folder))
            claims.append([status_badge(graph, claim_key), " ", claim_link])
        if claims:
            row.append(bullets(claims))
        rows.append(element("li", row))
    blocks.append(bullets(rows) if rows else para("No posts attributed."))
    blocks += _rebuttal_lists(graph, key, debate, folder)
    return [f"## {title}", blocks]


def _rebuttal_lists(graph: Graph, key: str, debate: str, folder: str) -> list[Child]:
    def pair(first: CardKey, arrow: str, second: CardKey) -> list[Child]:
        return [
            card_link(graph, first, None, folder),
            f" {arrow} ",
            card_link(graph, second, None, folder),
        ]

    parts: list[Child] = []
    made = graph.rebuttals_made.get((debate, key), [])
    received = graph.rebuttals_received.get((debate, key), [])
    if made:
        rows: list[Child | list[Child]] = [pair(edge.source, "→", edge.target) for edge in made]
        parts += [para("Rebuttals made:"), bullets(rows)]
    if received:
        rows = [pair(edge.target, "←", edge.source) for edge in received]
        parts += [para("Rebuttals received:"), bullets(rows)]
    return parts
