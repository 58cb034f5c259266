"""One module per ``pestcli`` subcommand: ``add_arguments(parser)`` and ``run(args)``.

Top-level imports in these modules stay light (standard library only); heavy
libraries are imported inside ``run``.
"""
