"""``python -m lomaturity.cli``: the command line."""

from . import main

raise SystemExit(main())
