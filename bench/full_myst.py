"""Generated pages written out in full as MyST: the benchmark's floor.

The extension carries each card and block of a page as data (``rj-card``, ``rj-block``,
``rj-map`` directives whose body is one line of JSON, see ``rejoinder.tree``). The baseline
of ``build_speed.py`` is what plain Sphinx (myst-parser, sphinx-design, furo) costs for the
same pages spelled out as markup, as the renderer wrote them before commit 91c47e8. This
module rewrites a generated page that way: every data directive becomes the MyST it stands
for, everything else (front matter, title, headings) is kept as it is.

The escaping is copied from the old ``rejoinder/markup.py`` (not imported: that module no
longer writes cards and is being slimmed down), so contributor text renders exactly.

    python bench/full_myst.py PAGES_IN PAGES_OUT   # convert a folder of generated pages
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path
from typing import Any

from rejoinder.markup import escaped, protect_edges

# A tree read from JSON: a str, or [tag, {attributes}, [children]].
Tree = Any

_BREAK = "\x00"  # a line break inside inline markup, until lines are joined
_FENCED = re.compile(r"^```\{(rj-card|rj-block|rj-map)\}(?: ([^\n]*))?\n(.*?)^```$", re.M | re.S)
MAP_ALT = "Argument map of this debate; each post and claim links to its card."
MAP_CLASS = "rj-map"
MAP_IMAGE_CLASS = "rj-map-image"
TIME_ROLE = "rejoinder-time"
CARD_FRAME = "sd-card"
# Elements written as a block of their own (a colon fence or a directive).
_FENCE_TAGS = frozenset({"div", "details"})


# -- escaping (rejoinder.markup's, as the renderer wrote every text before issue 12) -----------


def inline_text(text: str) -> str:
    """Contributor text as MyST inline markup that renders as exactly ``text``: every ASCII
    punctuation character escaped; line breaks become hard breaks (joined in ``_lines``)."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return escaped(normalized).replace("\n", _BREAK)


def _lines(markup: str) -> str:
    """Inline markup with its line breaks as MyST hard breaks (a backslash before the line
    end), each line's edges protected; an empty line is written as the hard break alone."""
    return "\\\n".join(protect_edges(line) for line in markup.split(_BREAK))


def _link(label_markup: str, href: str) -> str:
    """A link: http(s) ones as URLs (lower-case scheme, as MyST recognises only those);
    relative ones marked ``.external`` so MyST passes them through as plain hrefs."""
    destination = href.replace("\\", "\\\\").replace("<", "\\<").replace(">", "\\>")
    scheme, separator, rest = destination.partition("://")
    if separator and scheme.lower() in ("http", "https"):
        return f"[{label_markup}](<{scheme.lower()}://{rest}>)"
    return f"[{label_markup}](<{destination}>){{.external}}"


def _attributes(attributes: dict[str, str]) -> str:
    """``{#id .class ...}`` for a colon-fence div ("" when it has neither)."""
    parts = [f"#{attributes['id']}"] if "id" in attributes else []
    parts += [f".{name}" for name in attributes.get("class", "").split()]
    return f"{{{' '.join(parts)}}}" if parts else ""


# -- trees to MyST ---------------------------------------------------------------------------


def _classes(tree: Tree) -> list[str]:
    return [] if isinstance(tree, str) else tree[1].get("class", "").split()


def _inline(tree: Tree) -> str:
    """Inline markup of a text or an inline element (span, a, strong, time, br)."""
    if isinstance(tree, str):
        return inline_text(tree)
    tag, attributes, children = tree
    if tag == "br":
        return _BREAK
    if tag == "time":
        return f"{{{TIME_ROLE}}}`{attributes['datetime']}`"
    inner = "".join(_inline(child) for child in children)
    if tag == "a":
        return _link(inner, attributes["href"])
    if tag == "strong":
        return f"**{inner}**"
    if tag == "span":
        classes = _classes(tree)
        return f"[{inner}]{{{' '.join('.' + name for name in classes)}}}" if classes else inner
    raise ValueError(f"not an inline element: {tag!r}")


def _fence_height(tree: Tree) -> int:
    """How many fences nest in a tree (its own included): the depth of colons it needs."""
    if isinstance(tree, str) or tree[0] not in _FENCE_TAGS | {"ul", "li"}:
        return 0
    inner = max((_fence_height(child) for child in tree[2]), default=0)
    return inner + 1 if tree[0] in _FENCE_TAGS else inner


def _depth(tree: Tree) -> int:
    """Colons for a fence around ``tree``'s children: more than any fence inside it."""
    inner = max((_fence_height(child) for child in tree[2]), default=0)
    return max(3, 3 + inner)


