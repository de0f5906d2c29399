"""Allow ``python -m treatymap``."""

from treatymap.cli import main

raise SystemExit(main())
