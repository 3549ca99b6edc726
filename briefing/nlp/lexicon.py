"""General English word lists the rules share (no article-specific names).

Kept in one place so that the rule modules stay short and the vocabulary can be
reviewed on its own.
"""

from __future__ import annotations


def words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``, in order (for readable word lists)."""
    return tuple(text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised only because they start a sentence or a headline: never names on their own.
FUNCTION_WORDS = _words(
    """a an the this that these those there here it its it's his her their our my your we they he
    she i you and or but nor so yet if as at by for from in into of on onto to with without over
    under after before since until while when where why how what who whom whose which than then
    also just even still only not no nor all any both each every few many more most much several
    some such one two three four five six seven eight nine ten dozens hundreds thousands
    according however meanwhile although though because despite during earlier later now today
    yesterday tomorrow tonight last next this mr mrs ms dr is are was were be been has have had
    do does did will would can could should may might must shall image caption photo video
    watch read share click follow download subscribe update breaking live exclusive
    nobody everyone everybody someone somebody anyone nothing everything something first
    second third finally next instead yes oh well please thanks another other unlike like amid
    among against between beyond following including regarding via within toward towards upon
    former meanwhile inside outside through throughout"""
)

# Nouns for people and groups of people: heads of "who" group phrases.
PEOPLE_NOUNS = _words(
    """people persons individuals men women children kids boys girls babies adults teenagers
    soldiers servicemen troops fighters militants rebels insurgents gunmen attackers bombers
    police officers officials lawmakers legislators senators ministers diplomats leaders
    passengers commuters drivers pilots crew residents locals villagers citizens voters
    supporters protesters demonstrators activists campaigners critics fans customers consumers
    shoppers lovers workers employees staff students teachers doctors nurses patients victims
    survivors witnesses rescuers firefighters paramedics investigators detectives prosecutors
    lawyers judges journalists reporters migrants refugees prisoners detainees hostages
    civilians families relatives parents friends players athletes drivers spectators
    inhabitants tourists visitors members veterans farmers miners""",
)

# Singular actor nouns that answer "who" when no name is given ("the driver", "a gunman").
ACTOR_NOUNS = _words(
    """man woman boy girl child driver gunman bomber attacker suspect victim pilot passenger
    officer soldier serviceman spokesman spokeswoman spokesperson witness survivor resident
    lawyer attorney official minister president candidate police""",
)

# Words that make a capitalised phrase an organisation.
ORG_HEADS = _words(
    """foundation police service services ministry department agency office bureau council
    committee commission party bank group company corporation corp inc ltd plc llc co
    international association union federation league club team university college school
    institute institution center centre hospital court parliament congress senate assembly
    government administration army navy force forces brigade guard guards command movement
    network channel news times post journal telegraph mail guardian herald tribune press
    reuters republic fund trust alliance coalition organisation organization society church
    airlines airways railway railways brigade cubs fbi cia nato logistics holdings industries
    solutions systems technologies partners energy shipping motors pharmaceuticals
    laboratories labs enterprises ventures investments securities insurance consulting
    authority authorities foods brands studio studios animation media observatory laboratory
    exchange academy infirmary clinic shelter productions records robotics
    brotherhood orchestra philharmonic choir ensemble quartet""",
)

# Common nouns that describe an organisation in an appositive or before its name
# ("Maasvlakte Logistics, a storage company"; "environmental group Clean North Sea").
ORG_DESCRIPTORS = _words(
    """company firm group organisation organization charity agency operator association
    campaign movement network coalition union party ngo manufacturer maker retailer insurer
    bank lender carrier airline conglomerate startup start-up broadcaster publisher watchdog
    regulator body institute consortium contractor developer supplier giant outlet newspaper
    charity foundation trust club business chain producer provider utility label""",
)

# Words in an organisation's description that mark it as speaking for a cause.
ADVOCACY_WORDS = _words(
    """advocacy campaign campaigning lobby lobbying pressure activist activists environmental
    conservation rights protest opposition anti-war green""",
)

# Organisations that speak for a cause: a source affiliated with one is an interested party.
ADVOCACY_HEADS = _words(
    """foundation movement campaign coalition alliance association union party network
    committee fund trust society advocates initiative""",
)

# Words that make a phrase after in/at/near a place, and its kind.
PLACE_HEADS = {
    **dict.fromkeys(
        words(
            """station stop road street avenue square tower towers house field park airport
            bridge stadium circuit track hospital school church mosque temple palace hotel
            building centre center consulate embassy base camp prison jail market mall
            tunnel underpass port harbour harbor beach office headquarters arena museum
            gallery theater theatre library zoo garden gardens cathedral chapel abbey castle
            monument memorial cemetery site resort"""
        ),
        "site",
    ),
    **dict.fromkeys(
        words(
            """region province county state district oblast prefecture territory republic
            valley coast island islands peninsula"""
        ),
        "region",
    ),
    **dict.fromkeys(words(
        """city town village suburb borough capital"""
    ), "city"),
}

# Role words: a title before a name or the head of an appositive ("legal director of ...").
ROLE_WORDS = _words(
    """president director chief head boss leader chairman chairwoman chair secretary minister
    spokesman spokeswoman spokesperson lawyer attorney advocate founder ceo executive manager
    officer commander general colonel captain sergeant constable inspector superintendent
    senator governor mayor ambassador judge prosecutor professor expert analyst editor
    correspondent reporter principal coach driver owner member adviser advisor aide
    campaigner activist candidate nominee pastor bishop king queen prince princess mp speaker
    democrat republican senator congressman congresswoman representative chancellor premier
    president-elect father mother son daughter brother sister wife husband commissioner
    councillor""",
)

# Occupations written as a title before a name ("Musician Lady Gaga", "Poet Laureate Simon
# Armitage"). Not role words: "the author of the report" and "the architect of the plan" are
# said of organisations too.
OCCUPATIONS = _words(
    """musician singer songwriter rapper actor actress artist author writer novelist poet
    laureate philosopher scientist economist historian comedian painter composer
    photographer journalist columnist physicist astronaut architect entrepreneur businessman
    businesswoman footballer goalkeeper midfielder""",
)

# Verbs that report speech; the stance of an attributed claim.
REPORTING_VERBS = _words(
    """said says say told tells stated states explained explains added adds claimed claims
    claim denied denies deny alleged alleges allege confirmed confirms announced announces
    reported reports insisted insists warned warns noted notes argued argues wrote writes
    tweeted tweets admitted admits acknowledged acknowledges revealed reveals suggested
    suggests described describes commented recalled asserted maintained disputed
    estimated believes believed""",
)

# Markers that a claim has not been established by the article itself.
HEDGES = (
    "could not be independently verified",
    "could not be verified",
    "has not been verified",
    "have not been verified",
    "not independently confirmed",
    "unconfirmed",
    "unverified",
    "reportedly",
    "allegedly",
    "purportedly",
    "apparently",
    "supposedly",
    "according to",
    "is believed to",
    "are believed to",
    "is thought to",
    "are thought to",
    "is said to",
    "are said to",
    # "claims"/"alleged" by sense: "he claims that", "it is alleged"; not "compensation
    # claims" (a noun) nor "the alleged attacker" (the legal adjective).
    "claimed that",
    "claims that",
    "claimed to",
    "claims to",
    "is alleged",
    "are alleged",
    "was alleged",
    "were alleged",
    "alleged that",
    "appears to",
    "appear to",
    "appeared to",
    "seems to",
    "seem to",
    "seemed to",
    "rumoured",
    "rumored",
)

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Vague quantities a headline may use where the body gives a count.
VAGUE_QUANTIFIERS = _words("several many some dozens scores hundreds numerous multiple few")

# Nouns that count the same people under different words ("soldiers" / "servicemen").
NOUN_CLASSES = (
    _words("soldiers servicemen troops fighters conscripts recruits servicemembers"),
    _words("people persons individuals"),
    _words("dead killed deaths fatalities victims"),
    _words("injured wounded hurt injuries casualties"),
    _words("police officers policemen"),
    _words("protesters demonstrators marchers"),
    _words("prisoners detainees inmates"),
)

# Words that open a sentence or greet, capitalised but never part of a name ("Hey Frank").
NOT_NAMES = _words(
    """hey hi hello dear yes no oh ok okay please thanks thank sorry wow well so now then
    currently recently meanwhile additionally moreover furthermore nevertheless indeed
    perhaps maybe sadly unfortunately fortunately hopefully however today together soon
    again eventually originally initially afterwards subsequently thus therefore hence play
    replay pause"""
)

# Describing words that open a sentence before a name ("Ousted WeWork founder", "Rival
# Lowe", "Once Trump leaves"): not the name, though elsewhere they may be part of one
# ("Department of Veteran Affairs", "Rival Sons", "Sally Fellow").
OPENERS = _words(
    """once recent rival fellow veteran outgoing incoming ousted embattled beleaguered
    disgraced jailed slain"""
)

# Last words that make a name a geographic feature or a street: a place, never an actor.
GEO_HEADS = _words(
    """lake lakes river sea ocean bay gulf strait straits canal lagoon reef island islands
    isle isles archipelago atoll peninsula mountain mountains valley canyon desert jungle
    swamp delta glacier volcano coast plain plains plateau boulevard blvd street st avenue
    ave road rd plaza square highway freeway motorway bridge tunnel tube quarter
    neighbourhood neighborhood area heights creek trail cliff cliffs terrace terraces shelf line
    gardens northeast northwest southeast southwest"""
)
# Such last words that are also surnames ("Christopher Hill", "Joan Rivers"): a place only
# where the article puts "the" or a locative preposition before the name.
GEO_HEADS_WEAK = _words("""hill hills lane park forest springs shore marsh rivers falls drive""")
# First words that make a name a place: "Lake Erie", "Mount Kenya", "Port Hutt".
GEO_FIRST = _words(
    """lake mount mt port cape gulf isla fort bay sierra la le les el los las il lo wat plac
    rue via calle avenida jalan piazza upper lower greater downtown uptown st st. ste sankt
    municipality"""
)

# Last words of events, and first words of named storms and operations.
EVENT_HEADS = _words(
    """war wars games olympics paralympics cup championship championships tournament
    open awards award prize prizes festival fest show expo fair marathon derby prix
    revolution rebellion uprising massacre ages era period summit election elections
    earthquake hurricane typhoon cyclone storm meeting year gp finals series"""
)
EVENT_FIRST = _words("""cyclone hurricane typhoon storm operation battle siege festival""")

# Last words of works, products, vehicles, laws and ideas: things, never actors.
THING_HEADS = _words(
    """telescope rover probe spacecraft satellite shuttle clipper rocket aircraft airliner
    jet jets plane ship vessel submarine boat tank rifle missile drone engine car truck
    phone symphony concerto sonata album novel film movie documentary book magazine
    principle theorem equation hypothesis theory law act bill treaty accord agreement
    protocol declaration doctrine plan scholarship fellowship degree vaccine drug app
    software platform game manifesto requiem gospel gospels architecture cuisine food
    recollections memoirs sonnet sonnets ballad overture species license licence definition
    average index grant grants"""
)

# Languages, nationality and religion adjectives that a country's name does not give away.
ADJECTIVE_NAMES = _words(
    """english french german spanish italian portuguese dutch greek latin hebrew arabic
    persian polish russian chinese japanese korean hindi urdu bengali turkish swedish
    norwegian danish finnish czech slovak hungarian romanian bulgarian serbian croatian
    ukrainian irish scottish welsh british american canadian mexican australian swiss thai
    vietnamese filipino indonesian malay african european asian western eastern northern
    southern christian muslim islamic jewish hindu buddhist catholic protestant orthodox
    sunni shia shiite nazi communist socialist roman byzantine ottoman victorian gothic
    baroque romantic classical medieval modern celtic norse saxon anglo latino hispanic
    brit briton scots arab"""
)

# Capitalised abbreviations of things, units and degrees: not organisations.
THING_ACRONYMS = _words(
    """dna rna tv atm pin gps pc cd cds dvd usb sms pdf phd ph.d mba ma ba bsc msc md ad bc
    bce ce am pm ok ufo aids hiv covid gdp vat suv rov uav led lcd hd ai iq id ivf icu cpr
    mri ct dj vip faq bdsm lgbt lgbtq nb ps rsvp diy km kg mph hq rbi mvp cc"""
)

# Sites named for the body that runs them: an organisation in Who, not a place in Where.
INSTITUTION_HEADS = _words("""school college university academy church institute seminary""")

# Picture agencies whose shouted credit runs into a caption's names ("GETTY Trump").
PHOTO_CREDITS = _words(
    """getty reuters afp ap epa pa alamy shutterstock bloomberg xinhua anadolu tass corbis
    rex images photo photos picture pictures credit"""
)

# Directions: "Northeast", "East of Main" name areas, never actors.
COMPASS_WORDS = _words(
    """north south east west northeast northwest southeast southwest northern southern eastern
    western"""
)

# Words of place names in other languages (streets, squares, churches, mosques, coves,
# islands): a name that holds one is a place ("Plaza Mayor", "Rue de Rivoli", "Masjed-e Jame").
FOREIGN_PLACE_WORDS = _words(
    """catedral iglesia paseo calle avenida museo palacio parque playa puerto cerro río
    lago isla rue pont église eglise château chateau musée musee anse pointe île ile
    piazza chiesa palazzo duomo praça praca rua igreja masjed masjid meydan meidan bazaar
    souk wat plac ulica rynek platz strasse straße kirche schloss gracht kerk plein terre"""
)

# Time zones that run into the name after a timestamp ("5:30 PST Gaga").
TIME_ZONES = _words("""pst pdt est edt cst cdt mst mdt gmt bst cet cest utc et pt ist aest jst""")


# Heads of an unnamed voice that speaks for a body, not an anonymous person ("the ministry",
# "officials", "the country", "the unions"): an official voice, never an "unnamed source".
OFFICIAL_HEADS = _words(
    """official officials police spokesman spokeswoman spokesperson ministry department
    authorities authority government prosecutors prosecutor investigators army military
    hospital service services brigade council agency office court coastguard
    municipality mayor governor embassy regulator inspectorate commission company firm
    operator airline school university administration navy command country state city
    union unions county district board committee organisers organizers management""",
)

# What a document is called when it speaks ("the statement said", "a new poll shows", "the
# filing states"): a document voice, never an unnamed person.
DOCUMENT_HEADS = _words(
    """report statement study document documents website letter filing records data survey
    indictment complaint lawsuit memo law rule policy agreement contract poll census analysis
    review audit sign placard post message""",
)