def _blocks(children: list[Tree]) -> str:
    """Block children as MyST, a blank line between blocks; loose inline children (text,
    spans) make a paragraph of their own."""
    parts: list[str] = []
    run: list[Tree] = []
    for child in children:
        if isinstance(child, str) or child[0] not in _FENCE_TAGS | {"p", "ul"}:
            run.append(child)
            continue
        if run:
            parts.append(_lines("".join(_inline(item) for item in run)))
            run = []
        parts.append(block(child))
    if run:
        parts.append(_lines("".join(_inline(item) for item in run)))
    return "\n\n".join(parts)


def _list_item(item: Tree) -> str:
    """``- first block``, later blocks indented under it (a nested list without a blank
    line, so the list stays tight as the old renderer wrote it)."""
    children = item[2] if not isinstance(item, str) and item[0] == "li" else [item]
    text = ""
    for number, child in enumerate(children):
        shown = _blocks([child])
        if number:
            tight = not isinstance(child, str) and child[0] == "ul"
            text += "\n" if tight else "\n\n"
        text += shown
    lines = text.split("\n")
    return "\n".join(["- " + lines[0], *("  " + line if line else line for line in lines[1:])])


def _directive(name: str, body: str, depth: int, argument: str = "", **options: str) -> str:
    fence = ":" * depth
    option_lines = "".join(f":{key}: {value}\n" for key, value in options.items())
    head = f"{fence}{{{name}}} {argument}".rstrip()
    return f"{head}\n{option_lines}\n{body}\n{fence}"


def _card(frame: Tree, depth: int) -> str:
    """The sd-card frame as sphinx-design's ``card``: header and footer as their directives,
    the body's children straight in the card."""
    parts = []
    for part in frame[2]:
        classes = _classes(part)
        inner = _depth(part)
        if "sd-card-header" in classes:
            parts.append(_directive("card-header", _blocks(part[2]), inner))
        elif "sd-card-footer" in classes:
            parts.append(_directive("card-footer", _blocks(part[2]), inner))
        elif "sd-card-body" in classes:
            parts.append(_blocks(part[2]))
        else:
            parts.append(block(part))
    own = [name for name in _classes(frame) if name.startswith("rj-")]
    return _directive(
        "card", "\n\n".join(parts), depth, **{"class-card": " ".join(own), "shadow": "sm"}
    )


def block(tree: Tree) -> str:
    """One block element (div, details, p, ul) as MyST."""
    if isinstance(tree, str):
        return _lines(inline_text(tree))
    tag, attributes, children = tree
    if tag == "p":
        return _lines("".join(_inline(child) for child in children))
    if tag == "ul":
        return "\n".join(_list_item(item) for item in children)
    depth = _depth(tree)
    if tag == "details":
        options = {"class-container": attributes["class"]} if "class" in attributes else {}
        summary = protect_edges(inline_text(attributes.get("summary", "")))
        return _directive("dropdown", _blocks(children), depth, summary, **options)
    if tag == "div":
        if CARD_FRAME in _classes(tree):
            return _card(tree, depth)
        head = _attributes(attributes)
        fence = ":" * depth
        return (
            f"{head}\n{fence}\n{_blocks(children)}\n{fence}"
            if head
            else (f"{fence}\n{_blocks(children)}\n{fence}")
        )
    raise ValueError(f"not a block element: {tag!r}")


def map_block(path: str) -> str:
    """The map: a div of class rj-map holding the image (the old renderer's ``_map``)."""
    image = _directive("image", "", 3, path, **{"class": MAP_IMAGE_CLASS, "alt": MAP_ALT})
    return f"{{.{MAP_CLASS}}}\n::::\n{image}\n::::"


def convert_page(text: str) -> str:
    """A generated page with every rj-card, rj-block and rj-map directive spelled out as the
    MyST it stands for; the rest of the page unchanged."""

    def replace(found: re.Match[str]) -> str:
        name, argument, body = found.group(1), found.group(2) or "", found.group(3).strip()
        if name == "rj-map":
            return map_block(argument.strip())
        if name == "rj-card":
            return block(json.loads(body)["tree"])
        return "\n\n".join(block(tree) for tree in json.loads(body))

    return _FENCED.sub(replace, text)


def convert_folder(source: Path, target: Path) -> int:
    """Copy a folder of generated pages, every ``.md`` converted; returns pages converted."""
    shutil.copytree(source, target, dirs_exist_ok=True)
    count = 0
    for page in target.rglob("*.md"):
        page.write_text(convert_page(page.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", type=Path, help="folder of generated pages")
    parser.add_argument("target", type=Path, help="folder to write the full-MyST pages in")
    args = parser.parse_args()
    print(f"{convert_folder(args.source, args.target)} pages converted into {args.target}")


if __name__ == "__main__":
    main()
