"""``python -m desktop.cli``: the same as the ``carnet`` command."""

import sys

from desktop.cli.parser import main

sys.exit(main())
