# Danish typography uses the en dash in ranges and asides; it is not a mistyped hyphen.
"""The portal's first real content, taken from the blog post in shared/seed.

The post ("Nye partnerskaber blomstre under Coronakrisen") names three
partnerships, the organisations in them and sixteen library initiatives that
the libraries offered to the partnership on vulnerable children and young
people. Everything below stays as close to that text as the fields allow;
fields the text says nothing about are left blank rather than guessed.

`load_demo()` is idempotent: rows are matched on natural keys and saved only
when a value differs, so a second run writes nothing and adds no history.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import models, transaction

from adoptions.models import Adoption
from initiatives.knowledge import DIMENSIONS, Level
from initiatives.models import Category, Initiative, SynonymGroup, TargetGroup
from partnerships.models import Meeting, Membership, Municipality, Organisation, Partnership

Kind = Organisation.Kind
Role = Membership.Role
Format = Initiative.Format
Status = Initiative.Status
Evidence = Initiative.Evidence

CATEGORIES = [
    {
        "slug": "opsoegende-tilbud",
        "name": "Opsøgende tilbud",
        "name_en": "Outreach",
        "description": "Biblioteket kommer ud til borgere, der ikke selv kan komme på "
        "biblioteket, fx med Biblioteket Kommer.",
    },
    {
        "slug": "depotudlaan-til-institutioner",
        "name": "Depotudlån til institutioner",
        "name_en": "Deposit loans to institutions",
        "description": "Samlinger af bøger, spil og andre materialer, som biblioteket låner "
        "ud til institutioner.",
    },
    {
        "slug": "digital-inklusion",
        "name": "Digital inklusion",
        "name_en": "Digital inclusion",
        "description": "Hjælp til at komme i gang med bibliotekernes digitale tilbud og til "
        "at opbygge digitale færdigheder.",
    },
    {
        "slug": "online-arrangementer-og-klubber",
        "name": "Online arrangementer og klubber",
        "name_en": "Online events and clubs",
        "description": "Bogklubber, filmklubber, læsekredse og andre arrangementer, der "
        "foregår online.",
    },
    {
        "slug": "laesefremme",
        "name": "Læsefremme",
        "name_en": "Reading promotion",
        "description": "Indsatser, der styrker læselyst og læsning.",
    },
    {
        "slug": "lektiehjaelp-og-laering",
        "name": "Lektiehjælp og læring",
        "name_en": "Homework help and learning",
        "description": "Hjælp til lektier og læring uden beregning.",
    },
    {
        "slug": "rum-og-laesesale",
        "name": "Rum og læsesale",
        "name_en": "Spaces and reading rooms",
        "description": "Bibliotekets rum, læsesale og områder, og hvordan de åbnes, "
        "indrettes og bruges.",
    },
    {
        "slug": "mobilbibliotek-og-bogture",
        "name": "Mobilbibliotek og bogture",
        "name_en": "Mobile library and book trips",
        "description": "Bogbusser og bogture, der bringer biblioteket ud i lokalområdet.",
    },
    {
        "slug": "samtale-og-faellesskab",
        "name": "Samtale og fællesskab",
        "name_en": "Conversation and community",
        "description": "Samtaler og fællesskab mod ensomhed, fx telefonisk kontakt.",
    },
    {
        "slug": "viden-og-sikkerhed",
        "name": "Viden og sikkerhed",
        "name_en": "Knowledge and safety",
        "description": "Viden, der gør bibliotekets drift sikker, fx om smittefare ved materialer.",
    },
]

TARGET_GROUPS = [
    {
        "slug": "udsatte-boern-og-unge",
        "name": "Udsatte børn og unge",
        "name_en": "Vulnerable children and young people",
        # Children or vulnerable adults: photos of them need consent (TargetGroup.vulnerable).
        "vulnerable": True,
    },
    {
        "slug": "boernefamilier",
        "name": "Børnefamilier",
        "name_en": "Families with children",
        "vulnerable": True,
    },
    {"slug": "aeldre", "name": "Ældre", "name_en": "Older people"},
    {
        "slug": "ensomme-og-isolerede",
        "name": "Ensomme og isolerede",
        "name_en": "Lonely and isolated people",
        "vulnerable": True,
    },
    {
        "slug": "borgere-med-langvarig-sygdom-eller-handicap",
        "name": "Borgere med langvarig sygdom eller handicap",
        "name_en": "People with long-term illness or disability",
        "vulnerable": True,
    },
    {
        "slug": "plejehjemsbeboere",
        "name": "Plejehjemsbeboere",
        "name_en": "Care home residents",
        "vulnerable": True,
    },
    {"slug": "studerende", "name": "Studerende", "name_en": "Students"},
    {"slug": "ikke-laesere", "name": "Ikke-læsere", "name_en": "Non-readers"},
    {"slug": "institutioner", "name": "Institutioner", "name_en": "Institutions"},
    {"slug": "alle-borgere", "name": "Alle borgere", "name_en": "All citizens"},
]

# Descriptions say only what the source text says about each organisation.
ORGANISATIONS = [
    {
        "slug": "red-barnet",
        "name": "Red Barnet",
        # Public addresses (not from the seed text, which gives none): how anonymous
        # visitors reach the organisation behind an example.
        "website": "https://redbarnet.dk",
        "kind": Kind.NGO,
        "description": "Faciliterer sammen med Børns Vilkår og Dansk Røde Kors partnerskabet "
        "vedr. udsatte børn og unge under COVID-19.",
    },
    {
        "slug": "boerns-vilkaar",
        "name": "Børns Vilkår",
        "website": "https://bornsvilkar.dk",
        "kind": Kind.NGO,
        "description": "Faciliterer sammen med Red Barnet og Dansk Røde Kors partnerskabet "
        "vedr. udsatte børn og unge under COVID-19.",
    },
    {
        "slug": "dansk-roede-kors",
        "name": "Dansk Røde Kors",
        "website": "https://www.rodekors.dk",
        "kind": Kind.NGO,
        "description": "Faciliterer sammen med Red Barnet og Børns Vilkår partnerskabet "
        "vedr. udsatte børn og unge under COVID-19. Står bag Snak Sammen.",
    },
    {
        "slug": "danmarks-biblioteksforening",
        "name": "Danmarks Biblioteksforening",
        "website": "https://www.db.dk",
        "kind": Kind.INTEREST,
        "description": "Deltager på vegne af bibliotekerne i partnerskaber under coronakrisen.",
    },
    {
        "slug": "landdistrikternes-faellesraad",
        "name": "Landdistrikternes Fællesråd",
        "kind": Kind.INTEREST,
        "description": "",
    },
    {
        "slug": "de-samvirkende-koebmaend",
        "name": "De Samvirkende Købmænd",
        "kind": Kind.INTEREST,
        "description": "",
    },
    {"slug": "dansk-erhverv", "name": "Dansk Erhverv", "kind": Kind.INTEREST, "description": ""},
    {"slug": "dagrofa", "name": "Dagrofa", "kind": Kind.COMPANY, "description": ""},
    {"slug": "realdania", "name": "Realdania", "kind": Kind.FOUNDATION, "description": ""},
    # The text says "flere af erhvervshusene" (several of them), so they are one row.
    # They are publicly funded business hubs, not a trade association, hence OTHER.
    {"slug": "erhvervshusene", "name": "Erhvervshusene", "kind": Kind.OTHER, "description": ""},
    {
        "slug": "danske-kulturbestyrelser",
        "name": "Danske Kulturbestyrelser",
        "kind": Kind.INTEREST,
        "description": "",
    },
    {
        "slug": "innoversity-cph",
        "name": "Innoversity CPH",
        "kind": Kind.COMPANY,
        "description": "",
    },
    # Spelled without spaces, as in the source.
    {
        "slug": "rasmussen-marker",
        "name": "Rasmussen&Marker",
        "kind": Kind.COMPANY,
        "description": "",
    },
    {
        "slug": "socialstyrelsen",
        "name": "Socialstyrelsen",
        "kind": Kind.STATE,
        "description": "Portalen med gode eksempler ligger under Socialstyrelsen.",
    },
    # The source calls it both "Kultur- og Slotsstyrelsen" and "Slots & Kulturstyrelsen".
    {
        "slug": "slots-og-kulturstyrelsen",
        "name": "Slots- og Kulturstyrelsen",
        "kind": Kind.STATE,
        "description": "Stod bag projektet Bogpakke og støtter projektet Non-readers i "
        "biblioteksrummet.",
    },
    {
        "slug": "syddansk-universitet",
        "name": "Syddansk Universitet",
        "kind": Kind.RESEARCH,
        "description": "Evaluerede projektet Bogpakke.",
    },
    {
        "slug": "aarhus-bibliotekerne",
        "name": "Aarhus Bibliotekerne",
        "kind": Kind.LIBRARY,
        "municipality": "751",
        "description": "Eksperimenterer med en digital læsekreds for ensomme ældre.",
    },
    {
        "slug": "statsbiblioteket",
        "name": "Statsbiblioteket",
        "kind": Kind.LIBRARY,
        "description": "Lektiehjælpen Lektier online hørte under Statsbiblioteket, indtil den "
        "stoppede i 2016.",
    },
    {
        "slug": "egmont-fonden",
        "name": "Egmont Fonden",
        "kind": Kind.FOUNDATION,
        "description": "Står bag Småbørnsløftet om udsatte børn.",
    },
]

UDSATTE_BOERN = "udsatte-boern-og-unge-under-covid-19"
LIV_I_BYER = "liv-i-byer-og-bymidter"
KULTURLIVET = "kulturlivets-stoerste-udfordringer"

PARTNERSHIPS = [
    {
        "slug": UDSATTE_BOERN,
        "name": "Partnerskabet vedr. udsatte børn og unge under COVID-19",
        "status": Partnership.Status.ACTIVE,
        "purpose": "At afdække udfordringer, finde gode løsninger og understøtte nye "
        "samarbejder, som kan skabe tryghed og trivsel for udsatte børn og unge under "
        "COVID-19, og som kan sikre dem en tryg tilbagevenden til fællesskabet ved "
        "samfundets genåbning.",
        "description": "Partnerskabet er et forum, hvor man gennem tæt dialog, deling af "
        "viden, koordinering og understøttelse af nye initiativer løbende arbejder for, at "
        "udsatte børn og unge får den hjælp, de har behov for i tiden med COVID-19 og ved "
        "genåbningen.\n\n"
        "Gennem det brede samarbejde på tværs af sektorer og traditionelle samarbejdsformer "
        "skal partnerskabet sikre et overblik og et helhedssyn og gøre det nemmere for "
        "parterne at trække i en fælles retning.\n\n"
        "Red Barnet, Børns Vilkår og Dansk Røde Kors har fået til opgave at facilitere "
        "partnerskabet. Danmarks Biblioteksforening deltager på vegne af bibliotekerne.",
        "basis": "Den politiske aftale af 17. april 2020 om udvidelse af den første fase af "
        "en kontrolleret genåbning af Danmark. Af aftalen fremgår det, at der etableres "
        "partnerskaber på tværs af myndigheder, civilsamfund, kulturinstitutioner, private "
        "aktører og den offentlige sektor, som kan udvikle initiativer, der modvirker "
        "ensomhed og sårbarhed og støtter socialt udsatte børn og unge.",
        "goals": "Udarbejde en ensomhedsstrategi for udsatte børn og unge under COVID-19\n"
        "Understøtte, at der samles gode eksempler på området på en ny portal under "
        "Socialstyrelsen",
        "members": [
            ("red-barnet", Role.FACILITATOR),
            ("boerns-vilkaar", Role.FACILITATOR),
            ("dansk-roede-kors", Role.FACILITATOR),
            ("danmarks-biblioteksforening", Role.MEMBER),
        ],
        "meetings": [
            {
                "title": "Første møde i partnerskabet",
                "summary": "Partnerskabets første møde. Danmarks Biblioteksforening deltager "
                "på vegne af bibliotekerne.",
            }
        ],
    },
    {
        "slug": LIV_I_BYER,
        "name": "Partnerkreds om liv i byer og bymidter",
        # It has yet to apply for the money it is formed to get.
        "status": Partnership.Status.FORMING,
        "purpose": "At få byerne og bymidterne til at leve igen – dvs. at få gang i det "
        "velfungerende byliv, der formentlig også er afgørende for byerne.",
        "description": "En partnerkreds, der skal ansøge om midler fra de hjælpepakker, der "
        "etableres for at hjælpe de danske byer igennem coronakrisen.\n\n"
        "Kredsen består bl.a. af Landdistrikternes Fællesråd, De Samvirkende Købmænd, Dansk "
        "Erhverv, Dagrofa, Realdania og flere af erhvervshusene. Danmarks Biblioteksforening "
        "deltager på vegne af bibliotekerne.",
        "basis": "",
        "goals": "Ansøge om midler fra de hjælpepakker, der skal hjælpe de danske byer "
        "igennem coronakrisen\n"
        "Få byerne og bymidterne til at leve igen",
        "members": [
            ("landdistrikternes-faellesraad", Role.MEMBER),
            ("de-samvirkende-koebmaend", Role.MEMBER),
            ("dansk-erhverv", Role.MEMBER),
            ("dagrofa", Role.MEMBER),
            ("realdania", Role.MEMBER),
            ("erhvervshusene", Role.MEMBER),
            ("danmarks-biblioteksforening", Role.MEMBER),
        ],
        "meetings": [],
    },
    {
        "slug": KULTURLIVET,
        "name": "Kulturlivets største udfordringer under og efter coronakrisen",
        "status": Partnership.Status.ACTIVE,
        # "gode læsninger" is the source's wording; kept rather than second-guessed.
        "purpose": "Et projekt, der skal afdække kulturlivets største udfordringer under og "
        "efter coronakrisen og komme med gode læsninger.",
        "description": "Projektet gennemføres sammen med Danske Kulturbestyrelser i "
        "samarbejde med Innoversity CPH og Rasmussen&Marker. Danmarks Biblioteksforening "
        "deltager på vegne af bibliotekerne.",
        "basis": "",
        "goals": "Afdække kulturlivets største udfordringer under og efter coronakrisen\n"
        "Komme med gode læsninger",
        # The text says "sammen med" and "i samarbejde med", never who facilitates.
        "members": [
            ("danske-kulturbestyrelser", Role.MEMBER),
            ("innoversity-cph", Role.MEMBER),
            ("rasmussen-marker", Role.MEMBER),
            ("danmarks-biblioteksforening", Role.MEMBER),
        ],
        "meetings": [
            {"title": "Første møde", "summary": "Projektets første møde er afholdt."},
        ],
    },
]

# Defaults shared by the sixteen examples: all are the libraries' contribution
# to the partnership on vulnerable children and young people, offered by
# Danmarks Biblioteksforening, and most are general ideas any library can use.
EXAMPLE_DEFAULTS = {
    "partnership": UDSATTE_BOERN,
    "lead_organisation": "danmarks-biblioteksforening",
    "partner_organisations": [],
    "municipalities": [],
    "nationwide": True,
    "uses_volunteers": False,
    "evidence": Evidence.NONE,
    "evaluation_summary": "",
    "outcomes": "",
    "resources": "",
    "how_to_start": "",
    "costs": "",
    "start_date": None,
    "end_date": None,
    "featured": False,
    # Notes on running an example elsewhere only where the seed says something
    # in so many words; the judgement is the curators', and the seed gives none.
    "transfer_preconditions": "",
    "transfer_adaptable": "",
    "transfer_essential": "",
    "transfer_pitfalls": "",
    "transferability": "",
}

# The knowledge declaration ("known": dimension key -> (level, why)), as a
# curator reads the seed: it names target groups and outlines ideas (C), but
# says next to nothing about getting started, results or costs (D). Only
# Bogpakke has an evaluation, so only its effect is above C.
NO_START = (Level.D, "Beskrivelsen siger ikke, hvordan man kommer i gang.")
NO_RESULTS = (Level.D, "Beskrivelsen nævner ingen resultater.")
NO_COSTS = (Level.D, "Beskrivelsen siger intet om udgifterne.")

EXAMPLES = [
    {
        "slug": "biblioteket-kommer",
        "title": "Biblioteket Kommer",
        "category": "opsoegende-tilbud",
        "target_groups": ["borgere-med-langvarig-sygdom-eller-handicap"],
        "format": Format.PHYSICAL,
        # The scheme exists but was paused; the example is to reopen and widen it.
        "status": Status.PLANNED,
        "uses_volunteers": True,
        "evidence": Evidence.DESCRIBED,
        "featured": True,
        # The seed text's only economy fact; what it costs the library is not given.
        "costs": "Et gratis tilbud til borgerne.",
        "summary": "Genåbning af ordningen Biblioteket Kommer for borgerne og udvidelse af "
        "kriterierne for tilmelding. Biblioteket Kommer er et gratis tilbud til borgere, der "
        "ikke selv kan gå på biblioteket på grund af langvarig sygdom eller handicap.",
        "description": "Biblioteket Kommer er et gratis tilbud til borgere i de fleste "
        "kommuner, der ikke selv kan gå på biblioteket på grund af langvarig sygdom eller "
        "handicap.\n\n"
        "Forslaget er at genåbne ordningen for borgerne og samtidig udvide kriterierne for "
        "tilmelding til ordningen. Ordningen kan suppleres med frivillige.",
        "resources": "Ordningen kan suppleres med frivillige.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: borgere, der ikke selv kan gå på biblioteket "
                "på grund af langvarig sygdom eller handicap.",
            ),
            "method": (
                Level.C,
                "Ideen er beskrevet: ordningen genåbnes, og kriterierne for tilmelding udvides.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": (
                Level.C,
                "Beskrivelsen siger kun, at det er et gratis tilbud til borgerne; bibliotekets "
                "udgifter er ikke oplyst.",
            ),
        },
        # The seed says in so many words that the scheme can take volunteers.
        "transfer_adaptable": "Ordningen kan suppleres med frivillige.",
    },
    {
        "slug": "udlaan-af-depoter-til-institutioner",
        "title": "Udlån af depoter til institutioner",
        "category": "depotudlaan-til-institutioner",
        "target_groups": ["institutioner"],
        "format": Format.HYBRID,
        "status": Status.IDEA,
        "summary": "Biblioteket låner depoter med brætspil, computerspil, tidsskrifter, "
        "tegneserier og bøger ud til institutioner. Depoterne kan ledsages af digitale "
        "booktalks eller anden formidling.",
        "description": "Biblioteket sammensætter depoter med brætspil, computerspil, "
        "tidsskrifter, tegneserier og bøger og låner dem ud til institutioner.\n\n"
        "Depoterne kan ledsages af digitale booktalks eller anden formidling.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: institutioner."),
            "method": (
                Level.C,
                "Ideen er beskrevet: depoter med brætspil, computerspil, tidsskrifter, "
                "tegneserier og bøger, evt. med digitale booktalks.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "formidling-paa-plejehjem-i-karantaenetider",
        "title": "Formidling på plejehjem i karantænetider",
        "category": "opsoegende-tilbud",
        "target_groups": ["plejehjemsbeboere", "aeldre", "ensomme-og-isolerede"],
        "format": Format.DIGITAL,
        "status": Status.IDEA,
        "summary": "Biblioteket samarbejder med Sundhed og Omsorg om at bringe "
        "litteraturformidling og kultur ind til de svageste og mest isolerede på plejehjem i "
        "en sikker digital form.",
        "description": "Mens plejehjemmene er i karantæne, samarbejder biblioteket med Sundhed "
        "og Omsorg om at få litteraturformidlingen og kulturen bragt ind til de svageste og "
        "mest isolerede i en sikker digital form.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: de svageste og mest isolerede på plejehjem.",
            ),
            "method": (
                Level.C,
                "Ideen er beskrevet: litteraturformidling og kultur i en sikker digital form, "
                "i samarbejde med Sundhed og Omsorg.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "smittefare",
        "title": "Smittefare",
        "category": "viden-og-sikkerhed",
        "target_groups": ["alle-borgere"],
        "format": Format.PHYSICAL,
        # "skal afdækkes": the knowledge is still to be gathered.
        "status": Status.IDEA,
        "summary": "Viden om smittefare ved bibliotekets materialer og ved "
        "materialehåndtering skal afdækkes.",
        "description": "Der er brug for viden om smittefaren ved bibliotekets materialer og "
        "ved materialehåndteringen. Den viden skal afdækkes.",
        "known": {
            # The seed says what is to be found out, not for whom.
            "target_group": (Level.D, "Beskrivelsen siger ikke, hvem den viden er til."),
            "method": (
                Level.C,
                "Ideen er beskrevet: viden om smittefare ved materialer og "
                "materialehåndtering skal afdækkes.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "digitale-tilbud-for-aeldre-og-svage",
        "title": "Digitale tilbud for ældre og svage",
        "category": "digital-inklusion",
        "target_groups": ["aeldre"],
        "format": Format.HYBRID,
        "status": Status.IDEA,
        "uses_volunteers": True,
        "summary": "Biblioteksansatte hjælper ældre i gang med at bruge bibliotekernes "
        "digitale tilbud som eReolen, Litteratursiden og Filmstriben. Ordningen kan udvides "
        "med frivillige.",
        "description": "Biblioteksansatte kan hjælpe ældre og svage i gang med at bruge "
        "bibliotekernes digitale tilbud som eReolen, Litteratursiden og Filmstriben.\n\n"
        "Ordningen kan udvides med frivillige.",
        "resources": "Biblioteksansatte; ordningen kan udvides med frivillige.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: ældre og svage."),
            "method": (
                Level.C,
                "Ideen er beskrevet: biblioteksansatte hjælper i gang med eReolen, "
                "Litteratursiden og Filmstriben.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
        # The seed: "En ordning der kan udvides med frivillige."
        "transfer_adaptable": "Ordningen kan udvides med frivillige.",
    },
    {
        "slug": "telefonisk-kontakt",
        "title": "Telefonisk kontakt",
        "category": "samtale-og-faellesskab",
        "target_groups": [
            "ensomme-og-isolerede",
            "borgere-med-langvarig-sygdom-eller-handicap",
        ],
        # Remote contact rather than a visit; the portal's nearest format is digital.
        "format": Format.DIGITAL,
        "status": Status.IDEA,
        "summary": "Biblioteket tager telefonisk kontakt til lånerne i Biblioteket Kommer. "
        "Biblioteket er ofte de udsatte borgeres eneste sociale kontakt i kampen mod "
        "ensomhed.",
        "description": "Biblioteket tager telefonisk kontakt til lånerne i Biblioteket Kommer "
        "(BK-lånere). Biblioteket er ofte de udsatte borgeres eneste sociale kontakt i "
        "kampen mod ensomhed.\n\n"
        "Det handler ikke så meget om tilgængeligheden af materialerne som om kontakten.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: lånerne i Biblioteket Kommer (BK-lånere).",
            ),
            "method": (Level.C, "Ideen er beskrevet: biblioteket ringer til BK-lånerne."),
            "implementation": NO_START,
            "effect": (
                Level.C,
                "Den tilsigtede virkning er beskrevet: social kontakt i kampen mod ensomhed.",
            ),
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "snak-sammen-online",
        "title": "Snak sammen online",
        "category": "samtale-og-faellesskab",
        "target_groups": ["ensomme-og-isolerede"],
        "format": Format.DIGITAL,
        "status": Status.IDEA,
        "partner_organisations": ["dansk-roede-kors"],
        "summary": "Bibliotekspersonale fungerer som samtalepartnere eller som kommunalt "
        "outreach, fx pr. telefon, som i Snak Sammen fra Dansk Røde Kors.",
        "description": "Bibliotekspersonale kan fungere som samtalepartnere eller som "
        "kommunalt outreach, fx pr. telefon.\n\n"
        "Forbilledet er Snak Sammen fra Dansk Røde Kors.",
        "known": {
            # The seed names the staff who talk, not the people they talk with.
            "target_group": (Level.D, "Beskrivelsen siger ikke, hvem samtalerne er for."),
            "method": (
                Level.C,
                "Ideen er beskrevet: bibliotekspersonale som samtalepartnere, fx pr. "
                "telefon, som i Snak Sammen.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "samtalekasser",
        "title": "Samtalekasser",
        "category": "samtale-og-faellesskab",
        "target_groups": ["plejehjemsbeboere", "aeldre"],
        "format": Format.PHYSICAL,
        "status": Status.RUNNING,
        "evidence": Evidence.DESCRIBED,
        "summary": "Biblioteket laver samtalekasser med lokalhistorisk materiale og låner dem "
        "ud til plejecentre. Samtalekasser findes allerede i en del kommuner.",
        "description": "Biblioteket laver samtalekasser med lokalhistorisk materiale og låner "
        "dem ud til plejecentre.\n\n"
        "Tilbuddet findes allerede i en del kommuner.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: plejecentre."),
            # "Findes i en del kommuner", but no written description to repeat: C.
            "method": (
                Level.C,
                "Ideen er beskrevet: samtalekasser med lokalhistorisk materiale til "
                "udlån til plejecentre.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "online-arrangementer",
        "title": "Online arrangementer",
        "category": "online-arrangementer-og-klubber",
        "target_groups": ["alle-borgere"],
        "format": Format.DIGITAL,
        "status": Status.RUNNING,
        "evidence": Evidence.DESCRIBED,
        "summary": "Bibliotekerne laver online bogklubber, filmklubber og oplæsnings- og "
        "lytteklubber. Mange steder har bibliotekerne allerede skabt en del online "
        "arrangementer.",
        "description": "Bibliotekerne laver online bog-, film- og oplæsnings- eller "
        "lytteklubber.\n\n"
        "Mange steder har man allerede skabt en del online arrangementer på bibliotekerne.",
        "known": {
            "target_group": (Level.D, "Beskrivelsen siger ikke, hvem klubberne er for."),
            "method": (
                Level.C,
                "Ideen er beskrevet: online bog-, film- og oplæsnings- eller lytteklubber.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "bogpakke-i-udsatte-omraader",
        "title": "Bogpakke i udsatte områder",
        "category": "laesefremme",
        "target_groups": ["udsatte-boern-og-unge", "boernefamilier"],
        "format": Format.PHYSICAL,
        "status": Status.CONCLUDED,
        # The text gives only the years 2009-2016.
        "start_date": dt.date(2009, 1, 1),
        "end_date": dt.date(2016, 12, 31),
        # The text names Slots- og Kulturstyrelsen as the owner of the project.
        "lead_organisation": "slots-og-kulturstyrelsen",
        "partner_organisations": ["syddansk-universitet"],
        "evidence": Evidence.EVALUATED,
        "featured": True,
        "summary": "Slots- og Kulturstyrelsens projekt Bogpakke til udsatte børn blev "
        "gennemført i 20 kommuner i 2009–2016. Evalueringen fra Syddansk Universitet viste, "
        "at næsten 60 procent af familierne sagde, at de læste mere med børnene.",
        "description": "Bogpakke var et projekt fra Slots- og Kulturstyrelsen (dengang "
        "Kultur- og Slotsstyrelsen) for udsatte børn i udsatte områder. Projektet blev "
        "gennemført i 20 kommuner i årene 2009–2016.\n\n"
        "Syddansk Universitet har evalueret projektet.",
        "evaluation_summary": "Evalueringen fra Syddansk Universitet viste, at næsten 60 "
        "procent af familierne sagde, at de læste mere med børnene.",
        "outcomes": "Næsten 60 procent af familierne sagde, at de læste mere med børnene.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: udsatte børn."),
            # Only the project's name says what was done.
            "method": (
                Level.C,
                "Kun i grove træk: en bogpakke til udsatte børn; mere siger beskrivelsen ikke.",
            ),
            # Carried out in 20 municipalities, but nothing on how they got started.
            "implementation": NO_START,
            # The one example with an evaluation others can read (evidence: evaluated).
            "effect": (
                Level.A,
                "Evalueringen fra Syddansk Universitet: næsten 60 procent af familierne "
                "sagde, at de læste mere med børnene.",
            ),
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "laesesale",
        "title": "Læsesale",
        "category": "rum-og-laesesale",
        "target_groups": ["studerende"],
        "format": Format.PHYSICAL,
        "status": Status.PLANNED,
        "summary": "Genåbning af læsesalene, så studerende, der bor hjemme i fx socialt "
        "udsatte hjem eller på meget lidt plads, kan være på biblioteket med plads og ro til "
        "at studere.",
        "description": "Bibliotekets læsesale genåbnes, så studerende, der bor hjemme i fx "
        "socialt udsatte hjem eller på meget lidt plads, får mulighed for at være på "
        "biblioteket med plads og ro til at studere.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: studerende, der bor i fx socialt udsatte hjem "
                "eller på meget lidt plads.",
            ),
            "method": (Level.C, "Ideen er beskrevet: læsesalene genåbnes."),
            "implementation": NO_START,
            "effect": (
                Level.C,
                "Den tilsigtede virkning er beskrevet: plads og ro til at studere.",
            ),
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "digital-laesekreds-for-ensomme-aeldre",
        "title": "Digital Læsekreds for ensomme ældre",
        "category": "online-arrangementer-og-klubber",
        "target_groups": ["aeldre", "ensomme-og-isolerede"],
        "format": Format.DIGITAL,
        "status": Status.RUNNING,
        "lead_organisation": "aarhus-bibliotekerne",
        "municipalities": ["751"],
        "nationwide": False,
        "summary": "Aarhus Bibliotekerne eksperimenterer med en digital læsekreds for "
        "ensomme ældre, bl.a. med format og rekruttering. Noget sættes i gang nu, og senere "
        "bliver det en del af et generelt tiltag over for digitale ældre.",
        "description": "Aarhus Bibliotekerne er i gang med at eksperimentere med format, "
        "rekruttering osv. til en digital læsekreds for ensomme ældre. Noget sættes i gang "
        "nu.\n\n"
        "Senere bliver læsekredsen også en del af et generelt tiltag over for digitale "
        "ældre, hvor der er behov for at opbygge de digitale færdigheder til formålet, "
        "herunder e-bogsformidling.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: ensomme ældre."),
            # Still an experiment with the format and the recruitment.
            "method": (
                Level.C,
                "Ideen er beskrevet: en digital læsekreds; format og rekruttering afprøves.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
        # The seed: "behov for at opbygge de digitale skills til dette formål".
        "transfer_preconditions": "Der er behov for at opbygge de digitale færdigheder til "
        "formålet, herunder e-bogsformidling.",
    },
    {
        "slug": "lektiehjaelp",
        "title": "Lektiehjælp",
        "category": "lektiehjaelp-og-laering",
        "target_groups": ["boernefamilier"],
        "format": Format.DIGITAL,
        "status": Status.IDEA,
        "partner_organisations": ["statsbiblioteket"],
        "summary": "Lokal lektiehjælp, som i første omgang kunne etableres online. Et "
        "glimrende tilbud til familier, hvor børnene har brug for hjælp fra andre uden at "
        "skulle betale for det.",
        "description": "Lektiehjælp kunne etableres lokalt og i første omgang online – måske "
        "findes den allerede nogle steder. Det er et glimrende tilbud til familier, hvor "
        "der er brug for, at børnene får hjælp fra andre uden at skulle betale for det.\n\n"
        "Tjenesten eksisterede tidligere under Statsbiblioteket under navnet Lektier online, "
        "men stoppede i 2016.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: familier, hvor børnene har brug for hjælp fra andre.",
            ),
            "method": (Level.C, "Ideen er beskrevet: lokal lektiehjælp."),
            "implementation": (
                Level.C,
                "Starten er beskrevet i grove træk: i første omgang online.",
            ),
            "effect": NO_RESULTS,
            "economy": (
                Level.C,
                "Beskrivelsen siger kun, at familierne ikke skal betale; udgifterne er ikke oplyst.",
            ),
        },
    },
    {
        "slug": "non-readers-i-biblioteksrummet",
        "title": "Non-readers i biblioteksrummet",
        "category": "rum-og-laesesale",
        "target_groups": ["ikke-laesere"],
        "format": Format.PHYSICAL,
        # A project with a grant from Slots- og Kulturstyrelsen, so under way.
        "status": Status.RUNNING,
        "partner_organisations": ["slots-og-kulturstyrelsen"],
        "summary": "Kan arrangementer, materialer og områder på biblioteket gentænkes, så "
        "non-readers ikke stigmatiseres, men får et overskueligt og bredt indblik i "
        "mulighederne på biblioteket? Et projekt støttet af Slots- og Kulturstyrelsen.",
        "description": "Projektet undersøger, om arrangementer, materialer og områder kan "
        "gentænkes, så non-readers ikke stigmatiseres, men får et overskueligt og bredt "
        "indblik i mulighederne på biblioteket.\n\n"
        "Projektet er støttet af Slots- og Kulturstyrelsen.",
        "known": {
            "target_group": (Level.C, "Beskrivelsen nævner målgruppen: non-readers."),
            "method": (
                Level.C,
                "Ideen er beskrevet: arrangementer, materialer og områder gentænkes.",
            ),
            "implementation": NO_START,
            "effect": (
                Level.C,
                "Den tilsigtede virkning er beskrevet: non-readers stigmatiseres ikke og får "
                "et overskueligt indblik i mulighederne.",
            ),
            # A grant is named, but not what the project costs.
            "economy": (
                Level.D,
                "Beskrivelsen siger kun, at projektet er støttet af Slots- og Kulturstyrelsen, "
                "ikke hvad det koster.",
            ),
        },
    },
    {
        "slug": "aabne-biblioteket-for-udvalgte-besoeg",
        "title": "Åbne biblioteket for udvalgte besøg",
        "category": "laesefremme",
        "target_groups": ["udsatte-boern-og-unge"],
        "format": Format.PHYSICAL,
        "status": Status.IDEA,
        "partner_organisations": ["egmont-fonden"],
        "summary": "Biblioteket inviterer udvalgte børne- og ungegrupper til særlige læse- og "
        "oplevelsesdage for at styrke og skabe læselyst og sikre alle børn adgang til gode "
        "lærings- og udviklingsmuligheder.",
        "description": "Biblioteket inviterer udvalgte børne- og ungegrupper til særlige læse- "
        "og oplevelsesdage. Ad den vej styrker og skaber biblioteket læselyst og sikrer "
        "målrettet alle børn adgang til gode lærings- og udviklingsmuligheder.\n\n"
        "Indsatsen bygger bl.a. på Småbørnsløftet (Egmont Fonden) om udsatte børn og på "
        "punkt 3 i Læsestrategiens 7 anbefalinger: Børn og unges kultur og fællesskaber som "
        "afsæt for læsning.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: udvalgte børne- og ungegrupper.",
            ),
            "method": (
                Level.C,
                "Ideen er beskrevet: særlige læse- og oplevelsesdage for inviterede grupper.",
            ),
            "implementation": NO_START,
            "effect": (
                Level.C,
                "Den tilsigtede virkning er beskrevet: at styrke og skabe læselyst.",
            ),
            "economy": NO_COSTS,
        },
    },
    {
        "slug": "sende-biblioteket-paa-bogtur-i-lokalomraadet",
        "title": "Sende biblioteket på bogtur i lokalområdet",
        "category": "mobilbibliotek-og-bogture",
        "target_groups": ["institutioner", "udsatte-boern-og-unge", "aeldre"],
        "format": Format.PHYSICAL,
        "status": Status.IDEA,
        "summary": "Bogbusser og lignende skaber bogoplevelser i udkantsområder for særligt "
        "inviterede børnegrupper, ungesteder, ældreinstitutioner m.fl.",
        "description": "Biblioteket skaber mulighed for bogoplevelser i udkantsområder gennem "
        "bogbusser og lignende – for særligt inviterede børnegrupper, ungesteder, "
        "ældreinstitutioner m.fl.\n\n"
        "Bogturene er led i en aktiv og kombineret kultur- og socialindsats.",
        "known": {
            "target_group": (
                Level.C,
                "Beskrivelsen nævner målgruppen: særligt inviterede børnegrupper, ungesteder og "
                "ældreinstitutioner.",
            ),
            "method": (
                Level.C,
                "Ideen er beskrevet: bogoplevelser i udkantsområder gennem bogbusser o.l.",
            ),
            "implementation": NO_START,
            "effect": NO_RESULTS,
            "economy": NO_COSTS,
        },
    },
]

# The reuse loop (issue 17): libraries telling that they, too, run an example.
# Unlike the rest, these are not from the seed text: they are illustrations,
# written so that the demo shows an example's spread, and they claim no figures.
ADOPTING_ORGANISATIONS = [
    {"slug": "vejle-bibliotekerne", "name": "Vejle Bibliotekerne", "municipality": "630"},
    {"slug": "aalborg-bibliotekerne", "name": "Aalborg Bibliotekerne", "municipality": "851"},
    {"slug": "roskilde-bibliotekerne", "name": "Roskilde Bibliotekerne", "municipality": "265"},
    {"slug": "koebenhavns-biblioteker", "name": "Københavns Biblioteker", "municipality": "101"},
    {"slug": "skive-bibliotek", "name": "Skive Bibliotek", "municipality": "779"},
]

ADOPTIONS = [
    {
        "initiative": "biblioteket-kommer",
        "organisation": "vejle-bibliotekerne",
        "municipality": "630",
        "started": dt.date(2021, 2, 1),
        "adaptation": "Vi har bygget videre på ordningen, så de frivillige også bringer "
        "lydbøger og afspillere med ud. Før hver levering ringer en medarbejder til låneren, "
        "så han eller hun selv kan ønske, hvad der skal med.",
        "result": "Hjemmeplejen henviser nu selv borgere til ordningen, og flere nye lånere "
        "er kommet til den vej.",
    },
    {
        "initiative": "biblioteket-kommer",
        "organisation": "aalborg-bibliotekerne",
        "municipality": "851",
        "started": dt.date(2022, 9, 1),
        "adaptation": "Vi kører ruterne sammen med bogbussen, så Biblioteket Kommer også "
        "når ud i landsbyerne uden eget bibliotek. Bogbussens chauffør afleverer, og en "
        "frivillig tager en snak ved døren.",
        "result": "Færre køreture, og de små byer får et fast besøg hver uge.",
    },
    {
        "initiative": "biblioteket-kommer",
        "organisation": "roskilde-bibliotekerne",
        "municipality": "265",
        "started": dt.date(2023, 3, 1),
        "adaptation": "Vi tilbyder ordningen til borgere, der er kommet hjem efter et "
        "hospitalsophold, i samarbejde med kommunens visitation. Tilbuddet varer tre "
        "måneder og kan forlænges.",
        "result": "",
    },
    {
        "initiative": "bogpakke-i-udsatte-omraader",
        "organisation": "koebenhavns-biblioteker",
        "municipality": "101",
        "started": dt.date(2021, 10, 1),
        "adaptation": "Sundhedsplejen giver bogpakken til familien ved et af de faste "
        "hjemmebesøg i stedet for biblioteket, og pakken har bøger på flere sprog.",
        "result": "Sundhedsplejerskerne oplever, at pakken åbner en snak om at læse højt, "
        "også i familier, der ikke kommer på biblioteket.",
    },
    {
        "initiative": "digital-laesekreds-for-ensomme-aeldre",
        "organisation": "aalborg-bibliotekerne",
        "municipality": "851",
        "started": dt.date(2023, 1, 1),
        "adaptation": "Læsekredsen mødes på video hver anden uge. Første gang kommer en "
        "frivillig hjem til deltageren og hjælper med at komme i gang på tabletten.",
        "result": "Deltagerne har selv foreslået at mødes på biblioteket en gang i kvartalet.",
    },
    {
        "initiative": "digital-laesekreds-for-ensomme-aeldre",
        "organisation": "koebenhavns-biblioteker",
        "municipality": "101",
        "started": dt.date(2024, 2, 1),
        "adaptation": "Læsekredsen er for ældre, der bor alene. Vi finder deltagerne "
        "sammen med kommunens forebyggende hjemmebesøg, og hver kreds har højst seks "
        "deltagere, så alle kommer til orde.",
        "result": "Flere af deltagerne ringer nu også til hinanden mellem møderne.",
    },
    {
        "initiative": "digital-laesekreds-for-ensomme-aeldre",
        "organisation": "vejle-bibliotekerne",
        "municipality": "630",
        "started": dt.date(2024, 5, 1),
        "adaptation": "Vi har gjort læsekredsen til en lydbogskreds, så også svagtseende "
        "kan være med. Vi mødes over telefonen, og lydbøgerne lånes digitalt fra "
        "biblioteket.",
        "result": "",
    },
    {
        "initiative": "aabne-biblioteket-for-udvalgte-besoeg",
        "organisation": "skive-bibliotek",
        "municipality": "779",
        "started": dt.date(2022, 2, 1),
        "adaptation": "Vi åbner biblioteket en formiddag om måneden for SFO'er og klubber "
        "fra landsbyskolerne, med højtlæsning og en skattejagt mellem hylderne.",
        "result": "Flere af børnene er siden kommet igen sammen med deres forældre.",
    },
]

# Synonym groups (issue 18): words readers search for where the examples say
# another. The first three are the issue's; the others are what the seed text
# says in other words: Samtalekasser go to "plejecentre" where the others say
# "plejehjem", and Biblioteket Kommer is the libraries' home delivery, which the
# text calls a service for those who cannot come to the library.
SYNONYMS = [
    "lektiecafé, lektiehjælp, lektiestøtte",
    "bogbus, mobilbibliotek",
    "ensom, isoleret",
    "plejehjem, plejecenter",
    "hjemmelevering, Biblioteket Kommer",
]

# Fixed publication times keep re-runs from changing anything. The first
# example in the source is the newest, so "newest first" follows the source.
PUBLISHED_AT = dt.datetime(2020, 5, 4, 12, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def published_at(index):
    return PUBLISHED_AT + dt.timedelta(minutes=len(EXAMPLES) - index)


class _Tally:
    """Counts what a run created and changed, and reports it if asked."""

    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0
        self.updated = 0

    def record(self, obj, outcome):
        if outcome == "created":
            self.created += 1
        else:
            self.updated += 1
        if self.stdout is not None:
            self.stdout.write(f"{outcome}: {obj._meta.verbose_name} {obj}")


def _differs(obj, field, value):
    if isinstance(field, models.ForeignKey):
        return getattr(obj, field.attname) != (value.pk if value is not None else None)
    return getattr(obj, field.name) != value


def _upsert(model, lookup, values, tally):
    """Create or update one row, saving only when something differs.

    A plain update_or_create() would save on every run, bumping updated_at and
    adding a history record each time.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        outcome = "created"
    else:
        changed = [
            name
            for name, value in values.items()
            if _differs(obj, model._meta.get_field(name), value)
        ]
        if not changed:
            return obj, "unchanged"
        for name in changed:
            setattr(obj, name, values[name])
        outcome = "updated"
    obj.full_clean()
    obj.save()
    tally.record(obj, outcome)
    return obj, outcome


