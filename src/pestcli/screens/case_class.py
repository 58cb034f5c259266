"""The case screen's section "Afspraken met de klas": the class's agreements this school year.

The agreements come from the class conversation (bijlage 1) of the case's
class; every case of that class shows the same list, each with how it went
at the latest follow-up that revisited it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pestcli.protocol.dates import format_date
from pestcli.services.class_talks import ClassAgreementView
from pestcli.services.reads import AGREEMENT_STATUSES


def class_agreement_line(view: ClassAgreementView) -> str:
    """``• “niet uitschelden of uitlachen” — Nagekomen (ma 30 nov 2026)``."""
    check = view.last_check
    state = (f"{AGREEMENT_STATUSES.get(check.status, check.status)} ({format_date(check.checked_on)})"
             if check is not None else "nog niet nagevraagd")
    return f"• “{view.agreement.text}” — {state}"


def class_agreements_text(class_name: str, views: Sequence[ClassAgreementView]) -> str:
    """The section's text: the agreements, or what to do when there are none."""
    if not class_name.strip():
        return "Deze melding noemt geen klas. Klassengesprek: k (de klas kiezen)."
    if not views:
        return f"Klas {class_name.strip()} heeft dit schooljaar nog geen afspraken. Klassengesprek voeren: k."
    return "\n".join(class_agreement_line(view) for view in views)
