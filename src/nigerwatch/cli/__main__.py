"""``python -m nigerwatch.cli``: the command line without the installed ``nigerwatch`` script."""

from nigerwatch.cli import main

raise SystemExit(main())