def _set_m2m(obj, name, wanted):
    """Replace a many-to-many set if it differs; return whether it did."""
    manager = getattr(obj, name)
    if set(manager.values_list("pk", flat=True)) == {o.pk for o in wanted}:
        return False
    manager.set(wanted)
    return True


def load_demo(*, stdout=None):
    """Load or refresh the demo content and return how many rows of each kind it covers.

    `stdout`, if given, receives one line per row created or updated.
    """
    tally = _Tally(stdout)
    with transaction.atomic():
        categories = _load_categories(tally)
        target_groups = _load_target_groups(tally)
        municipalities = _municipalities()
        organisations = _load_organisations(municipalities, tally)
        partnerships, memberships, meetings = _load_partnerships(organisations, tally)
        _load_examples(
            categories=categories,
            target_groups=target_groups,
            municipalities=municipalities,
            organisations=organisations,
            partnerships=partnerships,
            tally=tally,
        )
        _load_adoptions(tally)
        _load_synonyms(tally)
    return {
        "categories": len(categories),
        "target_groups": len(target_groups),
        "organisations": len(organisations),
        "partnerships": len(partnerships),
        "memberships": memberships,
        "meetings": meetings,
        "initiatives": len(EXAMPLES),
        "adoptions": len(ADOPTIONS),
        "synonym_groups": len(SYNONYMS),
        "created": tally.created,
        "updated": tally.updated,
    }


