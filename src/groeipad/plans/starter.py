"""The three plan templates Groeipad starts with: a starter needs other support than a senior.

Written in Dutch, the organisation's working language; HR adapts them in the admin.
"""

from __future__ import annotations

TEMPLATES = [
    {
        "name": "Starter",
        "career_stage": "starter",
        "introduction": (
            "Je eerste jaar draait om landen, leren hoe het hier werkt en ontdekken waar je "
            "energie van krijgt. Kies een paar doelen die je meteen in je werk kunt oefenen."
        ),
        "strengths_prompt": "Waar ben je goed in, ook buiten je werk? Wat ging in je eerste "
        "weken vanzelf?",
        "ambitions_prompt": "Wat wil je over een jaar kunnen dat je nu nog niet kunt?",
        "development_points_prompt": "Waar voel je je nog onzeker over? Welke situaties "
        "vermijd je liever?",
        "support": (
            "Een vaste buddy of mentor, korte check-ins om de vier weken, meelopen op een "
            "andere afdeling en de interne introductietraining."
        ),
        "goals": [
            (
                "Zelfstandig de dagelijkse taken van mijn functie uitvoeren",
                "Zodat ik mijn team ontlast en vertrouwen krijg in mijn eigen werk.",
                "Na drie maanden voer ik de vijf vaste taken van de werkinstructie zonder hulp "
                "uit; mijn buddy bevestigt dat in de check-in.",
                "on_the_job",
            ),
            (
                "Een mentor kiezen en maandelijks met hem of haar spreken",
                "Organisatiekennis en ongeschreven regels leer je van collega's.",
                "Ik heb minstens zes gesprekken gevoerd en per gesprek één les genoteerd.",
                "mentoring",
            ),
            (
                "Een week meelopen bij een afdeling waar mijn werk op aansluit",
                "Ik begrijp dan waarom mijn werk ertoe doet voor anderen.",
                "Ik heb een week meegelopen en deel drie verbeterideeën met mijn team.",
                "job_rotation",
            ),
            (
                "Vaker om feedback vragen op wat ik oplever",
                "Snel bijsturen werkt beter dan één keer per jaar een beoordeling.",
                "Ik vraag elke twee weken om feedback op één concreet resultaat en houd bij "
                "wat ik ermee doe.",
                "feedback",
            ),
        ],
    },
    {
        "name": "Ervaren medewerker",
        "career_stage": "experienced",
        "introduction": (
            "Je kent je vak. Dit plan gaat over verdiepen of verbreden: bouw voort op waar je "
            "sterk in bent en kies één ontwikkelpunt dat je echt verder helpt."
        ),
        "strengths_prompt": "Waarvoor komen collega's naar jou toe? Welk talent van jou "
        "benutten we nog niet?",
        "ambitions_prompt": "Wil je je verdiepen in je vak, verbreden naar een ander gebied of "
        "doorgroeien? Waar zie je jezelf over twee jaar?",
        "development_points_prompt": "Welke vaardigheid staat je nu in de weg bij wat je wilt "
        "bereiken?",
        "support": (
            "Een uitdagende opdracht in het eigen werk, coaching op een specifiek doel, een "
            "externe opleiding als die intern niet bestaat, check-ins om de zes weken."
        ),
        "goals": [
            (
                "Een verbeterproject in mijn eigen team trekken van begin tot eind",
                "Ik leer het meest door het te doen, met mijn sterke punten als basis.",
                "Het project is vóór de deadline opgeleverd en de doorlooptijd van het proces "
                "is met minstens 10% verkort.",
                "on_the_job",
            ),
            (
                "Mijn kennis delen in een interne kennissessie",
                "Wat ik weet wordt zo van het team, en ik oefen met presenteren.",
                "Ik heb twee sessies gegeven voor minstens acht collega's en hun feedback "
                "gevraagd.",
                "internal_training",
            ),
            (
                "Coaching volgen op één ontwikkelpunt dat ik zelf kies",
                "Gerichte, tijdelijke begeleiding helpt bij een specifiek doel.",
                "Na zes sessies pas ik de nieuwe aanpak toe in mijn werk; mijn leidinggevende "
                "ziet het terug in twee concrete situaties.",
                "coaching",
            ),
        ],
    },
    {
        "name": "Senior of leidinggevende",
        "career_stage": "senior",
        "introduction": (
            "Als senior of leidinggevende groei je vooral door anderen te laten groeien en "
            "door richting te geven aan wat de organisatie straks nodig heeft."
        ),
        "strengths_prompt": "Welke van je sterke punten maken het verschil voor je team of de "
        "organisatie?",
        "ambitions_prompt": "Welke rol wil je over drie jaar spelen? Welk strategisch doel wil "
        "je mee waarmaken?",
        "development_points_prompt": "Waar loop je als senior of leidinggevende tegenaan? "
        "Wat vraagt de organisatie van je dat nog niet vanzelf gaat?",
        "support": (
            "Een externe leiderschaps- of vakopleiding, intervisie met collega-leidinggevenden, "
            "een mentorrol voor een starter en een strategische opdracht."
        ),
        "goals": [
            (
                "Een starter begeleiden als mentor",
                "Mijn ervaring doorgeven versterkt het team en mijn eigen coachende stijl.",
                "De starter werkt na zes maanden zelfstandig en we hebben minstens tien "
                "mentorgesprekken gevoerd.",
                "mentoring",
            ),
            (
                "Regelmatige korte check-ins voeren met elk teamlid",
                "Korte gesprekken werken beter dan alleen een jaargesprek.",
                "Elk teamlid heeft minstens om de zes weken een check-in gehad; geen "
                "check-in staat langer dan twee weken over tijd.",
                "on_the_job",
            ),
            (
                "Een strategisch doel van de organisatie vertalen naar mijn team",
                "Ontwikkeling koppelen aan bedrijfsdoelen maakt het een investering.",
                "Wanneer het kwartaal eindigt, heeft elk teamlid een doel dat aansluit op het "
                "strategische doel.",
                "on_the_job",
            ),
            (
                "Een leiderschapsopleiding volgen en het geleerde toepassen",
                "Formeel leren werkt als je het direct in de praktijk brengt.",
                "Ik rond de opleiding af en pas drie technieken toe, besproken in de check-in.",
                "external_training",
            ),
        ],
    },
]
