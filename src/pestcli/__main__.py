"""``python -m pestcli`` runs the command line."""

import sys

from pestcli.cli import main

sys.exit(main())
