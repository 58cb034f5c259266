"""The report form's draft: everything filled in, not only the typed text (issue 13).

A half-filled report is kept as a draft (``screens.drafts``) a moment after
every change: the typed fields as they are, and what was chosen (who reported,
the date as typed, the pupils per role, the forms of bullying ticked, online,
when the parents are told, the reporting pupil) as small JSON values under
keys that start with ``_``. Those keys are machine values: the restore
question (``draft_preview``) leaves them out and quotes the readable fields,
among them ``leerlingen``, the pupils' names, which is only read for that
question. A choice left at its default is not stored, so an untouched form
has no draft.

The functions here only translate between a :class:`ReportDraft` (what the
form holds) and the draft's fields; the form puts them on screen.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from pestcli.screens.report_parts import ReportDraft
from pestcli.widgets.pupil_picker import PickedPupil

#: The one-line text fields kept as they are (beside the description).
TEXT_INPUTS = ("informing-reason", "class-name", "location", "mentor")
#: The date field's text when nothing was changed.
DEFAULT_DATE = "vandaag"


def _pupil(pupil: PickedPupil) -> list[object]:
    """A picked pupil as a JSON list: id (or None for a new pupil), first name, last name, class."""
    return [pupil.person_id, pupil.first_name, pupil.last_name, pupil.class_name]


def _picked(value: object) -> PickedPupil | None:
    """A JSON list back as a picked pupil (None when it is not one)."""
    if not isinstance(value, list) or len(value) != 4:
        return None
    person_id, first, last, class_name = value
    if not (person_id is None or isinstance(person_id, int)) or not isinstance(first, str) or not first.strip():
        return None
    return PickedPupil(person_id, first, str(last or ""), str(class_name or ""))


def draft_fields(draft: ReportDraft, date_text: str, pending: dict[str, str]) -> dict[str, str]:
    """The draft's fields for what the form holds (``date_text``: the date field as typed).

    ``pending`` holds, per role, a name typed in a pupil search and not yet
    picked: it is kept too (as ``zoek-<role>``).
    """
    fields = {
        "informing-reason": draft.informing_reason,
        "class-name": draft.class_name,
        "location": draft.location,
        "mentor": draft.mentor,
        "description": draft.description,
    }
    fields.update({f"zoek-{role}": text for role, text in pending.items() if text.strip()})
    if draft.reporter_name.strip():
        fields["melder"] = draft.reporter_name
    if draft.reporter_relation.strip():
        fields["relatie-melder"] = draft.reporter_relation
    people = {role: [_pupil(p) for p in pupils] for role, pupils in draft.people.items() if pupils}
    if people:
        fields["leerlingen"] = ", ".join(p.name for pupils in draft.people.values() for p in pupils)
        fields["_people"] = json.dumps(people, ensure_ascii=False)
    if draft.reporter_kind:
        fields["_reporter"] = draft.reporter_kind
    if date_text.strip() and date_text.strip() != DEFAULT_DATE:
        fields["_date"] = date_text
    if draft.forms:
        fields["_forms"] = json.dumps(draft.forms)
    if draft.online:
        fields["_online"] = "ja"
    if draft.parents_informed_after:
        fields["_informing"] = draft.parents_informed_after
    if draft.reporter_pupil is not None:
        fields["_reporter_pupil"] = json.dumps(_pupil(draft.reporter_pupil), ensure_ascii=False)
    return fields


@dataclass
class RestoredReport:
    """What a kept draft asks the form to show again (anything unreadable is left out)."""

    texts: dict[str, str] = field(default_factory=dict)
    description: str | None = None
    pending: dict[str, str] = field(default_factory=dict)
    reporter_name: str = ""
    reporter_relation: str = ""
    people: dict[str, list[PickedPupil]] = field(default_factory=dict)
    reporter_kind: str | None = None
    date_text: str | None = None
    forms: list[str] = field(default_factory=list)
    online: bool = False
    informing: str | None = None
    reporter_pupil: PickedPupil | None = None


def _json(text: str | None) -> object:
    """``text`` as JSON (None when missing or damaged)."""
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def restored(fields: dict[str, str]) -> RestoredReport:
    """Read a kept draft's fields back; a damaged value is skipped, never an error."""
    result = RestoredReport(texts={name: fields[name] for name in TEXT_INPUTS if name in fields},
                            description=fields.get("description"),
                            pending={key.removeprefix("zoek-"): value for key, value in fields.items()
                                     if key.startswith("zoek-")},
                            reporter_name=fields.get("melder", ""),
                            reporter_relation=fields.get("relatie-melder", ""),
                            reporter_kind=fields.get("_reporter") or None,
                            date_text=fields.get("_date") or None,
                            online=fields.get("_online") == "ja",
                            informing=fields.get("_informing") or None)
    people = _json(fields.get("_people"))
    if isinstance(people, dict):
        for role, pupils in people.items():
            picked = [p for p in map(_picked, pupils if isinstance(pupils, list) else []) if p is not None]
            if picked:
                result.people[str(role)] = picked
    forms = _json(fields.get("_forms"))
    if isinstance(forms, list):
        result.forms = [str(form) for form in forms]
    result.reporter_pupil = _picked(_json(fields.get("_reporter_pupil")))
    return result