def _load_categories(tally):
    """Upsert the categories in source order; return them by slug."""
    categories = {}
    for position, row in enumerate(CATEGORIES, start=1):
        categories[row["slug"]], _ = _upsert(
            Category,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "name_en": row["name_en"],
                "description": row["description"],
                "position": position,
            },
            tally,
        )
    return categories


def _load_target_groups(tally):
    """Upsert the target groups in source order; return them by slug."""
    target_groups = {}
    for position, row in enumerate(TARGET_GROUPS, start=1):
        target_groups[row["slug"]], _ = _upsert(
            TargetGroup,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "name_en": row["name_en"],
                "position": position,
                "vulnerable": row.get("vulnerable", False),
            },
            tally,
        )
    return target_groups


def _municipalities():
    """Return the municipalities the content mentions, by code."""
    codes = {row["municipality"] for row in ORGANISATIONS if "municipality" in row}
    codes |= {code for row in EXAMPLES for code in row.get("municipalities", [])}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    missing = codes - municipalities.keys()
    if missing:
        # The municipalities come from a data migration; without them the
        # database is not migrated and nothing here makes sense.
        raise Municipality.DoesNotExist(f"Municipality codes not loaded: {sorted(missing)}")
    return municipalities


def _load_organisations(municipalities, tally):
    """Upsert the organisations; return them by slug."""
    organisations = {}
    for row in ORGANISATIONS:
        values = {k: v for k, v in row.items() if k not in ("slug", "municipality")}
        values["municipality"] = municipalities.get(row.get("municipality"))
        organisations[row["slug"]], _ = _upsert(Organisation, {"slug": row["slug"]}, values, tally)
    return organisations


