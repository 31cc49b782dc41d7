"""`python -m charley ...`, the same as the `charley` command."""

from charley.cli import main

raise SystemExit(main())
