"""The invented people and cases of ``pestcli demo``. Every name is made up.

Days are counted back from the demo's "today" (``reported=30`` means 30 days
ago; in a school holiday from its last school day), and a day that falls on a
weekend, a public holiday or in a school holiday moves back to the school day
before it. ``done`` lists the steps already done and how many days ago.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Invented pupils: (first name, last name, class).
PUPILS = (
    ("Fenna", "Kuipers", "1A"), ("Jesse", "van Dongen", "1A"), ("Ilse", "Maessen", "1A"),
    ("Thijs", "Ramakers", "2B"), ("Yara", "Bosman", "2B"), ("Bram", "Wijnands", "2B"),
    ("Lieke", "Dassen", "3HA"), ("Sem", "Vromen", "3HA"), ("Zoë", "Habets", "3HA"),
    ("Luuk", "Pelzer", "2KB"), ("Eva", "Schrijnemakers", "2KB"), ("Ruben", "Coenen", "2KB"),
    ("Mila", "Stassen", "4VA"), ("Finn", "Lemmens", "4VA"), ("Julia", "Vaessen", "4VA"),
    ("Hamza", "Bouzian", "3HA"), ("Tess", "Hermans", "2B"), ("Noah", "Grootjans", "1A"),
)

#: The first names of invented parents; each takes the surname of their child.
PARENTS = ("Marieke", "Ronald", "Sandra", "Peter")

MENTOR = "mentor (demo)"


@dataclass(frozen=True)
class DemoCase:
    """One invented case and how far it has come."""

    reported: int
    class_name: str
    informing: str
    reporter: str
    forms: tuple[str, ...]
    location: str
    description: str
    roles: tuple[tuple[int, str], ...]
    done: tuple[tuple[int, int], ...] = ()
    online: bool = False
    agreements: tuple[tuple[int, str], ...] = ()
    followups_done: int = 0
    broken_at: tuple[int, ...] = ()
    followup_today: bool = False
    step_today: int | None = None
    parents: tuple[int, ...] = ()
    parent_contact_held: int | None = None
    parent_contact_planned: int | None = None
    open_conversation: str | None = None
    escalate: tuple[str, int, int] | None = None
    closed: int | None = None
    evidence: bool = False
    class_talk: int | None = None
    informing_reason: str = ""
    reporter_pupil: int | None = None
    reporter_name: str = ""
    reporter_relation: str = ""
    notes: dict[str, str] = field(default_factory=dict)


CASES = (
    DemoCase(
        reported=0, class_name="1A", informing="na-stap-3", informing_reason="Plagerijen die structureel beginnen te worden.",
        reporter_pupil=0, reporter="leerling",
        forms=("woorden.uitschelden", "buitensluiten.negeren"), location="Aula, in de pauze",
        description="Wordt in de pauze uitgescholden en door een groepje genegeerd.",
        roles=((0, "gepeste"), (1, "pester"), (17, "meeloper"), (2, "melder")),
    ),
    DemoCase(
        reported=6, class_name="2B", informing="na-stap-3", informing_reason="Herhaaldelijk pesten, geen geweld of bedreiging.",
        reporter_name="Anouk Bosman", reporter_relation="moeder van Yara", reporter="ouder",
        forms=("woorden.bijnaam", "achter-de-rug.roddelen"), location="Gang bij de kluisjes",
        description="Krijgt al weken een bijnaam na; er wordt over haar geroddeld.",
        roles=((4, "gepeste"), (3, "pester"), (5, "meeloper"), (16, "helper")),
        parents=(3,), open_conversation="bijlage-6",
    ),
    DemoCase(
        reported=12, class_name="3HA", informing="na-stap-1", informing_reason="Bedreiging online; de leerling durft niet meer naar school.",
        reporter_pupil=8, reporter="medeleerling", online=True,
        forms=("woorden.online-uitschelden", "achter-de-rug.roddelen", "woorden.bedreigen"),
        location="Snapchat-groep van de klas",
        description="Bedreigende berichten en een nepaccount in de klassenapp.",
        roles=((6, "gepeste"), (7, "pester"), (15, "meeloper"), (8, "stille-getuige")),
        done=((2, 7),), evidence=True, class_talk=6, parents=(6,), parent_contact_planned=4,
    ),
    DemoCase(
        reported=16, class_name="2KB", informing="na-stap-3", informing_reason="Herhaaldelijk pesten, geen geweld of bedreiging.",
        reporter_name="Karin Smeets", reporter="medewerker",
        forms=("spullen.afpakken", "lichamelijk.duwen"), location="Fietsenstalling",
        description="Spullen worden afgepakt; bij de fietsen wordt geduwd.",
        roles=((10, "gepeste"), (9, "pester"), (11, "helper")),
        done=((2, 12), (3, 7)), step_today=4, parents=(9,),
    ),
    DemoCase(
        reported=30, class_name="4VA", informing="na-stap-3", informing_reason="Herhaaldelijk pesten, geen geweld of bedreiging.",
        reporter_pupil=12, reporter="leerling",
        forms=("buitensluiten.wegsturen", "woorden.belachelijk-maken"), location="Kantine",
        description="Wordt weggestuurd bij de tafel en belachelijk gemaakt.",
        roles=((12, "gepeste"), (13, "pester"), (14, "meeloper")),
        done=((2, 25), (3, 18), (6, 15), (4, 9)),
        agreements=((13, "Finn laat Mila voortaan met rust in de kantine."),
                    (14, "Julia zegt er iets van als anderen Mila wegsturen.")),
        followups_done=1, parent_contact_held=15,
    ),
    DemoCase(
        reported=60, class_name="1A", informing="na-stap-3", informing_reason="Plagerijen die structureel beginnen te worden.",
        reporter_pupil=2, reporter="leerling",
        forms=("woorden.uitlachen",), location="Gymzaal",
        description="Wordt uitgelachen tijdens de gymles.",
        roles=((2, "gepeste"), (17, "pester")),
        done=((2, 55), (3, 50), (4, 40), (6, 38)),
        agreements=((17, "Noah lacht Ilse niet meer uit bij gym."),),
        followups_done=2, followup_today=True, parent_contact_held=38,
    ),
    DemoCase(
        reported=90, class_name="3HA", informing="na-stap-3", informing_reason="Herhaaldelijk pesten, geen geweld of bedreiging.",
        reporter_name="Jos Habets", reporter_relation="vader van Zoë", reporter="ouder",
        forms=("lichamelijk.schoppen-slaan", "woorden.bedreigen"), location="Schoolplein",
        description="Wordt geschopt en bedreigd op weg naar de bus.",
        roles=((8, "gepeste"), (15, "pester"), (7, "meeloper")),
        done=((2, 86), (3, 80), (6, 78), (4, 74)),
        agreements=((15, "Hamza blijft uit de buurt van Zoë op het schoolplein."),),
        followups_done=3, broken_at=(1, 2), parents=(8, 15), parent_contact_held=108,
        escalate=("apc", 1, 40),
    ),
    DemoCase(
        reported=380, class_name="2B", informing="na-stap-3", informing_reason="Herhaaldelijk pesten, geen geweld of bedreiging.",
        reporter_name="Karin Smeets", reporter="medewerker",
        forms=("buitensluiten.niet-luisteren", "achter-de-rug.niet-omgaan"), location="Klas",
        description="Wordt structureel buitengesloten bij groepswerk.",
        roles=((16, "gepeste"), (5, "pester")),
        done=((2, 376), (3, 372), (6, 370), (4, 365)),
        agreements=((5, "Bram kiest Tess niet meer als laatste bij groepswerk."),),
        followups_done=6, parent_contact_held=370,
    ),
    DemoCase(
        reported=800, class_name="4VA", informing="na-stap-3", informing_reason="Plagerijen die structureel beginnen te worden.",
        reporter_pupil=14, reporter="leerling",
        forms=("woorden.uitschelden",), location="Bus naar school",
        description="Werd in de bus uitgescholden.",
        roles=((14, "gepeste"), (13, "pester")),
        done=((2, 796), (3, 790), (6, 788), (4, 785)),
        agreements=((13, "Finn scheldt niet meer in de bus."),),
        followups_done=9, parent_contact_held=788, closed=30,
    ),
)

#: Example notes on checklist items, by item id.
ITEM_NOTES = {
    "b6.stappen.03": "Vertelt over opmerkingen bij de kluisjes en in de app.",
    "b2.feiten.01": "Sinds de herfstvakantie, bijna elke dag.",
    "b4.stappen.07": "Luisterde goed; gaf toe dat het 'een grapje' was.",
    "b7.fase5.wie-wat": "Afspraken op papier gezet en samen ondertekend.",
    "b5.stappen.05": "Ouders schrokken; willen meewerken.",
}
