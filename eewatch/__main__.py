"""``python -m eewatch``: the same as the ``eewatch`` command."""

import sys

from eewatch.app.cli import main

sys.exit(main())
