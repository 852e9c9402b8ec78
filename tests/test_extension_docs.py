"""docs/extension.md and ``rejoinder.sphinx.reference_docs``: the reference tables are the code's
structures, the page's conf.py and suppress_warnings advice work in another Sphinx project,
and the contributor's guide is shown on the site from where GitHub shows it."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rejoinder import render
from rejoinder.problems import CODE_DESCRIPTIONS, Code
from rejoinder.sphinx.extension import CONFIG_VALUES
from rejoinder.sphinx.reference_docs import rewrite_links
from scratch import copy_site, sphinx_build
from support import BAD, GOOD, REPO

PAGE = (REPO / "docs" / "extension.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", PAGE, re.MULTILINE | re.DOTALL)


def _table(html: Path, css_class: str) -> list[list[str]]:
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    table = soup.find("table", class_=css_class)
    assert table is not None, css_class
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This project's documentation, built strictly once from a scratch copy."""
    root = copy_site(tmp_path_factory.mktemp("site"))
    done = sphinx_build(root, "-W", "-n", "-q", "-b", "html", "docs", "out")
    assert done.returncode == 0, done.stderr
    return root / "out"


# --- the reference tables -----------------------------------------------------------------------


def test_config_table_is_config_values(site: Path) -> None:
    rows = _table(site / "extension.html", "rejoinder-reference-config")
    assert [row[0] for row in rows] == [name for name, *_ in CONFIG_VALUES]
    assert [row[1] for row in rows] == [repr(default) for _, default, *_ in CONFIG_VALUES]
    assert [row[3] for row in rows] == [" ".join(text.split()) for *_, text in CONFIG_VALUES]
    rebuilds = {"env": "re-reads every page", "": "nothing"}
    assert [row[2] for row in rows] == [rebuilds[rebuild] for _, _, rebuild, _ in CONFIG_VALUES]


def test_warnings_table_is_every_problem_code(site: Path) -> None:
    rows = _table(site / "extension.html", "rejoinder-reference-warnings")
    assert rows == [[f"rejoinder.{code.value}", CODE_DESCRIPTIONS[code]] for code in Code]
    assert set(CODE_DESCRIPTIONS) == set(Code)


def test_every_warning_subtype_the_extension_logs_is_documented() -> None:
    """Subtypes logged outside the problem codes (e.g. not-generated) are named on the page."""
    logged = set()
    for module in (REPO / "ext" / "rejoinder").rglob("*.py"):
        logged |= set(re.findall(r'subtype="([a-z-]+)"', module.read_text(encoding="utf-8")))
    assert "not-generated" in logged
    for subtype in logged - {code.value for code in Code}:
        assert f"`rejoinder.{subtype}`" in PAGE, subtype


def test_an_unknown_table_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path, ["rejoinder.sphinx.reference_docs"])
    (project / "index.md").write_text("# T\n\n```{rejoinder-reference} nope\n```\n", "utf-8")
    done = sphinx_build(project, "-W", "-q", "-b", "html", ".", "_build")
    assert done.returncode != 0
    assert "rejoinder-reference: unknown table 'nope'; use one of config, warnings" in done.stderr


# --- the page's advice, in another project -----------------------------------------------------


def _project(tmp_path: Path, extensions: list[str], conf: str = "") -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "conf.py").write_text(
        f'project = "Other"\nextensions = ["myst_parser", *{extensions!r}]\n'
        'exclude_patterns = ["_build"]\n' + conf,
        encoding="utf-8",
    )
    return project


def _other_project(tmp_path: Path, transcripts: list[Path], extra_conf: str = "") -> Path:
    """A Sphinx project configured with the page's conf.py snippet, citing with its roles."""
    conf_snippet = _blocks("python")[0]
    assert 'extensions = ["myst_parser", "sphinx_design", "rejoinder"]' in conf_snippet
    project = tmp_path / "other" / "docs"
    project.mkdir(parents=True)
    sources = tmp_path / "other" / "sources"
    sources.mkdir()
    for transcript in transcripts:
        shutil.copy(transcript, sources)
    (project / "conf.py").write_text(
        'project = "Other"\nexclude_patterns = ["_build"]\n' + conf_snippet + extra_conf,
        encoding="utf-8",
    )
    (project / "docutils.conf").write_text(_blocks("ini")[0], encoding="utf-8")
    toctree = re.search(r"````md\n(```\{toctree\}.*?```)\n````", PAGE, re.DOTALL)
    assert toctree is not None
    (project / "index.md").write_text(
        "# Notes on the solar farm\n\n"
        "The opening is {rj:post}`energy-debate:ada-opening`; its claim "
        "{rj:claim}`energy-debate:ada-opening#payback` was answered in "
        "{rj:debate}`energy-rejoinder` by {rj:person}`carol`.\n\n" + toctree.group(1) + "\n",
        encoding="utf-8",
    )
    return project


