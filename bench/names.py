"""Invented Dutch-looking names and texts for the benchmark database.

First names are common Dutch first names; last names are made up from a
prefix and two syllables, so no real person is named. The texts are short
Dutch notes of the kind a mentor writes.
"""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Anouk", "Bram", "Daan", "Emma", "Femke", "Gijs", "Hanna", "Isa", "Jesse", "Julia", "Lars",
    "Lieke", "Luuk", "Maud", "Milan", "Noor", "Olivier", "Puck", "Rik", "Sanne", "Sem", "Tess",
    "Thijs", "Vera", "Wout", "Yara", "Zoë", "Fenna", "Jasper", "Roos", "Stijn", "Floor", "Niels",
    "Esmee", "Koen", "Lotte", "Ruben", "Sophie", "Tim", "Eva", "Mees", "Nina", "Hidde", "Lynn",
    "Bas", "Iris", "Joep", "Mila", "Teun", "Evi", "Hamza", "Amira", "Sara", "Yusuf", "Ilse",
    "Jente", "Quinten", "Merel", "Senna", "Dex",
)
PREFIXES = ("", "", "", "", "van ", "de ", "van der ", "van den ", "ter ", "op den ")
STARTS = ("Berk", "Hout", "Wil", "Jans", "Bos", "Kok", "Meul", "Vos", "Brink", "Dijk", "Graaf",
          "Hoek", "Lind", "Mol", "Ruit", "Smeel", "Steen", "Veld", "Wouter", "Zand", "Haver",
          "Kamp", "Ploeg", "Ras", "Tromp", "Geur", "Lam", "Roos")
ENDS = ("hof", "sen", "man", "ink", "stra", "ema", "ers", "kamp", "veld", "berg", "huis", "ing",
        "dijk", "mans", "meijer", "kes", "ens", "beek", "horst")

#: Classes from the first to the sixth year (vmbo-kader, havo, vwo in the upper years).
CLASSES = tuple(
    [f"{year}{letter}" for year in (1, 2) for letter in "ABCDEF"]
    + [f"{year}{stream}" for year in (3, 4) for stream in ("KA", "KB", "HA", "HB", "VA", "VB")]
    + [f"5{stream}" for stream in ("HA", "HB", "VA", "VB")] + ["6VA", "6VB"]
)


def invented_last_name(rng: random.Random) -> str:
    """A made-up Dutch-looking last name, e.g. ``van Berkhof`` or ``Meulstra``."""
    return rng.choice(PREFIXES) + rng.choice(STARTS) + rng.choice(ENDS)


#: The mentors who write the cases down.
MENTORS = tuple(f"{initial}. {name}" for initial, name in zip(
    "JMSAEKLRPTHW", ("Berkhof", "Vossen", "Hoekstra", "Lindeman", "Kampers", "Steenbeek",
                     "Molenaar", "Brinkman", "Zandvliet", "Graafsma", "Dijkhuis", "Woutersen")))

LOCATIONS = ("Aula, in de pauze", "Fietsenstalling", "Gymzaal, kleedkamer", "Klassenapp",
             "Gang bij de kluisjes", "Kantine", "Schoolplein", "Bus naar huis", "Instagram",
             "Snapchat", "Tijdens de les", "Op weg naar school")
DESCRIPTIONS = (
    "Wordt in de pauze uitgescholden en door een groepje genegeerd.",
    "Krijgt 's avonds nare berichten in de groepsapp van de klas.",
    "Spullen worden afgepakt en verstopt; fiets is twee keer lek gestoken.",
    "Wordt buitengesloten bij groepswerk en uitgelachen bij de gymles.",
    "Er gaat een bewerkte foto rond op sociale media.",
    "Wordt bij de kluisjes geduwd en klem gezet.",
)
ITEM_NOTES = (
    "Vertelt dat het vooral in de pauze gebeurt.", "Wil niet dat de klas het weet.",
    "Gaf zelf voorbeelden uit de klassenapp.", "Reageerde rustig; begreep de bedoeling.",
    "Twijfelt of het zal stoppen.", "Afgesproken om na de les even te praten.",
    "Noemt twee klasgenoten die helpen.", "Ouders zijn op de hoogte.",
    "Zegt dat het 'maar een grapje' was.", "Kwam zelf met een idee om te helpen.",
)
TALK_NOTES = (
    "Rustig gesprek; afspraken en vervolg besproken.", "Gesprek liep goed, leerling was open.",
    "Leerling was eerst stil, later meer ontspannen.", "Kort gesprek; vervolg over een week.",
    "Afspraken samen op papier gezet.",
)
AGREEMENTS = (
    "Laat de gepeste voortaan met rust in de pauze.", "Stuurt geen berichten meer over de ander in de klassenapp.",
    "Zegt het tegen de mentor als het weer gebeurt.", "Gaat in de les niet meer naast de ander zitten.",
    "Helpt mee om iedereen bij het groepswerk te betrekken.", "Verwijdert de foto en vraagt anderen dat ook te doen.",
)
SUMMARIES = (
    "Ouders op school gesproken; zij steunen de aanpak.", "Ouders telefonisch op de hoogte gebracht.",
    "Ouders gemaild met een samenvatting van de afspraken.", "Ouders waren geschrokken en willen meewerken.",
)
PLATFORMS = ("WhatsApp", "Snapchat", "Instagram", "TikTok", "Discord")
