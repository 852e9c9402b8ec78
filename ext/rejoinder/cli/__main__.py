"""``python -m rejoinder.cli``: the same as the ``rejoinder`` command."""

from __future__ import annotations

import sys

from rejoinder.cli.main import main

sys.exit(main())
