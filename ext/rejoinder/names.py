"""The names that tie the layers together, declared once.

The renderer writes CSS classes into the generated pages; the Sphinx layer (domain, SEO, the
transforms of the extension), the stylesheet and ``rejoinder.js`` find the pieces of a page by
them. Times are shown in one format and given to machines in another. Each such name lives
here, so that a rename is one edit and a test can hold every reader to the same list
(``tests/sphinx/test_names.py`` checks that every class the script uses is declared here).

No Sphinx or docutils here: this is the core.
"""

from __future__ import annotations

import datetime as dt

# -- classes the renderer writes and other layers read back ----------------------------------

CARD = "rejoinder-card"  # the container of a post's card; its id is the post id
POST = "rj-post"  # beside CARD on a post's card
CLAIM = "rj-claim"  # a claim inside a card; its id is the claim id
STATEMENT = "rj-statement"  # a claim's statement
TEXT = "rj-text"  # a post's text, exactly as written
NOTES = "rj-notes"
ANNOTATION = "rj-annotation"  # an editor's note
ANNOTATION_SPAN = "rj-annotation-span"
ANNOTATED = "rj-annotated"  # words of a post that a note is about
ANNOTATION_NUMBER = "rj-ann-"  # + the note's number, on the note and on its words
QUOTE = "rj-quote"
AUTHOR = "rj-author"
HANDLE = "rj-handle"
TIME = "rj-time"  # a UTC time; the extension writes it as <time datetime=...>
SUMMARY = "rj-summary"  # the debate's editorial summary
LINKS = "rj-links"  # the list of a card's edges
EDGE = "rj-edge"
EDGE_ROLE = "rj-edge-"  # + the role with dashes: rj-edge-replies-to, rj-edge-quotes, ...
BACK_ROLE = "rj-back-"  # + the role with dashes, for backlinks
EDGE_REPLIES_TO = EDGE_ROLE + "replies-to"
EDGE_QUOTES = EDGE_ROLE + "quotes"
VIEWS = "rj-views"  # the switch between the timeline and the conversation
MAP = "rj-map"
MAP_IMAGE = "rj-map-image"  # beside MAP_SVG_HOLDER on the inlined SVG map
MAP_SVG_HOLDER = "rj-map-svg-holder"
MAP_FOLD = "rj-map-fold"  # the folded block holding the map on a debate page
MAP_NODE = "rj-map-node"  # a node of the SVG map (a link to its card)
NOTE = "rj-note"  # a participant's or a source's editorial note, shown as written
PUBLISHER = "rj-publisher"
# Real threads: posts the platform no longer shows, media, link posts, restated claims.
POST_STATE = "rj-state-"  # + a post's status (deleted, removed, ...) on a card not shown
PLACEHOLDER = "rj-placeholder"  # what a card says in place of a post not shown
STATUS_NOTE = "rj-placeholder-note"  # what is known of a post not shown, as written
DISAPPEARED = "rj-disappeared"  # a re-import no longer found the post
POST_TITLE = "rj-post-title"  # the title of a link post or story
MEDIA = "rj-media"  # the list of a post's media
ALT = "rj-alt"  # a media item's alt text, exactly as given
EDITED = "rj-edited"
COVERAGE = "rj-coverage"  # how much of the thread the transcript holds
SOURCE_API = "rj-source-api"
EDGE_LINKS = EDGE_ROLE + "links"  # a post's links to the references section
RESTATES = "rj-restates"  # a claim that restates another: the link to the original
RESTATED = "rj-restated"  # the original: the claims that restate it
LEGEND = "rj-legend"  # what the badges of a debate page say
MORE = "rj-more"  # the folded rest of a long list (backlinks, participants)
CONCEDED = "rj-conceded"  # the badge naming who conceded a card
CHALLENGE = "rj-challenge"  # beside a rebuttal backlink: whether that rebuttal stands
LEDE = "rj-lede"  # the opening of a debate page: the summary's first sentence and the facts
STATE = "rj-state"  # the state of the debate: the cards in dispute
FOLD = "rj-fold"  # a folded block above the posts (badges, about, map): one row while closed
ABOUT = "rj-about"  # the folded full summary, facts and source notes
POST_SECTION = "rj-post-section"  # the section of a post's card (its id is the post id)
HEADER = "sd-card-header"  # a card's header where it has no section heading (embedded cards)

# -- classes the Sphinx layer writes -----------------------------------------------------------

XREF = "rj-xref"  # a link written by an ``rj`` role
REF = "rj-ref"  # the label of such a link

# -- classes and id prefixes rejoinder.js adds ---------------------------------------------------

SCRIPT_ACTIVE = "rj-js"  # on <html> once the script has run
LOCAL_TIME = "rj-local-time"
VIEW_TREE = "rj-view-tree"
VIEW_TIME = "rj-view-time"
THREAD_LABEL = "rj-thread-label"
SCREEN_READER_ONLY = "rj-sr-only"
ANNOTATION_ACTIVE = "rj-ann-active"
NOTE_ID = "rj-note-"  # id prefix of a note the script makes focusable
PREVIEW = "rj-preview"  # also the id base of the preview box
PREVIEW_HEADER = "rj-preview-header"
PREVIEW_TEXT = "rj-preview-text"
PREVIEW_CLAIM = "rj-preview-claim"
PREVIEW_CLIPPED = "rj-preview-clipped"
PREVIEW_ACTIONS = "rj-preview-actions"
PREVIEW_OPEN = "rj-preview-open"
PREVIEW_CLOSE = "rj-preview-close"
WAS_LINK = "rj-was-link"


def declared() -> frozenset[str]:
    """Every class name and prefix declared above."""
    return frozenset(
        value
        for name, value in globals().items()
        if name.isupper()
        and isinstance(value, str)
        and not name.startswith("TIME_")
        and not name.endswith(("_DIRECTIVE", "_SECTION_ID"))
    )


# -- times -------------------------------------------------------------------------------------

TIME_SHOWN = "%Y-%m-%d %H:%M UTC"  # on cards, in links, in the checker's messages
TIME_MACHINE = "%Y-%m-%dT%H:%MZ"  # the datetime attribute of <time>, and the time role's text
TIME_ROLE = "rejoinder-time"  # {rejoinder-time}`…`: pages generated before cards were data
# wrote times with it; kept so that such last good pages still build


def utc_text(moment: dt.datetime) -> str:
    """A moment as shown on cards: in UTC, to the minute."""
    return moment.astimezone(dt.UTC).strftime(TIME_SHOWN)


def utc_machine(moment: dt.datetime) -> str:
    """The same moment for machines (``<time datetime=…>``), to the same minute."""
    return moment.astimezone(dt.UTC).strftime(TIME_MACHINE)


# -- ids of a debate page's sections: capitalised, so no post id or reference key can be one ---

STATE_SECTION_ID = "State"
POSTS_SECTION_ID = "Posts"
REFERENCES_SECTION_ID = "References"

# -- directives of the generated pages -----------------------------------------------------------

CARD_DIRECTIVE = "rj-card"  # a post's card, as data (rejoinder.tree); also for hand-written pages
BLOCK_DIRECTIVE = "rj-block"  # any other block of a generated page, as data
MAP_DIRECTIVE = "rj-map"  # a debate's argument map, inlined as SVG
SECTION_DIRECTIVE = "rj-section"  # a section of a generated page, with an id of its own
