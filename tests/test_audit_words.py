"""The audit trail's stored summaries in Dutch words (store.audit_words), no codes."""

from __future__ import annotations

import pytest

from pestcli.store.audit_words import AuditWords, dutch_summary, shorten


@pytest.fixture(scope="module")
def words(protocol) -> AuditWords:
    """The labels of the shipped protocol."""
    return AuditWords(protocol)


def test_item_states_and_guide_items_by_their_text(words, protocol):
    item = protocol.guide("bijlage-1").checklist[0]
    assert dutch_summary(f"punt {item.id}: done", words) == f"gedaan: {shorten(item.text)} (bijlage 1)"
    assert dutch_summary(f"punt {item.id}: skipped", words).startswith("overgeslagen: ")
    # An item this protocol no longer has still names its bijlage, never the id.
    assert dutch_summary("punt b1.afspraken.99: done", words) == "gedaan: een punt van bijlage 1"


@pytest.mark.parametrize(("stored", "shown"), [
    ("afspraak 6: kept", "afspraak nr. 6: nagekomen"),
    ("afspraak 6: broken", "afspraak nr. 6: gebroken"),
    ("afspraak met de klas: broken", "afspraak met de klas: gebroken"),
    ("bewijs bewijs.schermafdruk met bestand", "bewijs: Schermafdruk, met bestand"),
    ("bewijs bewijs.chatlogs", "bewijs: Prints van chatlogs en mailberichten"),
    ("geëscaleerd naar apc, fase 2", "geëscaleerd naar Anti-pestcoördinator, fase 2"),
    ("geëscaleerd naar teamleider", "geëscaleerd naar Teamleider / directie"),
    ("vervolggesprek 3 gehouden (niet-goed)", "vervolggesprek 3 gehouden: het gaat niet goed"),
    ("vervolggesprek 4 gehouden (gebroken-escalatie)", "vervolggesprek 4 gehouden: afspraken gebroken: geëscaleerd"),
    ("status closed", "status: gesloten"),
    ("gewijzigd: description, location", "gewijzigd: omschrijving, plaats"),
    ("gewijzigd: forms", "gewijzigd: vormen van pesten"),
    ("oudercontact gehouden (telefoon)", "oudercontact gehouden (telefoon)"),
    ("oudercontact gehouden (school)", "oudercontact gehouden (gesprek op school)"),
    ("gesprek bijlage-7 gestart", "gesprek volgens bijlage 7 gestart"),
    ("leeg onderbroken gesprek bijlage-5 weggegooid", "leeg onderbroken gesprek volgens bijlage 5 weggegooid"),
    ("melding 2026-0001 aangemaakt", "melding 2026-0001 aangemaakt"),
])
def test_codes_become_words(words, stored, shown):
    assert dutch_summary(stored, words) == shown


def test_without_the_protocol_the_app_words_are_still_dutch():
    assert dutch_summary("afspraak 2: kept") == "afspraak nr. 2: nagekomen"
    assert dutch_summary("punt b5.stappen.10: skipped") == "overgeslagen: een punt van bijlage 5"


def test_shorten_cuts_at_a_word():
    text = "Afsluiten en de leerlingen bedanken voor hun medewerking aan het gesprek."
    short = shorten(text, 30)
    assert short.endswith("…") and len(short) <= 30 and text.startswith(short[:-1])
    assert shorten("Kort.") == "Kort"
