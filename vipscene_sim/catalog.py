"""What each asset category is: where it goes, what it is called, how big and heavy it is.

``synonyms`` are other names for the same thing; ``terms`` are words that point to it in
perception labels (sub-types, parts, materials, rooms). Size ranges (metres, object axes X =
front-back depth, Y = width, Z = height) bound how far fitting may scale an asset of the category;
``mass`` is a typical mass in kg at the category's typical size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Placement = Literal["floor", "wall", "ceiling", "on"]


@dataclass(frozen=True)
class CategorySpec:
    name: str
    placement: Placement
    synonyms: tuple[str, ...]
    terms: tuple[str, ...]
    size_min: tuple[float, float, float]
    size_max: tuple[float, float, float]
    mass: float
    dynamic: bool
    description: str


def _c(name, placement, synonyms, terms, size_min, size_max, mass, dynamic, description):
    return CategorySpec(name, placement, tuple(synonyms.split(",")) if synonyms else (),
                        tuple(terms.split(",")) if terms else (), size_min, size_max, mass, dynamic, description)


_SPECS = [
    # -- floor furniture -----------------------------------------------------------------------
    _c("bed", "floor", "double bed,queen bed,king bed,single bed,twin bed", "mattress,headboard,bedframe,bed frame,duvet,bedstead,four poster,canopy,divan bed,sleeping",
       (1.8, 0.8, 0.3), (2.4, 2.2, 2.3), 60.0, False, "a bed with a mattress"),
    _c("bunk_bed", "floor", "bunkbed,bunk,loft bed", "double decker,stacked beds,ladder,top bunk,kids",
       (1.9, 0.9, 1.4), (2.6, 1.5, 2.0), 70.0, False, "two beds stacked with a ladder"),
    _c("crib", "floor", "cot,baby bed,cradle", "nursery,infant,toddler bed,bassinet,playpen,baby",
       (0.6, 0.8, 0.7), (0.9, 1.5, 1.1), 20.0, False, "a baby crib with slatted sides"),
    _c("sofa", "floor", "couch,settee,loveseat", "sectional,chesterfield,futon,davenport,divan,three seater,two seater,lounge,sleeper",
       (0.7, 1.2, 0.6), (1.2, 3.2, 1.1), 45.0, False, "an upholstered sofa"),
    _c("armchair", "floor", "lounge chair,easy chair,club chair", "wingback,recliner,accent chair,reading chair,fauteuil,upholstered chair,tub chair,bergere,recliner chair,wingback chair,arm chair,lazy boy",
       (0.6, 0.6, 0.6), (1.1, 1.1, 1.3), 20.0, False, "an upholstered armchair"),
    _c("chair", "floor", "dining chair,side chair", "kitchen chair,wooden chair,seat,folding chair,ladderback,windsor,plastic chair,stackable",
       (0.4, 0.4, 0.7), (0.65, 0.6, 1.15), 5.0, True, "a chair with four legs and a backrest"),
    _c("office_chair", "floor", "desk chair,swivel chair,task chair", "computer chair,gaming chair,executive chair,rolling chair,ergonomic,mesh chair,caster",
       (0.5, 0.5, 0.85), (0.8, 0.8, 1.35), 14.0, True, "a swivel office chair on casters"),
    _c("stool", "floor", "bar stool,barstool,counter stool", "footstool,step stool,tabouret,high stool,seat without back",
       (0.28, 0.28, 0.35), (0.5, 0.5, 0.85), 4.0, True, "a backless stool"),
    _c("bench", "floor", "settle,banquette", "hallway bench,entryway bench,piano bench,bed end bench,pew,form",
       (0.3, 0.8, 0.4), (0.6, 2.0, 0.9), 12.0, False, "a long bench seat"),
    _c("ottoman", "floor", "pouf,pouffe,footrest", "hassock,foot stool,tuffet,upholstered stool,cube seat",
       (0.35, 0.35, 0.3), (0.9, 1.2, 0.5), 6.0, True, "an upholstered footrest"),
    _c("dining_table", "floor", "kitchen table,dinner table", "dinette,trestle table,banquet table,table for six,farmhouse table,extending table,refectory",
       (0.75, 0.75, 0.7), (1.2, 2.8, 0.8), 35.0, False, "a dining table"),
    _c("coffee_table", "floor", "cocktail table,center table,centre table", "low table,tea table,lounge table,sofa table",
       (0.4, 0.5, 0.3), (1.0, 1.6, 0.5), 15.0, False, "a low coffee table"),
    _c("side_table", "floor", "end table,accent table,occasional table", "lamp table,small table,pedestal table,gueridon,round table,snack table",
       (0.3, 0.3, 0.4), (0.7, 0.7, 0.75), 6.0, True, "a small side table"),
    _c("desk", "floor", "writing desk,computer desk,office desk", "workstation,study table,bureau,secretary,standing desk,work table,escritoire,workbench",
       (0.45, 0.8, 0.68), (1.4, 2.0, 0.8), 30.0, False, "a desk"),
    _c("nightstand", "floor", "bedside table,night table,bedside cabinet", "nightstands,night stand,bedside drawer,bedside chest,bedside",
       (0.3, 0.35, 0.4), (0.55, 0.7, 0.75), 12.0, False, "a bedside nightstand"),
    _c("dresser", "floor", "chest of drawers,bureau,commode", "drawers,lowboy,highboy,tallboy,sideboard,credenza,buffet,console,vanity dresser,dressing table,vanity table,drawer unit,drawer chest,chest",
       (0.35, 0.6, 0.6), (0.65, 2.0, 1.5), 45.0, False, "a chest of drawers"),
    _c("wardrobe", "floor", "closet,armoire,clothes cabinet", "cupboard,wardrobe closet,clothes press,tall cabinet,hanging closet,linen press",
       (0.45, 0.7, 1.6), (0.7, 2.6, 2.5), 70.0, False, "a tall wardrobe with doors"),
    _c("bookshelf", "floor", "bookcase,shelving unit,shelves", "shelf unit,book shelf,etagere,display shelf,library,rack,open shelves,shelving",
       (0.22, 0.5, 0.7), (0.5, 2.0, 2.4), 35.0, False, "a bookshelf with open shelves"),
    _c("cabinet", "floor", "cupboard,storage cabinet,filing cabinet", "file cabinet,sideboard,hutch,locker,pantry,storage unit,utility cabinet,curio",
       (0.3, 0.35, 0.5), (0.7, 1.6, 2.0), 30.0, False, "a storage cabinet"),
    _c("tv_stand", "floor", "media console,tv unit,tv cabinet", "entertainment center,media unit,tv table,television stand,av unit,console table,lowboard,tv console,television console,tv bench",
       (0.3, 0.8, 0.35), (0.6, 2.4, 0.8), 30.0, False, "a low TV stand"),
    _c("kitchen_counter", "floor", "counter,countertop,base cabinet", "worktop,kitchen cabinet,kitchen unit,counter top,cabinetry,kitchen cupboard,lower cabinet",
       (0.5, 0.3, 0.85), (0.75, 3.6, 0.95), 50.0, False, "a kitchen base cabinet with a worktop"),
    _c("kitchen_island", "floor", "island,island counter", "breakfast bar,kitchen cart,butcher block,prep table,peninsula",
       (0.6, 0.9, 0.85), (1.4, 3.0, 1.0), 90.0, False, "a free-standing kitchen island"),
    _c("refrigerator", "floor", "fridge,freezer,fridge freezer", "icebox,cooler,refrigerator freezer,american fridge,minifridge,mini fridge",
       (0.5, 0.5, 0.8), (0.85, 1.0, 2.1), 80.0, False, "a refrigerator"),
    _c("stove", "floor", "range,cooker,oven", "cooktop,hob,gas stove,electric range,burner,stovetop,kitchen range",
       (0.55, 0.5, 0.85), (0.75, 1.2, 1.2), 60.0, False, "a range cooker with an oven"),
    _c("dishwasher", "floor", "dish washer,dishwashing machine", "kitchen appliance,built in dishwasher",
       (0.45, 0.4, 0.4), (0.7, 0.65, 0.9), 45.0, False, "a dishwasher"),
    _c("washing_machine", "floor", "washer,laundry machine,dryer", "tumble dryer,washer dryer,front loader,top loader,clothes washer,laundry appliance",
       (0.5, 0.55, 0.8), (0.8, 0.7, 2.0), 70.0, False, "a front-loading washing machine"),
    _c("toilet", "floor", "wc,water closet,lavatory", "commode,toilet bowl,loo,latrine,restroom,john,potty",
       (0.5, 0.33, 0.65), (0.8, 0.5, 1.2), 25.0, False, "a toilet"),
    _c("bathtub", "floor", "bath,tub,bath tub", "bathtub,clawfoot,jacuzzi,soaking tub,hot tub,whirlpool",
       (0.65, 1.2, 0.45), (1.0, 2.0, 0.75), 60.0, False, "a bathtub"),
    _c("shower", "floor", "shower stall,shower cabin,shower enclosure", "shower cubicle,shower tray,shower box,walk-in shower,glass shower",
       (0.7, 0.7, 1.8), (1.2, 1.6, 2.4), 50.0, False, "a shower enclosure"),
    _c("sink", "floor", "washbasin,wash basin,vanity,basin", "lavatory sink,vanity unit,kitchen sink,bathroom sink,hand basin,pedestal sink,faucet",
       (0.35, 0.4, 0.75), (0.7, 1.6, 1.0), 25.0, False, "a sink on a vanity or pedestal"),
    _c("floor_lamp", "floor", "standing lamp,standard lamp", "floor light,torchiere,arc lamp,tall lamp,uplighter,reading lamp,lamp",
       (0.2, 0.2, 1.2), (1.4, 1.4, 2.1), 6.0, True, "a tall floor lamp"),
    _c("plant", "floor", "potted plant,houseplant,house plant", "pot plant,planter,flower pot,ficus,fern,palm,monstera,succulent,cactus,tree,bonsai,flowers,greenery,shrub",
       (0.12, 0.12, 0.15), (1.0, 1.0, 2.2), 8.0, True, "a plant in a pot"),
    _c("rug", "floor", "carpet,mat,area rug", "runner,doormat,bath mat,floor mat,kilim,dhurrie,rag rug,shag",
       (0.4, 0.6, 0.005), (3.5, 4.5, 0.03), 4.0, False, "a rug on the floor"),
    _c("piano", "floor", "upright piano,grand piano", "keyboard instrument,pianoforte,spinet,clavinova,digital piano,organ,harpsichord",
       (0.45, 1.2, 0.9), (1.8, 1.7, 1.4), 200.0, False, "a piano"),
    _c("trash_can", "floor", "bin,garbage can,waste basket", "wastebasket,trashcan,rubbish bin,dustbin,litter bin,recycling bin,pedal bin,wastebin,garbage,refuse",
       (0.18, 0.18, 0.25), (0.5, 0.6, 0.9), 2.5, True, "a bin"),
    # -- wall ----------------------------------------------------------------------------------
    _c("tv", "wall", "television,flat screen,tv screen", "flatscreen,smart tv,lcd tv,led tv,plasma,telly,display screen,home cinema",
       (0.03, 0.6, 0.35), (0.35, 2.0, 1.2), 15.0, False, "a flat-screen television"),
    _c("painting", "wall", "picture,artwork,framed print", "poster,canvas,wall art,portrait,photograph,photo frame,print,frame,art,drawing",
       (0.01, 0.2, 0.2), (0.08, 2.0, 1.5), 3.0, False, "a framed picture"),
    _c("mirror", "wall", "wall mirror,looking glass", "vanity mirror,full length mirror,bathroom mirror,reflection,cheval",
       (0.01, 0.3, 0.3), (0.08, 1.6, 2.0), 6.0, False, "a framed mirror"),
    _c("wall_shelf", "wall", "floating shelf,wall rack,wall-mounted shelf", "ledge,shelf,shelves on wall,bracket shelf,hanging shelf,spice rack",
       (0.12, 0.3, 0.02), (0.45, 2.0, 1.0), 4.0, False, "a shelf mounted on the wall"),
    _c("wall_cabinet", "wall", "upper cabinet,wall cupboard,medicine cabinet", "kitchen wall unit,overhead cabinet,hanging cabinet,bathroom cabinet,mirror cabinet",
       (0.12, 0.3, 0.3), (0.45, 1.5, 1.0), 15.0, False, "a cabinet hung on the wall"),
    # -- ceiling -------------------------------------------------------------------------------
    _c("ceiling_lamp", "ceiling", "ceiling light,pendant light,chandelier", "pendant lamp,light fixture,ceiling fan,overhead light,downlight,hanging lamp,lantern,light",
       (0.15, 0.15, 0.05), (1.2, 1.2, 1.0), 3.0, False, "a light hanging from the ceiling"),
    # -- small objects on surfaces -------------------------------------------------------------
    _c("table_lamp", "on", "desk lamp,bedside lamp,reading light", "lamp,lampshade,lamp shade,task lamp,night light,light",
       (0.1, 0.1, 0.2), (0.5, 0.5, 0.8), 2.0, True, "a lamp that stands on a table"),
    _c("mug", "on", "cup,coffee cup,tea cup", "teacup,beaker,tumbler,glass,coffee mug,tankard",
       (0.06, 0.06, 0.06), (0.16, 0.16, 0.16), 0.35, True, "a mug with a handle"),
    _c("bowl", "on", "dish,basin bowl,serving bowl", "fruit bowl,salad bowl,cereal bowl,soup bowl,mixing bowl",
       (0.08, 0.08, 0.03), (0.45, 0.45, 0.2), 0.4, True, "a bowl"),
    _c("plate", "on", "dinner plate,dish plate,saucer", "platter,charger,side plate,tray",
       (0.1, 0.1, 0.01), (0.4, 0.4, 0.05), 0.5, True, "a plate"),
    _c("bottle", "on", "water bottle,wine bottle,flask", "jar,carafe,decanter,jug,soap bottle,shampoo,spray,beer,soda,container,pitcher",
       (0.04, 0.04, 0.1), (0.14, 0.14, 0.4), 0.8, True, "a bottle"),
    _c("vase", "on", "flower vase,urn,jar vase", "vessel,amphora,pot,flowers in vase,ceramic pot,centerpiece",
       (0.06, 0.06, 0.1), (0.45, 0.45, 0.8), 1.2, True, "a vase"),
    _c("book", "on", "books,novel,paperback", "hardcover,hardback,textbook,magazine,notebook,journal,binder,album,stack of books,encyclopedia,diary",
       (0.1, 0.1, 0.01), (0.35, 0.8, 0.35), 0.6, True, "a book"),
    _c("laptop", "on", "notebook computer,macbook,portable computer", "laptop computer,chromebook,ultrabook,computer,pc",
       (0.18, 0.25, 0.015), (0.42, 0.45, 0.3), 1.8, True, "a laptop computer"),
    _c("monitor", "on", "computer monitor,computer screen,display", "screen,lcd,pc monitor,desktop monitor,imac,computer display,desktop",
       (0.12, 0.3, 0.25), (0.35, 1.0, 0.7), 5.0, True, "a computer monitor on a stand"),
    _c("keyboard", "on", "computer keyboard,typing keyboard,keypad", "keys,mechanical keyboard,wireless keyboard",
       (0.1, 0.25, 0.015), (0.25, 0.55, 0.05), 0.7, True, "a computer keyboard"),
    _c("box", "on", "storage box,cardboard box,carton", "crate,bin box,chest,case,package,parcel,container box,jewelry box,tin,shoebox",
       (0.08, 0.08, 0.05), (0.7, 0.9, 0.6), 1.0, True, "a box"),
    _c("pillow", "on", "cushion,throw pillow,pillows", "bolster,head rest,scatter cushion,sofa cushion,decorative pillow",
       (0.1, 0.25, 0.06), (0.6, 1.0, 0.6), 0.6, True, "a pillow"),
    _c("basket", "on", "wicker basket,hamper,laundry basket", "storage basket,bread basket,fruit basket,woven basket,picnic basket,tote,bin basket",
       (0.15, 0.15, 0.08), (0.6, 0.7, 0.7), 1.0, True, "a basket"),
    _c("cooking_pot", "on", "pot,saucepan,stock pot", "pan,casserole,dutch oven,cookware,wok,kettle,frying pan,skillet",
       (0.15, 0.15, 0.08), (0.45, 0.45, 0.35), 2.0, True, "a cooking pot with handles"),
    _c("microwave", "on", "microwave oven,countertop microwave", "convection oven,toaster oven,mini oven",
       (0.28, 0.4, 0.22), (0.55, 0.8, 0.45), 13.0, False, "a microwave oven"),
    _c("toaster", "on", "pop-up toaster,bread toaster", "sandwich maker,toaster oven,kitchen appliance",
       (0.12, 0.2, 0.15), (0.3, 0.45, 0.28), 2.0, True, "a toaster"),
    _c("alarm_clock", "on", "clock,bedside clock,desk clock", "timepiece,digital clock,alarm,radio clock,table clock",
       (0.04, 0.06, 0.05), (0.15, 0.25, 0.25), 0.3, True, "a small alarm clock"),
]

CATEGORIES: dict[str, CategorySpec] = {c.name: c for c in _SPECS}

# Furniture that stands with its back against a wall (refinement snaps it there; lifting takes a
# nearby wall as evidence of where its back is).
WALL_BACKED = frozenset(
    "bed bunk_bed crib wardrobe bookshelf dresser nightstand cabinet tv_stand kitchen_counter refrigerator stove "
    "dishwasher washing_machine sink toilet bathtub shower piano desk".split()
)
# Things without a front: a quarter or half turn changes nothing a person would notice.
NO_FRONT = frozenset("rug dining_table coffee_table side_table ottoman plant trash_can box bowl plate vase "
                     "basket pillow cooking_pot stool".split())
# Round things: turning them about +Z changes nothing, so they have no yaw to measure.
ROUND = frozenset("floor_lamp table_lamp ceiling_lamp plant vase bowl plate mug bottle trash_can cooking_pot "
                  "basket".split())
