"""Argdown text read by the Argdown project's own parser (@argdown/node, through Node.js), as
the Argdown JSON its tools export (with the map, every statement in it): the tests' parser
for Argdown that is not Rejoinder's.

Found through NODE_PATH or the global npm folder (``npm install -g @argdown/node@1.7.5``);
:data:`ARGDOWN_MISSING` says why it cannot run, or is None.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("argdown_json.js")


def _node_path() -> str | None:
    folders = [folder for folder in os.environ.get("NODE_PATH", "").split(os.pathsep) if folder]
    npm = shutil.which("npm")
    if npm:
        found = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.strip():
            folders.append(found.stdout.strip())
    for folder in folders:
        if (Path(folder) / "@argdown" / "node" / "package.json").is_file():
            return folder
    return None


NODE = shutil.which("node")
NODE_PATH = _node_path() if NODE else None
ARGDOWN_MISSING = (
    None
    if NODE and NODE_PATH
    else "needs Node.js and @argdown/node (npm install -g @argdown/node@1.7.5, or NODE_PATH)"
)


def argdown_json(text: str) -> Any:
    """The Argdown JSON of ``text``, as @argdown/node exports it; fails on a parser error."""
    assert NODE and NODE_PATH, ARGDOWN_MISSING
    done = subprocess.run(
        [NODE, str(SCRIPT)],
        input=text,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NODE_PATH": NODE_PATH},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
