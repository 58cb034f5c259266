"""The protocol domain: content loading and the rules engine. Pure Python.

Nothing here imports Textual, SQLAlchemy or SQLModel (a test proves it), so
the rules can run anywhere: in the app, on the command line, in a benchmark.
"""

from pestcli.protocol.errors import ProtocolError
from pestcli.protocol.loader import load_protocol, resolve_protocol_dir

__all__ = ["ProtocolError", "load_protocol", "resolve_protocol_dir"]
