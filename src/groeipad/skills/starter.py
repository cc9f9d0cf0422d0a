"""Groeipad's own starter framework: generic competencies any organisation can begin with.

Written by the Groeipad team (not copied from any published framework). Each
competency has a Dutch and English name, a description and one behavioural
indicator per level of the default 1-5 scale.
"""

from __future__ import annotations

DEFAULT_SCALE = {
    "name": "Groeipad 1-5",
    "levels": [
        (1, "Beginner", "Beginner"),
        (2, "In ontwikkeling", "Developing"),
        (3, "Bekwaam", "Proficient"),
        (4, "Gevorderd", "Advanced"),
        (5, "Expert", "Expert"),
    ],
}

FRAMEWORK_NAME = "Groeipad basiscompetenties"

# cluster (nl, en) -> competencies: (name_nl, name_en, description_nl, description_en,
# five indicators as (nl, en) from level 1 to 5)
CLUSTERS = [
    (
        ("Samenwerken en communiceren", "Collaboration and communication"),
        [
            (
                "Samenwerken",
                "Collaboration",
                "Werkt met anderen aan een gezamenlijk resultaat en deelt kennis.",
                "Works with others towards a shared result and shares knowledge.",
                [
                    ("Doet mee als het gevraagd wordt.", "Takes part when asked."),
                    (
                        "Biedt uit zichzelf hulp aan collega's.",
                        "Offers colleagues help unprompted.",
                    ),
                    (
                        "Stemt eigen werk af op dat van het team.",
                        "Aligns own work with the team's.",
                    ),
                    (
                        "Brengt mensen met verschillende belangen bij elkaar.",
                        "Brings people with different interests together.",
                    ),
                    (
                        "Bouwt samenwerking over afdelingen en organisaties heen.",
                        "Builds collaboration across departments and organisations.",
                    ),
                ],
            ),
            (
                "Communiceren",
                "Communication",
                "Brengt een boodschap helder over en luistert actief.",
                "Gets a message across clearly and listens actively.",
                [
                    (
                        "Geeft informatie door als daarom gevraagd wordt.",
                        "Passes on information when asked.",
                    ),
                    (
                        "Formuleert helder in eenvoudige situaties.",
                        "Speaks and writes clearly in simple situations.",
                    ),
                    (
                        "Past toon en boodschap aan de ontvanger aan.",
                        "Adapts tone and message to the audience.",
                    ),
                    (
                        "Voert lastige gesprekken zorgvuldig.",
                        "Handles difficult conversations with care.",
                    ),
                    (
                        "Overtuigt groepen bij gevoelige onderwerpen.",
                        "Persuades groups on sensitive subjects.",
                    ),
                ],
            ),
            (
                "Feedback geven en ontvangen",
                "Giving and receiving feedback",
                "Vraagt om feedback, geeft die respectvol en doet er iets mee.",
                "Asks for feedback, gives it respectfully and acts on it.",
                [
                    ("Luistert naar feedback.", "Listens to feedback."),
                    ("Vraagt af en toe om feedback.", "Asks for feedback now and then."),
                    (
                        "Geeft concrete, opbouwende feedback.",
                        "Gives concrete, constructive feedback.",
                    ),
                    ("Maakt feedback in het team gewoon.", "Makes feedback normal in the team."),
                    (
                        "Bouwt een cultuur waarin fouten leerkansen zijn.",
                        "Builds a culture where mistakes are chances to learn.",
                    ),
                ],
            ),
        ],
    ),
    (
        ("Resultaat en klant", "Results and customers"),
        [
            (
                "Klantgerichtheid",
                "Customer focus",
                "Kent de wensen van klanten en handelt ernaar.",
                "Knows what customers need and acts on it.",
                [
                    ("Helpt klanten vriendelijk.", "Helps customers kindly."),
                    ("Vraagt door naar de echte vraag.", "Asks on to find the real question."),
                    (
                        "Lost problemen op voordat de klant ze merkt.",
                        "Solves problems before the customer notices.",
                    ),
                    (
                        "Verbetert werkwijzen vanuit klantinzicht.",
                        "Improves ways of working from customer insight.",
                    ),
                    (
                        "Richt de organisatie in op klantwaarde.",
                        "Shapes the organisation around customer value.",
                    ),
                ],
            ),
            (
                "Resultaatgerichtheid",
                "Drive for results",
                "Stelt doelen en zet door tot ze bereikt zijn.",
                "Sets goals and follows through until they are met.",
                [
                    ("Maakt afgesproken taken af.", "Finishes agreed tasks."),
                    (
                        "Plant eigen werk om deadlines te halen.",
                        "Plans own work to meet deadlines.",
                    ),
                    (
                        "Stelt meetbare doelen en bewaakt ze.",
                        "Sets measurable goals and tracks them.",
                    ),
                    (
                        "Stuurt bij als resultaten achterblijven.",
                        "Adjusts course when results lag.",
                    ),
                    (
                        "Vertaalt strategie naar haalbare resultaten.",
                        "Turns strategy into achievable results.",
                    ),
                ],
            ),
        ],
    ),
    (
        ("Leren en ontwikkelen", "Learning and growth"),
        [
            (
                "Lerend vermogen",
                "Learning agility",
                "Leert snel van ervaringen en past het geleerde toe.",
                "Learns quickly from experience and applies what was learnt.",
                [
                    ("Leert wat nodig is voor het eigen werk.", "Learns what the job requires."),
                    ("Zoekt zelf uitleg bij nieuwe taken.", "Looks for explanations of new tasks."),
                    (
                        "Past geleerde lessen toe in nieuwe situaties.",
                        "Applies lessons in new situations.",
                    ),
                    (
                        "Zoekt bewust uitdagingen om van te leren.",
                        "Seeks challenges to learn from.",
                    ),
                    ("Helpt anderen sneller leren.", "Helps others learn faster."),
                ],
            ),
            (
                "Initiatief",
                "Initiative",
                "Pakt zaken op zonder dat erom gevraagd wordt.",
                "Takes things up without being asked.",
                [
                    ("Meldt wat opvalt.", "Reports what stands out."),
                    ("Doet voorstellen voor verbetering.", "Suggests improvements."),
                    ("Voert verbeteringen zelf door.", "Carries improvements through."),
                    (
                        "Start nieuwe initiatieven met anderen.",
                        "Starts new initiatives with others.",
                    ),
                    (
                        "Creëert ruimte voor initiatief van anderen.",
                        "Creates room for others' initiative.",
                    ),
                ],
            ),
        ],
    ),
    (
        ("Leidinggeven", "Leadership"),
        [
            (
                "Leiderschap",
                "Leadership",
                "Geeft richting, zorgt voor ruimte en ontwikkelt mensen.",
                "Gives direction, makes room and develops people.",
                [
                    (
                        "Neemt verantwoordelijkheid voor eigen werk.",
                        "Takes responsibility for own work.",
                    ),
                    ("Neemt de leiding in kleine projecten.", "Leads small projects."),
                    (
                        "Coacht collega's in hun ontwikkeling.",
                        "Coaches colleagues in their growth.",
                    ),
                    ("Geeft een team richting en vertrouwen.", "Gives a team direction and trust."),
                    ("Ontwikkelt leiders en cultuur.", "Develops leaders and culture."),
                ],
            ),
            (
                "Coachen",
                "Coaching",
                "Helpt anderen hun eigen oplossingen en talenten te vinden.",
                "Helps others find their own solutions and talents.",
                [
                    ("Stelt open vragen.", "Asks open questions."),
                    (
                        "Helpt een collega een probleem te ontleden.",
                        "Helps a colleague unpick a problem.",
                    ),
                    (
                        "Voert regelmatig ontwikkelgesprekken.",
                        "Holds development conversations regularly.",
                    ),
                    (
                        "Zet talenten van mensen gericht in.",
                        "Puts people's talents to deliberate use.",
                    ),
                    ("Bouwt een coachende cultuur.", "Builds a coaching culture."),
                ],
            ),
        ],
    ),
    (
        ("Digitaal en vakmanschap", "Digital and craft"),
        [
            (
                "Digitale vaardigheden",
                "Digital skills",
                "Gebruikt digitale middelen en data effectief en veilig.",
                "Uses digital tools and data effectively and safely.",
                [
                    (
                        "Gebruikt de basissystemen van het werk.",
                        "Uses the basic systems of the job.",
                    ),
                    (
                        "Werkt zelfstandig met de gangbare software.",
                        "Works independently with common software.",
                    ),
                    (
                        "Automatiseert eenvoudige taken en werkt met data.",
                        "Automates simple tasks and works with data.",
                    ),
                    (
                        "Verbetert processen met digitale middelen.",
                        "Improves processes with digital means.",
                    ),
                    ("Leidt digitale vernieuwing.", "Leads digital change."),
                ],
            ),
            (
                "Vakmanschap",
                "Professional expertise",
                "Beheerst het eigen vak en houdt de kennis bij. Voeg per functie technische vaardigheden toe.",
                "Masters the craft and keeps knowledge current. Add technical skills per job.",
                [
                    ("Kent de basis van het vak.", "Knows the basics of the craft."),
                    ("Voert standaardtaken zelfstandig uit.", "Does standard tasks independently."),
                    ("Lost complexe vakvragen op.", "Solves complex professional problems."),
                    ("Is vraagbaak voor collega's.", "Is the go-to person for colleagues."),
                    ("Vernieuwt het vakgebied.", "Innovates the field."),
                ],
            ),
        ],
    ),
]