def _load_partnerships(organisations, tally):
    """Upsert the partnerships with their memberships and meetings.

    Return the partnerships by slug and how many memberships and meetings
    the content has.
    """
    partnerships = {}
    memberships = meetings = 0
    for row in PARTNERSHIPS:
        values = {k: v for k, v in row.items() if k not in ("slug", "members", "meetings")}
        partnership, _ = _upsert(Partnership, {"slug": row["slug"]}, values, tally)
        partnerships[row["slug"]] = partnership
        for org_slug, role in row["members"]:
            _upsert(
                Membership,
                {"partnership": partnership, "organisation": organisations[org_slug]},
                {"role": role},
                tally,
            )
            memberships += 1
        for meeting in row["meetings"]:
            _upsert(
                Meeting,
                {"partnership": partnership, "title": meeting["title"]},
                {"summary": meeting["summary"], "date": None},
                tally,
            )
            meetings += 1
    return partnerships, memberships, meetings


def _load_examples(
    *, categories, target_groups, municipalities, organisations, partnerships, tally
):
    """Upsert the good examples, published, with their many-to-many relations."""
    for index, example in enumerate(EXAMPLES):
        row = {**EXAMPLE_DEFAULTS, **example}
        values = _example_values(
            row,
            index,
            categories=categories,
            organisations=organisations,
            partnerships=partnerships,
        )
        initiative, outcome = _upsert(Initiative, {"slug": row["slug"]}, values, tally)
        relations_changed = [
            _set_m2m(initiative, "target_groups", [target_groups[s] for s in row["target_groups"]]),
            _set_m2m(
                initiative,
                "partner_organisations",
                [organisations[s] for s in row["partner_organisations"]],
            ),
            _set_m2m(
                initiative,
                "municipalities",
                [municipalities[c] for c in row["municipalities"]],
            ),
        ]
        if outcome == "unchanged" and any(relations_changed):
            tally.record(initiative, "updated")


