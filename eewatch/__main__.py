"""``python -m eewatch``: the same as the ``eewatch`` command."""

import sys

from eewatch.cli import main

sys.exit(main())
