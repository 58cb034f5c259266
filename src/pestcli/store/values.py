"""The app's own fixed values (not from the protocol), each with its Dutch label."""

from __future__ import annotations

#: Case status.
CASE_STATUSES = {"open": "Open", "closed": "Gesloten", "escalated": "Geëscaleerd"}

#: State of a checklist item in a conversation.
ITEM_STATES = {"open": "Open", "done": "Gedaan", "skipped": "Overgeslagen"}

#: Status of an agreement at a follow-up.
AGREEMENT_STATUSES = {"kept": "Nagekomen", "broken": "Gebroken"}

#: Outcome of a follow-up conversation.
FOLLOWUP_OUTCOMES = {
    "goed": "Het gaat goed",
    "zorgen": "Nog zorgen",
    "niet-goed": "Het gaat niet goed",
    # Stored by store.outcomes.record_followup_outcome with the rules engine's decision:
    "gebroken-kans": "Afspraken gebroken: nog één kans",
    "gebroken-escalatie": "Afspraken gebroken: geëscaleerd",
    "gebroken-sanctie": "Afspraken gebroken: volgende sanctiefase",
    "gebroken-einde": "Afspraken gebroken: geen verdere stap",
}

#: Outcome of a follow-up where the agreements were kept.
KEPT = "goed"
#: Prefix of every outcome where the agreements were broken.
BROKEN = "gebroken"
#: Outcome stored (``FOLLOWUP_OUTCOMES``) per decision kind of the rules engine.
BROKEN_OUTCOMES = {
    "kans": "gebroken-kans",
    "escalatie": "gebroken-escalatie",
    "sanctie": "gebroken-sanctie",
    "einde": "gebroken-einde",
}

#: Kinds of people.
PERSON_KINDS = {"leerling": "Leerling", "ouder": "Ouder/verzorger", "medewerker": "Medewerker"}

#: How a parent or carer is related to the pupil (``ParentLink.relation``): id -> Dutch word.
PARENT_RELATIONS = {
    "moeder": "moeder", "vader": "vader", "verzorger": "verzorger", "pleegouder": "pleegouder",
    "voogd": "voogd",
}

#: Why a parent contact is held (``ParentContact.purpose``).
CONTACT_PURPOSES = {"gesprek": "Contact met ouders", "informeren": "Ouders informeren (stap 2)"}

#: Steps of the stappenplan (section 7).
STEPS = (1, 2, 3, 4, 5, 6)

#: Sanction phases of section 9.
SANCTION_PHASES = (1, 2, 3, 4, 5)