def _load_adoptions(tally):
    """Upsert the adopting libraries, confirmed, and their published adoptions.

    Saving an adoption refreshes its example's spread (adoptions.signals), so
    the examples' reuse counts follow; an unchanged row is not saved again.
    """
    codes = {row["municipality"] for row in ADOPTING_ORGANISATIONS + ADOPTIONS}
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    organisations = {}
    for row in ADOPTING_ORGANISATIONS:
        values = {
            "name": row["name"],
            "kind": Kind.LIBRARY,
            "municipality": municipalities[row["municipality"]],
            "confirmed": True,
        }
        organisations[row["slug"]], _ = _upsert(Organisation, {"slug": row["slug"]}, values, tally)
    examples = {
        e.slug: e for e in Initiative.objects.filter(slug__in=[a["initiative"] for a in ADOPTIONS])
    }
    for row in ADOPTIONS:
        lookup = {
            "initiative": examples[row["initiative"]],
            "organisation": organisations[row["organisation"]],
        }
        # Told a month after it began and published the next day, at fixed times.
        told = dt.datetime.combine(row["started"], dt.time(12), tzinfo=PUBLISHED_AT.tzinfo)
        values = {
            "municipality": municipalities[row["municipality"]],
            "nationwide": False,
            "started": row["started"],
            "adaptation": row["adaptation"],
            "result": row["result"],
            "state": Adoption.State.PUBLISHED,
            "submitted_at": told + dt.timedelta(days=30),
            "published_at": told + dt.timedelta(days=31),
        }
        _upsert(Adoption, lookup, values, tally)


