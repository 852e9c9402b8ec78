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
from rejoinder.graph import CardKey, Graph
from rejoinder.markup import block_text, div, inline, link, span
from rejoinder.render import (
    ORPHAN,
    Page,
    Restatements,
    card_href,
    card_link,
    counted,
    coverage_text,
    date_span,
    restatements,
    restating_link,
    status_badge,
)


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
    return f"# {inline(title if number == 1 else f'{title}, page {number}')}"


def _pager(pages: list[str], number: int) -> str:
    """Links between the pages of a listing; the first page also links every page."""
    if len(pages) == 1:
        return ""
    here = pages[number - 1]

    def to(other: int) -> str:
        return page_href(pages[other - 1], here)

    items = []
    if number > 1:
        items.append(link(inline("← Previous page"), to(number - 1)))
    items.append(span(inline(f"Page {number}"), "rj-page-number"))
    if number < len(pages):
        items.append(link(inline("Next page →"), to(number + 1)))
    lines = [" · ".join(items)]
    if number == 1:
        every = [link(inline(str(other)), to(other)) for other in range(1, len(pages) + 1)]
        lines.append(f"{inline('Pages:')} {' · '.join(every)}")
    return div("\\\n".join(lines), "rj-pager")


def _paged(
    first: str,
    title: str,
    chunks: list[list[str]],
    body: Callable[[str, list[str]], list[str]],
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
        parts = [ORPHAN if orphan else "", _listing_title(title, number), *body(page, chunk)]
        parts += [_pager(pages, number), first_page_end if number == 1 else ""]
        rendered.append(Page(f"{page}.md", "\n\n".join(part for part in parts if part) + "\n"))
    return rendered


def render_debates_index(graph: Graph) -> list[Page]:
    def body(page: str, debates: list[str]) -> list[str]:
        parts = []
        if page == "index":
            parts.append(inline(f"{counted(len(graph.transcripts), 'debate')} transcribed."))
        parts += [_debate_entry(graph, debate, page) for debate in debates]
        return parts

    chunks = _chunks(_debates_by_date(graph), render.DEBATES_PER_LIST_PAGE)
    toctree = _toctree(["claims", "people/index"])
    return _paged("index", "Debates", chunks, body, first_page_end=toctree)


def _debate_entry(graph: Graph, debate: str, page: str) -> str:
    transcript = graph.transcripts[debate]
    posts = len(transcript.posts)
    claims = sum(len(post.claims) for post in transcript.posts)
    rebuttals = graph.rebuttals_into(debate)
    people = ", ".join(inline(person.label) for person in transcript.participants.values())
    counts = inline(
        f"{counted(posts, 'post')} · {counted(claims, 'claim')} · "
        f"{counted(rebuttals, 'rebuttal')} received"
    )
    lines = [
        f"**{link(inline(transcript.title), page_href(debate, page))}**",
        block_text(transcript.summary),
        f"{inline('Participants:')} {people or inline('none named')}",
    ]
    when = date_span(transcript)
    if when:
        lines.append(span(when, "rj-dates"))
    lines.append(span(counts, "rj-counts"))
    if transcript.coverage is not None and transcript.coverage.state == "partial":
        lines.append(span(inline(coverage_text(transcript.coverage, posts)), names.COVERAGE))
    return div("\\\n".join(lines), "rj-debate-entry")


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

    def body(page: str, debates: list[str]) -> list[str]:
        parts = []
        if page == "claims":
            parts.append(inline("Every claim made in the debates, with what answered it."))
        folder = _folder(page)
        for debate in debates:
            transcript = graph.transcripts[debate]
            rows = []
            for post in transcript.posts:
                for claim in post.claims:
                    key = CardKey(debate, post.id, claim.id)
                    if key in listed_under:
                        continue
                    who = inline(graph.author_label(key))
                    claim_link = link(inline(claim.statement), card_href(key, folder))
                    row = f"{status_badge(graph, key)} {claim_link} — {who}"
                    rows.append(row + _also_made_in(graph, restated.get(key, []), folder))
            if rows:
                parts.append(f"## {inline(transcript.title)}")
                parts.append(markup.bullet_list(rows))
        return parts

    with_claims = [
        debate
        for debate in _debates_by_date(graph)
        if any(post.claims for post in graph.transcripts[debate].posts)
    ]
    return _paged("claims", "Claims", _chunks(with_claims, render.DEBATES_PER_CLAIMS_PAGE), body)


def _also_made_in(graph: Graph, restating: list[CardKey], folder: str) -> str:
    """The restatements of a claim, as a nested list under its row ("" when none)."""
    if not restating:
        return ""
    posts = len({claim.post_key for claim in restating})
    rows = "".join(
        f"\n  - {restating_link(graph, claim, None, folder)}" for claim in restating
    )  # nested items
    also = inline(f"(also made in {counted(posts, 'post')})")
    return f" {span(also, names.RESTATED)}{rows}"


def participants_by_key(graph: Graph) -> dict[str, list[str]]:
    """Participant key -> debates they take part in, oldest first. The same key names the
    same person."""
    people: dict[str, list[str]] = defaultdict(list)
    for debate in _debates_by_date(graph):
        for key in graph.transcripts[debate].participants:
            people[key].append(debate)
    return dict(people)


def render_people_index(graph: Graph, people: dict[str, list[str]]) -> list[Page]:
    def body(page: str, keys: list[str]) -> list[str]:
        parts = []
        if page == "people/index":
            parts.append(inline("Everyone whose posts are transcribed, by the name shown."))
        rows = []
        for key in keys:
            debates = people[key]
            person = graph.transcripts[debates[0]].participants[key]
            count = f"({len(debates)} debates)" if len(debates) != 1 else "(1 debate)"
            person_link = link(inline(person.label), page_href(f"people/{key}", page))
            rows.append(f"{person_link} {inline(count)}")
        parts.append(markup.bullet_list(rows) if rows else inline("No participants yet."))
        return parts

    chunks = _chunks(sorted(people), render.PEOPLE_PER_LIST_PAGE)
    return _paged("people/index", "People", chunks, body)


def render_person(graph: Graph, key: str, debates: list[str]) -> list[Page]:
    first = graph.transcripts[debates[0]].participants[key]

    def body(page: str, chunk: list[str]) -> list[str]:
        parts = []
        if page == f"people/{key}":
            facts = []
            if first.name:
                facts.append(f"{inline('Name:')} {inline(first.name)}")
            if first.handle:
                facts.append(f"{inline('Handle:')} {inline(first.handle)}")
            if first.account_id:
                facts.append(f"{inline('Account id:')} {inline(first.account_id)}")
            if first.profile_url:
                facts.append(link(inline("profile"), first.profile_url, external=True))
            if facts:
                parts.append(markup.bullet_list(facts))
        for debate in chunk:
            parts += _person_in_debate(graph, key, debate, page)
        return parts

    # A person's first page is linked from cards and from the people index, not the toctree.
    chunks = _chunks(debates, render.DEBATES_PER_PERSON_PAGE)
    return _paged(f"people/{key}", first.label, chunks, body, orphan_first=True)


def _person_in_debate(graph: Graph, key: str, debate: str, page: str) -> list[str]:
    transcript = graph.transcripts[debate]
    folder = _folder(page)
    parts = [f"## {link(inline(transcript.title), page_href(debate, page))}"]
    note = transcript.participants[key].note
    if note:  # the editors' note on this person, as it stands in this debate
        parts.append(
            div(f"{inline('Note:')} {span(block_text(note), names.NOTE)}", "rj-person-note")
        )
    rows = []
    for post in transcript.posts:
        if post.author != key:
            continue
        post_key = CardKey(debate, post.id)
        post_link = card_link(graph, post_key, debate, folder)
        row = f"{status_badge(graph, post_key)} {post_link}"
        for claim in post.claims:
            claim_key = CardKey(debate, post.id, claim.id)
            claim_link = link(inline(claim.statement), card_href(claim_key, folder))
            row += f"\n  - {status_badge(graph, claim_key)} {claim_link}"  # nested item
        rows.append(row)
    parts.append(markup.bullet_list(rows) if rows else inline("No posts attributed."))
    parts += _rebuttal_lists(graph, key, debate, folder)
    return parts


def _rebuttal_lists(graph: Graph, key: str, debate: str, folder: str) -> list[str]:
    def pair(first: CardKey, arrow: str, second: CardKey) -> str:
        return (
            f"{card_link(graph, first, None, folder)} {inline(arrow)} "
            f"{card_link(graph, second, None, folder)}"
        )

    parts = []
    made = graph.rebuttals_made.get((debate, key), [])
    received = graph.rebuttals_received.get((debate, key), [])
    if made:
        rows = [pair(edge.source, "→", edge.target) for edge in made]
        parts.append(f"{inline('Rebuttals made:')}\n\n{markup.bullet_list(rows)}")
    if received:
        rows = [pair(edge.target, "←", edge.source) for edge in received]
        parts.append(f"{inline('Rebuttals received:')}\n\n{markup.bullet_list(rows)}")
    return parts