def test_the_documented_conf_py_builds_another_project(tmp_path: Path) -> None:
    project = _other_project(tmp_path, sorted(GOOD.glob("*.yaml")))
    done = sphinx_build(project, "-W", "-n", "-q", "-b", "html", ".", "_build")
    assert done.returncode == 0, done.stderr
    soup = BeautifulSoup((project / "_build" / "index.html").read_text("utf-8"), "html.parser")
    assert [a["href"] for a in soup.select("a.rj-xref")] == [
        "debates/energy-debate.html#ada-opening",
        "debates/energy-debate.html#payback",
        "debates/energy-rejoinder.html",
        "debates/people/carol.html",
    ]
    assert (project / "_build" / "debates" / "claims.html").is_file()


def test_suppress_warnings_as_documented(tmp_path: Path) -> None:
    """A chronology warning fails a strict build; the page's suppress_warnings line lets it
    pass, and only that warning."""
    # Its participant 'ada' is not energy-debate's Ada Lovelace: a key names one person.
    chronology = tmp_path / "reply-before-parent.yaml"
    chronology.write_text(
        (BAD / "reply-before-parent.yaml").read_text(encoding="utf-8").replace("ada", "ann"),
        encoding="utf-8",
    )
    transcripts = [*sorted(GOOD.glob("*.yaml")), chronology]
    strict = ("-W", "-n", "-q", "-b", "html", ".", "_build")
    project = _other_project(tmp_path / "plain", transcripts)
    done = sphinx_build(project, *strict)
    assert done.returncode != 0
    assert "[rejoinder.chronology]" in done.stderr

    suppress = next(block for block in _blocks("python") if "suppress_warnings" in block)
    assert suppress.startswith('suppress_warnings = ["rejoinder.chronology"]')
    project = _other_project(tmp_path / "quiet", transcripts, "\n" + suppress)
    done = sphinx_build(project, *strict)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr


def test_dangling_roles_are_sphinx_ref_warnings(tmp_path: Path) -> None:
    project = _other_project(tmp_path / "a", sorted(GOOD.glob("*.yaml")))
    index = project / "index.md"
    index.write_text(
        index.read_text("utf-8") + "\nAnd {rj:post}`energy-debate:no-such-post`.\n", "utf-8"
    )
    done = sphinx_build(project, "-W", "-n", "-q", "-b", "html", ".", "_build")
    assert done.returncode != 0
    assert "rj:post reference target not found: energy-debate:no-such-post" in done.stderr
    assert "[ref.post]" in done.stderr
    assert "`ref.post`" in PAGE


# --- the guide, shown on the site --------------------------------------------------------------


def test_contributing_is_on_the_site_with_working_links(site: Path) -> None:
    soup = BeautifulSoup((site / "contributing.html").read_text("utf-8"), "html.parser")
    article = soup.find("article")
    assert article.find("h1").get_text(strip=True).rstrip("¶#") == "Contributing a debate"
    hrefs = [a["href"] for a in article.find_all("a") if not a["href"].startswith("#")]
    assert "format.html" in hrefs
    assert "extension.html" in hrefs
    for href in hrefs:
        if not href.startswith("http"):
            assert (site / href.split("#")[0]).is_file(), href
    # Both pages are in the site's navigation.
    index = (site / "index.html").read_text("utf-8")
    assert 'href="contributing.html"' in index
    assert 'href="extension.html"' in index


def test_a_changed_guide_is_reread(tmp_path: Path) -> None:
    root = copy_site(tmp_path)
    guide = root / "CONTRIBUTING.md"
    args = ("-W", "-n", "-q", "-b", "html", "docs", "out")
    assert sphinx_build(root, *args).returncode == 0
    guide.write_text(guide.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    done = sphinx_build(root, *args)
    assert done.returncode == 0, done.stderr
    assert "A sentence added later." in (root / "out" / "contributing.html").read_text("utf-8")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("[the format](docs/format.md)", "[the format](format.md)"),
        ("[roles](docs/extension.md#warnings)", "[roles](extension.md#warnings)"),
        ("[site](https://example.org/x.md)", "[site](https://example.org/x.md)"),
        ("[mail](mailto:a@example.org)", "[mail](mailto:a@example.org)"),
        ("[here](#setup)", "[here](#setup)"),
        ("[the Makefile](Makefile)", "the Makefile (`Makefile`)"),
        ("[up](../elsewhere.md)", "up (`../elsewhere.md`)"),
        ("![logo](docs/_static/logo.png)", "![logo](docs/_static/logo.png)"),
    ],
)
def test_rewrite_links(link: str, expected: str, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    text = textwrap.dedent(f"See {link} now.")
    assert rewrite_links(text, root, root / "docs", root / "docs") == f"See {expected} now."


def test_page_sizes_in_the_docs_are_the_renderer_s() -> None:
    prose = " ".join(PAGE.split())
    for phrase in (
        f"{render.DEBATES_PER_LIST_PAGE} debates per page of the debates index",
        f"the claims of {render.DEBATES_PER_CLAIMS_PAGE} debates per page",
        f"{render.PEOPLE_PER_LIST_PAGE} people per page",
        f"{render.DEBATES_PER_PERSON_PAGE} debates per page of a person's page",
    ):
        assert phrase in prose