def _load_synonyms(tally):
    """Upsert the synonym groups, each matched on its first word.

    A group has no name; a curator's group that holds the first word is the
    demo's, and gets its words.
    """
    groups = list(SynonymGroup.objects.all())
    for words in SYNONYMS:
        first = words.split(",")[0].strip().casefold()
        found = [g for g in groups if first in {w.casefold() for w in g.synonyms()}]
        if found:
            _upsert(SynonymGroup, {"pk": found[0].pk}, {"words": words}, tally)
        else:
            _upsert(SynonymGroup, {"words": words}, {}, tally)


def _example_values(row, index, *, categories, organisations, partnerships):
    """Return an example's field values, with its foreign keys resolved."""
    plain = [
        "title",
        "summary",
        "description",
        "format",
        "status",
        "start_date",
        "end_date",
        "nationwide",
        "uses_volunteers",
        "evidence",
        "evaluation_summary",
        "outcomes",
        "resources",
        "how_to_start",
        "costs",
        "featured",
        "transfer_preconditions",
        "transfer_adaptable",
        "transfer_essential",
        "transfer_pitfalls",
        "transferability",
    ]
    return {
        **{name: row[name] for name in plain},
        **_known_values(row["known"]),
        "category": categories[row["category"]],
        "lead_organisation": organisations[row["lead_organisation"]],
        "partnership": partnerships[row["partnership"]],
        # Loaded content is curated already, so it goes straight to published
        # instead of through the submit/publish workflow.
        "state": Initiative.State.PUBLISHED,
        "published_at": published_at(index),
    }


def _known_values(known):
    """The knowledge declaration's model fields from {dimension key: (level, why)}."""
    values = {}
    for dimension in DIMENSIONS:
        values[dimension.field], values[dimension.why_field] = known[dimension.key]
    return values
