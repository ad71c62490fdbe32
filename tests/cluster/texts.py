"""Small real-world-style articles written for these tests (not evaluation data)."""

VOLCANO = [
    (
        "Volcano erupts again near Grindavik on Iceland's Reykjanes peninsula",
        "A volcanic eruption began on Iceland's Reykjanes peninsula late on Wednesday, "
        "sending lava fountains into the night sky north of the fishing town of Grindavik. "
        "The Icelandic Meteorological Office said the fissure opened near Sundhnukur crater "
        "after a swarm of small earthquakes. Civil defence authorities evacuated the Blue "
        "Lagoon spa and the few residents who had returned to Grindavik. Flights at "
        "Keflavik airport were not affected, Isavia said.",
    ),
    (
        "Lava flows toward Grindavik defences as Reykjanes eruption continues",
        "Lava from the eruption on the Reykjanes peninsula flowed toward the earth barriers "
        "built to protect Grindavik on Thursday, the Icelandic Meteorological Office said. "
        "The fissure near Sundhnukur crater is about three kilometres long. The Blue Lagoon "
        "spa remains closed and civil defence teams are monitoring the barriers. Keflavik "
        "airport is operating normally, according to Isavia.",
    ),
    (
        "Iceland: eruption near Grindavik is weakening, scientists say",
        "The eruption north of Grindavik on Iceland's Reykjanes peninsula is losing strength, "
        "scientists at the Icelandic Meteorological Office said on Friday. Lava is still "
        "flowing from two vents near Sundhnukur crater, but the fissure has mostly closed. "
        "Grindavik residents may not return yet, civil defence officials said, and the Blue "
        "Lagoon will stay shut through the weekend.",
    ),
]
VOLCANO_DATES = ["2024-03-13", "2024-03-14", "2024-03-15"]

TRAIN_STRIKE = (
    "German train drivers begin six-day strike over pay",
    "Train drivers in Germany walked out on Wednesday in a six-day strike called by the GDL "
    "union, halting most long-distance services run by Deutsche Bahn. GDL leader Claus "
    "Weselsky said the railway had refused to negotiate on shorter working hours. Deutsche "
    "Bahn called the strike an attack on passengers and said only one in five intercity "
    "trains would run. Freight services were also hit, and industry groups warned of "
    "shortages at factories that depend on rail deliveries.",
)

SCHOLZ_FEB = (
    "Olaf Scholz meets Chinese leaders in Beijing to press on trade",
    "German Chancellor Olaf Scholz met Chinese President Xi Jinping in Beijing on Tuesday, "
    "urging fair access for German companies and raising concerns about overcapacity in "
    "electric cars. Scholz travelled with the chief executives of Siemens, BMW and Mercedes. "
    "Xi told Scholz that China and Germany should treat each other as partners, Chinese state "
    "media said. The chancellor also visited Chongqing and Shanghai during the three-day trip.",
)
SCHOLZ_NOV = (
    "Olaf Scholz calls confidence vote after coalition collapses",
    "German Chancellor Olaf Scholz said on Wednesday he would call a confidence vote in the "
    "Bundestag after firing finance minister Christian Lindner, bringing down his three-party "
    "coalition. Scholz accused Lindner of blocking a budget deal. The opposition Christian "
    "Democrats led by Friedrich Merz demanded an early election. Scholz said the vote could "
    "be held in January, opening the way to an election in March.",
)

FRENCH = (
    "Grève à la SNCF : le trafic fortement perturbé ce week-end",
    "Les contrôleurs de la SNCF sont en grève ce week-end à l'appel des syndicats SUD-Rail et "
    "CGT-Cheminots, provoquant l'annulation de nombreux TGV au départ de Paris. La direction "
    "de la SNCF a annoncé qu'un train sur deux circulerait samedi. Le ministre des Transports "
    "a appelé les syndicats à reprendre le dialogue. Les voyageurs peuvent échanger leurs "
    "billets sans frais.",
)
