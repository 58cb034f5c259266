"""pestcli: the school's anti-bullying protocol as a guided workflow for the mentor.

Importing this package is cheap: it defines the version and nothing else.
"""

__version__ = "0.1.0"
