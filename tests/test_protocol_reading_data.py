"""The reading material and the forms of bullying, as TOML, against the document.

Checks every file in data/protocol/reading/ and data/protocol/forms.toml:
they parse, have the documented shape, their ids match the id pattern and are
unique (also against the ids in the other protocol files), and nothing of the
document is left out. The expected counts below were counted in the protocol
document itself (SVO|PL anti-pestprotocol, versie 2.3), not in the TOML.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

PROTOCOL = Path(__file__).resolve().parents[1] / "data" / "protocol"
READING = PROTOCOL / "reading"
FORMS = PROTOCOL / "forms.toml"
ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")

# file -> (section id, the document's heading)
READING_FILES = {
    "01-inleiding.toml": ("inleiding", "1. Inleiding"),
    "02-preventie.toml": ("preventie", "2. Preventie"),
    "03-signalen.toml": ("signalen", "3. Signalen van pesten"),
    "04-digitaal.toml": ("digitaal-pesten", "4. Digitaal pesten"),
    "05-leerlingen.toml": ("leerlingen", "5. De leerlingen"),
    "06-anti-pestprotocol.toml": ("anti-pestprotocol", "6. Het anti-pestprotocol"),
    "07-rollen.toml": ("rollen", "7. Het stappenplan na een melding van pesten"),
    "08-doorstroomprofiel.toml": ("doorstroomprofiel", "8. Doorstroomprofiel: wie doet wat en wanneer?"),
    "09-consequenties.toml": (
        "consequenties",
        "9. Consequenties van het negeren van geboden hulp en afspraken",
    ),
    "10-bronnen.toml": ("bronnen", "10. Bronnen, tips en adviezen"),
}
MINE = [FORMS] + [READING / name for name in READING_FILES]

SECTION_KEYS = {"id", "title", "text", "items", "sections"}
ITEM_KEYS = {"id", "text", "guidance"}


def load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def section(name: str) -> dict:
    return load(READING / name)["section"]


def sub(sec: dict, sec_id: str) -> dict:
    """The nested section with this id, at any depth."""
    for s in sec.get("sections", []):
        if s["id"] == sec_id:
            return s
        try:
            return sub(s, sec_id)
        except KeyError:
            pass
    raise KeyError(sec_id)


def items(sec: dict) -> list[dict]:
    return sec.get("items", [])


def all_ids(obj) -> list[str]:
    """Every value of an `id` key, anywhere in a parsed TOML document."""
    found: list[str] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key == "id" and isinstance(value, str):
                found.append(value)
            else:
                found.extend(all_ids(value))
    elif isinstance(obj, list):
        for value in obj:
            found.extend(all_ids(value))
    return found


# --- shape, ids --------------------------------------------------------------


def test_exactly_these_reading_files_parse():
    for path in MINE:
        assert path.is_file(), path
        load(path)


def check_item(item: dict, where: str) -> None:
    assert set(item) <= ITEM_KEYS, (where, item)
    assert isinstance(item["text"], str) and item["text"].strip(), where
    for g in item.get("guidance", []):
        assert isinstance(g, str) and g.strip(), where


def check_section(sec: dict, where: str) -> None:
    assert set(sec) <= SECTION_KEYS, (where, sorted(sec))
    assert sec["title"].strip(), where
    assert all(isinstance(t, str) and t.strip() for t in sec.get("text", [])), where
    assert sec.get("text") or sec.get("items") or sec.get("sections"), f"{where}: leeg"
    for item in sec.get("items", []):
        check_item(item, f"{where}/{item['id']}")
    for s in sec.get("sections", []):
        check_section(s, f"{where}/{s['id']}")


@pytest.mark.parametrize("name", sorted(READING_FILES))
def test_reading_file_shape_and_heading(name):
    data = load(READING / name)
    assert list(data) == ["section"]
    sec = data["section"]
    sec_id, heading = READING_FILES[name]
    assert sec["id"] == sec_id
    assert sec["title"] == heading
    check_section(sec, name)
    # every id in the file starts with the file's own section id
    for i in all_ids(data):
        assert i == sec_id or i.startswith(sec_id + "."), (name, i)


def test_forms_shape():
    data = load(FORMS)
    assert list(data) == ["group"]
    for group in data["group"]:
        assert set(group) == {"id", "title", "items"}
        for item in group["items"]:
            check_item(item, group["id"])
            assert item["id"].startswith(group["id"] + "."), item["id"]


def test_ids_match_pattern_and_are_unique():
    seen: dict[str, Path] = {}
    for path in MINE:
        for i in all_ids(load(path)):
            assert ID.match(i), f"{path.name}: ongeldig id {i!r}"
            assert i not in seen, f"id {i!r} in {path.name} en {seen[i].name}"
            seen[i] = path
    # and none collides with an id in the other protocol files
    for other in sorted(PROTOCOL.rglob("*.toml")):
        if other in MINE:
            continue
        for i in all_ids(load(other)):
            assert i not in seen, f"id {i!r} in {other.name} en {seen[i].name}"


# --- completeness: counts from the document -------------------------------------


def test_forms_counts():
    groups = load(FORMS)["group"]
    # section 4 "Hoe wordt er gepest": six groups, 48 bullets in all
    assert [(g["id"], g["title"], len(g["items"])) for g in groups] == [
        ("lichamelijk", "Lichamelijk pesten", 13),
        ("spullen", "Pesten met spullen", 5),
        ("woorden", "Pesten met woorden", 7),
        ("achter-de-rug", "Pesten als de gepeste leerling er niet bij is", 3),
        ("buitensluiten", "Pesten door buitensluiten of negeren", 10),
        ("digitaal", "Digitaal pesten", 10),
    ]


def test_inleiding():
    sec = section("01-inleiding.toml")
    assert len(sec["text"]) == 5
    assert len(items(sub(sec, "inleiding.doel"))) == 3  # the three goals
    assert any("Anti-pestcoördinator (APC)" in t for t in sub(sec, "inleiding.apc")["text"])


def test_preventie():
    sec = section("02-preventie.toml")
    assert len(items(sec)) == 13  # the bullets under "2. Preventie"
    regels = sub(sec, "preventie.schoolregels")["sections"]
    assert [r["title"] for r in regels] == ["Regel 1", "Regel 2", "Regel 3"]
    assert len(items(sub(sec, "preventie.alle-groepen"))) == 15
    assert len(items(sub(sec, "preventie.digitaal"))) == 6
    assert sub(sec, "preventie.ouders-gepeste")["text"][0].startswith("De ouders van leerlingen die gepest worden")


def test_signalen():
    sec = section("03-signalen.toml")
    assert len(sec["text"]) == 5
    # "Signalen van pesten:" lists 24 bullets in the document
    assert len(items(sec)) == 24
    definities = sub(sec, "signalen.definities")["sections"]
    assert [d["id"] for d in definities] == [
        "signalen.definities.olweus",
        "signalen.definities.salmivalli",
        "signalen.definities.van-der-meer",
    ]
    olweus = sub(sec, "signalen.definities.olweus")["text"]
    assert "(Olweus, 1993)" in olweus[0] and olweus[1].startswith("In 2010")
    criteria = items(sub(sec, "signalen.definities.salmivalli"))
    assert len(criteria) == 3
    for item, word in zip(criteria, ["(intentie)", "(herhaling over tijd)", "(machtsverschil)"]):
        assert item["text"].endswith(word + ".")


def test_digitaal_pesten():
    sec = section("04-digitaal.toml")
    assert sec["text"]
    assert [s["title"] for s in sec["sections"]] == [
        "Vormen van digitaal pesten",
        "Effecten",
        "Verantwoordelijkheden van de school",
        "Hoe kun je digitaal pesten voorkomen?",
        "Hoe kun je digitaal pesten aanpakken?",
        "Blokkeren van afzenders",
        "Digitaal pesten is strafbaar",
        "Informatieve websites over digitaal pesten",
    ]
    assert len(items(sub(sec, "digitaal-pesten.vormen"))) == 8
    assert len(items(sub(sec, "digitaal-pesten.voorkomen"))) == 6
    voorbeelden = sub(sec, "digitaal-pesten.aanpakken")["sections"]
    assert [(v["title"].split(":")[0], len(items(v))) for v in voorbeelden] == [
        ("Voorbeeld 1", 7),
        ("Voorbeeld 2", 5),
        ("Voorbeeld 3", 8),
    ]
    assert len(items(sub(sec, "digitaal-pesten.websites"))) == 5


def test_leerlingen():
    sec = section("05-leerlingen.toml")
    assert [s["title"] for s in sec["sections"]] == [
        "De gepeste leerling",
        "De pester",
        "De meeloper",
        "Het aanpakken van pesten",
    ]
    assert len(items(sub(sec, "leerlingen.gepeste"))) == 4  # reasons not to tell at home


def test_anti_pestprotocol():
    sec = section("06-anti-pestprotocol.toml")
    assert len(items(sub(sec, "anti-pestprotocol.voorwaarden"))) == 5
    sporen = sub(sec, "anti-pestprotocol.vijfsporen")["sections"]
    assert len(sporen) == 5
    assert [s["title"][:2] for s in sporen] == ["1.", "2.", "3.", "4.", "5."]
    # spoor 1 is a paragraph; the others are bullet lists
    assert [len(items(s)) for s in sporen] == [0, 5, 4, 2, 4]
    assert sporen[0]["text"]


def test_rollen():
    sec = section("07-rollen.toml")
    assert len(sec["text"]) == 2
    assert [(s["title"], len(items(s))) for s in sec["sections"]] == [
        ("De rol van de mentor", 4),
        ("De rol van Anti-pestcoördinator in overleg met Afdelingsleider", 9),
        ("De rol van het Ondersteuningsteam", 6),
    ]


def test_doorstroomprofiel():
    sec = section("08-doorstroomprofiel.toml")
    stages = items(sec)
    assert len(stages) == 5
    assert stages[0]["text"].startswith("Wanneer leerlingen iemand pesten")
    assert stages[1]["text"].startswith("De mentor pakt het op")
    assert "Anti-pestcoördinator" in stages[2]["text"]
    assert "interventies" in stages[3]["text"]
    assert "schorsing" in stages[4]["text"] and "teamleider" in stages[4]["text"]
    assert len(sec["text"]) == 2  # APC obligation; e-mail address / letterbox


def test_consequenties():
    sec = section("09-consequenties.toml")
    assert len(items(sub(sec, "consequenties.pestgedrag"))) == 5
    fases = [s for s in sec["sections"] if s["id"].startswith("consequenties.fase-")]
    assert [f["title"] for f in fases] == [f"Fase {n}" for n in range(1, 6)]
    assert len(items(fases[0])) == 2  # the two "Bijvoorbeeld:" examples
    assert len(items(sub(sec, "consequenties.ouders"))) == 3


def test_bronnen():
    sec = section("10-bronnen.toml")
    counts = {s["title"]: len(items(s)) for s in sec["sections"]}
    assert counts == {
        "Achtergrond informatie over digitaal pesten": 1,
        "Informatie over pesten": 1,
        "tv programma’s over pesten": 1,
        "Informatie over de Rots en Watertraining": 1,
        "Opdrachten over pesten": 1,
        "Meld ongewenste seksuele of illegale activiteiten op internet": 1,
        "Meldpunt cybercrime": 1,
        "Sociogram met de klas maken": 1,
        "De site van de kinderconsument": 1,
        "Maak gratis een sociogram van een klas": 1,
        "Algemene zoekpagina’s": 6,
        "Cyberpesten / veilig internetgebruik / veilige school": 15,
        "Overige": 1,
        "Boeken": 3,
        "Films": 6,
    }
    for s in sec["sections"]:
        for item in items(s):
            if s["title"] == "Films":
                continue
            assert len(item.get("guidance", [])) == 1, item["id"]
            if s["title"] == "Boeken":
                assert item["guidance"][0].startswith("ISBN "), item["id"]
            else:
                assert item["guidance"][0].startswith(("http://", "https://")), item["id"]
