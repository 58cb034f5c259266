"""The case summary: one data structure, written as Markdown, PDF or dossier text.

``build`` reads one case and builds a :class:`~pestcli.report.model.CaseSummary`;
``markdown``, ``pdf`` and ``dossier`` write it; ``printing`` hands a PDF to
``lp``; ``output`` writes private files. fpdf2 is imported only when a PDF is
made, never at app start.
"""
