"""What each asset category is: where it goes, what it is called, how big and heavy it is.

``synonyms`` are other names for the same thing; ``terms`` are words that point to it in
perception labels (sub-types, parts, materials, rooms). Size ranges (metres, object axes X =
front-back depth, Y = width, Z = height) bound how far fitting may scale an asset of the category;
``mass`` is a typical mass in kg at the category's typical size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    typical: tuple[tuple[float, float, float], tuple[float, float, float]] | None = None
    """(min, max) of everyday sizes when narrower than the accepted range; None: the range itself."""

    @property
    def typical_range(self) -> tuple[tuple[float, float, float], tuple[float, float, float]]:
        return self.typical or (self.size_min, self.size_max)

    @property
    def typical_size(self) -> tuple[float, float, float]:
        """The geometric middle of the typical range, m."""
        lo, hi = self.typical_range
        return tuple(float((a * b) ** 0.5) for a, b in zip(lo, hi))


def _c(name, placement, synonyms, terms, size_min, size_max, mass, dynamic, description):
    return CategorySpec(name, placement, tuple(synonyms.split(",")) if synonyms else (),
                        tuple(terms.split(",")) if terms else (), size_min, size_max, mass, dynamic, description)


_SPECS = [
    # -- floor furniture -----------------------------------------------------------------------
    _c("bed", "floor", "double bed,queen bed,king bed,single bed,twin bed", "mattress,headboard,bedframe,bed frame,duvet,bedstead,four poster,canopy,divan bed,sleeping",
       (1.5, 0.7, 0.29), (2.8, 2.3, 2.6), 60.0, False, "a bed with a mattress"),
    _c("bunk_bed", "floor", "bunkbed,bunk,loft bed", "double decker,stacked beds,ladder,top bunk,kids",
       (1.9, 0.9, 1.4), (2.6, 1.5, 2.0), 70.0, False, "two beds stacked with a ladder"),
    _c("crib", "floor", "cot,baby bed,cradle", "nursery,infant,toddler bed,bassinet,playpen,baby",
       (0.6, 0.8, 0.7), (0.9, 1.5, 1.1), 20.0, False, "a baby crib with slatted sides"),
    _c("sofa", "floor", "couch,settee,loveseat", "sectional,chesterfield,futon,davenport,divan,three seater,two seater,lounge,sleeper",
       (0.61, 1.2, 0.55), (2, 3.2, 1.4), 45.0, False, "an upholstered sofa"),
    _c("armchair", "floor", "lounge chair,easy chair,club chair", "wingback,recliner,accent chair,reading chair,fauteuil,upholstered chair,tub chair,bergere,recliner chair,wingback chair,arm chair,lazy boy",
       (0.56, 0.53, 0.55), (1.3, 1.7, 1.4), 20.0, False, "an upholstered armchair"),
    _c("chair", "floor", "dining chair,side chair", "kitchen chair,wooden chair,seat,folding chair,ladderback,windsor,plastic chair,stackable",
       (0.33, 0.32, 0.6), (0.95, 0.71, 1.4), 5.0, True, "a chair with four legs and a backrest"),
    _c("office_chair", "floor", "desk chair,swivel chair,task chair", "computer chair,gaming chair,executive chair,rolling chair,ergonomic,mesh chair,caster",
       (0.5, 0.5, 0.85), (0.8, 0.8, 1.35), 14.0, True, "a swivel office chair on casters"),
    _c("stool", "floor", "bar stool,barstool,counter stool", "step stool,tabouret,high stool,seat without back",
       (0.2, 0.28, 0.35), (0.51, 0.65, 0.85), 4.0, True, "a backless stool"),
    _c("bench", "floor", "settle,banquette", "hallway bench,entryway bench,piano bench,bed end bench,pew,form",
       (0.3, 0.8, 0.4), (0.6, 2.0, 0.9), 12.0, False, "a long bench seat"),
    _c("ottoman", "floor", "pouf,pouffe,footrest", "hassock,foot stool,tuffet,upholstered stool,cube seat",
       (0.19, 0.25, 0.19), (0.93, 1.2, 0.67), 6.0, True, "an upholstered footrest"),
    _c("dining_table", "floor", "kitchen table,dinner table", "dinette,trestle table,banquet table,table for six,farmhouse table,extending table,refectory",
       (0.61, 0.65, 0.57), (1.8, 3.1, 1.2), 35.0, False, "a dining table"),
    _c("coffee_table", "floor", "cocktail table,center table,centre table", "low table,tea table,lounge table,sofa table",
       (0.33, 0.5, 0.13), (1.2, 1.9, 0.65), 15.0, False, "a low coffee table"),
    _c("side_table", "floor", "end table,accent table,occasional table", "lamp table,small table,pedestal table,gueridon,round table,snack table",
       (0.21, 0.23, 0.35), (1, 2, 1.4), 6.0, True, "a small side table"),
    _c("desk", "floor", "writing desk,computer desk,office desk", "workstation,study table,bureau,secretary,standing desk,work table,escritoire,workbench",
       (0.33, 0.75, 0.52), (2.1, 2.8, 2.3), 30.0, False, "a desk"),
    _c("nightstand", "floor", "bedside table,night table,bedside cabinet", "nightstands,night stand,bedside drawer,bedside chest,bedside",
       (0.3, 0.35, 0.4), (0.55, 0.7, 0.75), 12.0, False, "a bedside nightstand"),
    _c("dresser", "floor", "chest of drawers,bureau,commode", "drawers,lowboy,highboy,tallboy,sideboard,credenza,buffet,console,vanity dresser,dressing table,vanity table,drawer unit,drawer chest,chest",
       (0.24, 0.56, 0.49), (0.87, 2.8, 1.5), 45.0, False, "a chest of drawers"),
    _c("wardrobe", "floor", "closet,armoire,clothes cabinet", "cupboard,wardrobe closet,clothes press,tall cabinet,hanging closet,linen press",
       (0.45, 0.7, 1.6), (0.7, 2.6, 2.5), 70.0, False, "a tall wardrobe with doors"),
    _c("bookshelf", "floor", "bookcase,book shelf", "etagere,library,shelves of books,display bookcase",
       (0.22, 0.5, 0.7), (0.5, 2.0, 2.4), 35.0, False, "a bookshelf with open shelves"),
    _c("cabinet", "floor", "cupboard,storage cabinet,filing cabinet", "file cabinet,sideboard,hutch,locker,pantry,storage unit,utility cabinet,curio",
       (0.3, 0.35, 0.5), (0.7, 1.6, 2.0), 30.0, False, "a storage cabinet"),
    _c("tv_stand", "floor", "media console,tv unit,tv cabinet", "entertainment center,media unit,tv table,television stand,av unit,console table,lowboard,tv console,television console,tv bench",
       (0.3, 0.8, 0.35), (0.99, 2.4, 0.87), 30.0, False, "a low TV stand"),
    _c("kitchen_counter", "floor", "counter,countertop,base cabinet", "worktop,kitchen cabinet,kitchen unit,counter top,cabinetry,kitchen cupboard,lower cabinet",
       (0.5, 0.3, 0.84), (3.4, 3.6, 1), 50.0, False, "a kitchen base cabinet with a worktop"),
    _c("kitchen_island", "floor", "island,island counter", "breakfast bar,kitchen cart,butcher block,prep table,peninsula",
       (0.6, 0.9, 0.85), (1.4, 3.0, 1.0), 90.0, False, "a free-standing kitchen island"),
    _c("refrigerator", "floor", "fridge,freezer,fridge freezer", "icebox,cooler,refrigerator freezer,american fridge,minifridge,mini fridge",
       (0.5, 0.5, 0.8), (1, 1.4, 2.4), 80.0, False, "a refrigerator"),
    _c("stove", "floor", "range,cooker,oven", "cooktop,hob,gas stove,electric range,burner,stovetop,kitchen range",
       (0.55, 0.5, 0.85), (0.75, 1.2, 1.2), 60.0, False, "a range cooker with an oven"),
    _c("dishwasher", "floor", "dish washer,dishwashing machine", "kitchen appliance,built in dishwasher",
       (0.45, 0.4, 0.4), (0.7, 0.65, 0.9), 45.0, False, "a dishwasher"),
    _c("washing_machine", "floor", "washer,laundry machine,washer dryer", "front loader,top loader,clothes washer,laundry appliance",
       (0.5, 0.55, 0.8), (0.8, 0.76, 2), 70.0, False, "a front-loading washing machine"),
    _c("toilet", "floor", "wc,water closet,lavatory", "commode,toilet bowl,loo,latrine,restroom,john,potty",
       (0.5, 0.33, 0.65), (1.1, 0.59, 1.2), 25.0, False, "a toilet"),
    _c("bathtub", "floor", "bath,tub,bath tub", "bathtub,clawfoot,jacuzzi,soaking tub,hot tub,whirlpool",
       (0.65, 1.2, 0.45), (1.0, 2.0, 0.75), 60.0, False, "a bathtub"),
    _c("shower", "floor", "shower stall,shower cabin,shower enclosure", "shower cubicle,shower tray,shower box,walk-in shower,glass shower",
       (0.7, 0.7, 1.8), (1.2, 1.6, 2.4), 50.0, False, "a shower enclosure"),
    _c("sink", "floor", "washbasin,wash basin,vanity,basin", "lavatory sink,vanity unit,kitchen sink,bathroom sink,hand basin,pedestal sink",
       (0.29, 0.4, 0.081), (0.8, 1.6, 1.2), 25.0, False, "a sink on a vanity or pedestal"),
    _c("floor_lamp", "floor", "standing lamp,standard lamp", "floor light,torchiere,arc lamp,tall lamp,uplighter,reading lamp,lamp",
       (0.2, 0.2, 1.1), (1.4, 1.4, 2.3), 6.0, True, "a tall floor lamp"),
    _c("plant", "floor", "potted plant,houseplant,house plant", "pot plant,planter,flower pot,ficus,fern,palm,monstera,succulent,cactus,tree,bonsai,flowers,greenery,shrub",
       (0.063, 0.067, 0.11), (1, 1, 2.2), 8.0, True, "a plant in a pot"),
    _c("rug", "floor", "carpet,mat,area rug", "runner,doormat,bath mat,floor mat,kilim,dhurrie,rag rug,shag",
       (0.4, 0.6, 0.005), (3.5, 4.5, 0.03), 4.0, False, "a rug on the floor"),
    _c("piano", "floor", "upright piano,grand piano", "keyboard instrument,pianoforte,spinet,clavinova,digital piano,organ,harpsichord",
       (0.45, 1.2, 0.9), (1.8, 1.7, 1.4), 200.0, False, "a piano"),
    _c("trash_can", "floor", "bin,garbage can,waste basket", "wastebasket,trashcan,rubbish bin,dustbin,litter bin,recycling bin,pedal bin,wastebin,garbage,refuse",
       (0.18, 0.18, 0.25), (0.58, 0.75, 0.9), 2.5, True, "a bin"),
    # -- wall ----------------------------------------------------------------------------------
    _c("tv", "wall", "television,flat screen,tv screen", "flatscreen,smart tv,lcd tv,led tv,plasma,telly,display screen,home cinema",
       (0.03, 0.6, 0.35), (0.62, 2, 1.3), 15.0, False, "a flat-screen television"),
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
       (0.1, 0.092, 0.2), (0.54, 0.54, 0.94), 2.0, True, "a lamp that stands on a table"),
    _c("mug", "on", "coffee mug,tea mug", "beaker,tankard,enamel mug",
       (0.06, 0.06, 0.06), (0.16, 0.16, 0.16), 0.35, True, "a mug with a handle"),
    _c("bowl", "on", "dish,basin bowl,serving bowl", "fruit bowl,salad bowl,cereal bowl,soup bowl,mixing bowl",
       (0.08, 0.08, 0.03), (0.45, 0.45, 0.2), 0.4, True, "a bowl"),
    _c("plate", "on", "dinner plate,dish plate,saucer", "platter,charger,side plate,tray",
       (0.1, 0.1, 0.01), (0.4, 0.4, 0.05), 0.5, True, "a plate"),
    _c("bottle", "on", "water bottle,wine bottle,flask", "jar,carafe,decanter,jug,beer,soda,container,pitcher",
       (0.04, 0.04, 0.1), (0.14, 0.14, 0.4), 0.8, True, "a bottle"),
    _c("vase", "on", "flower vase,urn,jar vase", "vessel,amphora,pot,flowers in vase,ceramic pot,centerpiece",
       (0.06, 0.06, 0.063), (0.45, 0.45, 0.8), 1.2, True, "a vase"),
    _c("book", "on", "books,novel,paperback", "hardcover,hardback,textbook,magazine,notebook,journal,binder,album,stack of books,encyclopedia,diary",
       (0.1, 0.1, 0.01), (0.46, 0.8, 0.35), 0.6, True, "a book"),
    _c("laptop", "on", "notebook computer,macbook,portable computer", "laptop computer,chromebook,ultrabook,computer,pc",
       (0.18, 0.25, 0.015), (0.42, 0.56, 0.43), 1.8, True, "a laptop computer"),
    _c("monitor", "on", "computer monitor,computer screen,display", "screen,lcd,pc monitor,desktop monitor,computer display",
       (0.12, 0.3, 0.25), (0.35, 1.0, 0.7), 5.0, True, "a computer monitor on a stand"),
    _c("keyboard", "on", "computer keyboard,typing keyboard,keypad", "keys,mechanical keyboard,wireless keyboard",
       (0.1, 0.25, 0.015), (0.25, 0.55, 0.05), 0.7, True, "a computer keyboard"),
    _c("box", "on", "storage box,cardboard box,carton", "crate,bin box,chest,case,package,parcel,container box,jewelry box,tin,shoebox",
       (0.08, 0.08, 0.05), (0.7, 0.9, 0.6), 1.0, True, "a box"),
    _c("pillow", "on", "cushion,throw pillow,pillows", "bolster,head rest,scatter cushion,sofa cushion,decorative pillow",
       (0.1, 0.25, 0.06), (0.64, 1, 0.6), 0.6, True, "a pillow"),
    _c("basket", "on", "wicker basket,storage basket", "storage basket,bread basket,fruit basket,woven basket,picnic basket,tote,bin basket",
       (0.15, 0.15, 0.08), (0.6, 0.7, 0.7), 1.0, True, "a basket"),
    _c("cooking_pot", "on", "pot,saucepan,stock pot", "casserole,dutch oven,cookware,stew pot,sauce pan",
       (0.15, 0.15, 0.08), (0.6, 0.48, 0.35), 2.0, True, "a cooking pot with handles"),
    _c("microwave", "on", "microwave oven,countertop microwave", "convection oven,toaster oven,mini oven",
       (0.28, 0.4, 0.22), (0.55, 0.8, 0.45), 13.0, False, "a microwave oven"),
    _c("toaster", "on", "pop-up toaster,bread toaster", "sandwich maker,toaster oven,kitchen appliance",
       (0.12, 0.17, 0.15), (0.51, 0.45, 0.28), 2.0, True, "a toaster"),
    _c("alarm_clock", "on", "clock,bedside clock,desk clock", "timepiece,digital clock,alarm,radio clock,table clock",
       (0.04, 0.06, 0.05), (0.22, 0.3, 0.29), 0.3, True, "a small alarm clock"),
    # -- AI2-THOR's household objects (sizes span ProcTHOR's asset database) ------------------
    _c("dog_bed", "floor", "pet bed,dog cushion,cat bed", "dog basket,pet cushion,kennel bed,pet",
       (0.5, 0.5, 0.07), (1.6, 1.6, 0.45), 3.0, True, "a padded pet bed"),
    _c("clothes_dryer", "floor", "tumble dryer,dryer,drying machine", "laundry dryer,condenser dryer",
       (0.48, 0.47, 0.67), (0.99, 0.96, 1.6), 40.0, False, "a front-loading tumble dryer"),
    _c("shelving_unit", "floor", "shelving,shelf unit,open shelving", "rack,storage rack,wire shelving,cube shelving,ladder shelf,metal shelving",
       (0.11, 0.29, 0.42), (0.74, 2.6, 3.1), 20.0, False, "an open shelving unit"),
    _c("laundry_hamper", "floor", "hamper,laundry basket,clothes hamper", "laundry bin,dirty clothes,washing basket",
       (0.25, 0.32, 0.42), (0.72, 0.92, 1.2), 2.0, True, "a tall laundry hamper with a lid"),
    _c("garbage_bag", "floor", "trash bag,bin bag,rubbish bag", "refuse sack,bin liner,sack",
       (0.36, 0.36, 0.39), (0.72, 0.72, 0.78), 3.0, True, "a full tied garbage bag"),
    _c("vacuum_cleaner", "floor", "vacuum,hoover,upright vacuum", "vacuum machine,stick vacuum,carpet cleaner",
       (0.22, 0.25, 0.71), (0.44, 0.5, 1.4), 6.0, True, "an upright vacuum cleaner"),
    _c("cart", "floor", "trolley,utility cart,rolling cart", "serving cart,bar cart,kitchen trolley,tea trolley",
       (0.38, 0.5, 0.9), (0.76, 1.0, 1.8), 12.0, True, "a cart with shelves on casters"),
    _c("safe", "floor", "strongbox,safe box,lock box", "vault,security box,deposit box",
       (0.23, 0.21, 0.21), (0.79, 0.7, 0.71), 40.0, False, "a steel safe with a door and a dial"),
    _c("boots", "floor", "pair of boots,rain boots,wellies", "boot,shoes,footwear,galoshes",
       (0.15, 0.19, 0.36), (0.31, 0.39, 0.72), 1.5, True, "a pair of boots"),
    _c("shower_curtain", "floor", "bath curtain,shower screen", "curtain rail,shower liner",
       (0.2, 0.18, 0.97), (0.52, 0.61, 2.7), 1.0, False, "a shower curtain on a rail"),
    _c("decor", "on", "decoration,ornament,tabletop decor", "decorative object,room decor,sculpture stand,knick knack,centrepiece,bowl of balls",
       (0.1, 0.1, 0.05), (0.56, 0.56, 2.0), 1.5, True, "a decorative object"),
    _c("teddy_bear", "on", "teddy,stuffed animal,plush toy", "soft toy,stuffed toy,plushie,toy bear,doll",
       (0.15, 0.2, 0.2), (0.46, 0.66, 0.65), 0.4, True, "a sitting teddy bear"),
    # on the wall
    _c("blinds", "wall", "window blinds,roller blind,venetian blind", "blind,shade,window shade,roman blind",
       (0.02, 0.5, 0.14), (0.06, 2.5, 0.4), 2.0, False, "rolled-up window blinds over a window"),
    _c("curtains", "wall", "curtain,drapes,window curtains", "drapery,net curtain,voile,curtain pole,valance",
       (0.05, 0.6, 1.0), (0.3, 4.0, 3.0), 4.0, False, "a pair of curtains on a pole"),
    _c("light_switch", "wall", "switch,wall switch,light switch plate", "switch plate,rocker switch,toggle switch,dimmer",
       (0.013, 0.06, 0.085), (0.061, 0.33, 0.29), 0.1, False, "a light switch on the wall"),
    _c("towel_holder", "wall", "towel rail,towel bar,towel rack", "towel ring,towel hook,hand towel holder",
       (0.026, 0.12, 0.029), (0.16, 0.92, 0.29), 0.5, False, "a towel bar on the wall"),
    _c("toilet_paper_hanger", "wall", "toilet roll holder,toilet paper holder,loo roll holder", "tissue holder,paper holder",
       (0.026, 0.13, 0.02), (0.27, 0.42, 0.29), 0.3, False, "a toilet roll holder on the wall"),
    _c("shower_head", "wall", "shower,shower head,rain shower", "shower arm,shower rose,shower faucet,showerhead",
       (0.17, 0.084, 0.3), (0.35, 0.47, 2.5), 1.0, False, "a shower head on its riser"),
    _c("towel", "wall", "bath towel,hand towel,hanging towel", "towels,bath sheet,washcloth on a rail",
       (0.027, 0.09, 0.28), (0.06, 0.74, 0.85), 0.4, False, "a towel hanging on a holder"),
    _c("faucet", "on", "tap,mixer tap,spigot", "faucet handle,water tap,kitchen tap,bath tap,bathtub faucet",
       (0.08, 0.03, 0.07), (0.54, 0.82, 1.3), 1.0, False, "a tap with its spout"),
    # kitchen
    _c("coffee_machine", "on", "coffee maker,espresso machine,coffeemaker", "coffee brewer,drip coffee,percolator,cafetiere,barista",
       (0.28, 0.2, 0.27), (0.73, 0.76, 0.65), 5.0, False, "a coffee machine"),
    _c("kettle", "on", "electric kettle,tea kettle,teakettle", "water boiler,teapot,whistling kettle",
       (0.15, 0.14, 0.13), (0.29, 0.28, 0.26), 1.0, True, "a kettle with a spout and a handle"),
    _c("pan", "on", "frying pan,skillet,fry pan", "saute pan,wok,griddle pan,crepe pan,frypan",
       (0.17, 0.17, 0.026), (0.65, 0.47, 0.14), 1.2, True, "a frying pan with a long handle"),
    _c("cup", "on", "cup,glass,tumbler", "drinking glass,tea cup,teacup,beaker,paper cup,water glass",
       (0.05, 0.049, 0.06), (0.19, 0.19, 0.3), 0.25, True, "a cup without a handle"),
    _c("knife", "on", "kitchen knife,butter knife,chef knife", "table knife,bread knife,carving knife,blade,cutlery",
       (0.15, 0.005, 0.012), (0.47, 0.05, 0.069), 0.1, True, "a knife"),
    _c("fork", "on", "dinner fork,table fork,eating fork", "cutlery,silverware,flatware,salad fork",
       (0.13, 0.02, 0.012), (0.35, 0.047, 0.043), 0.05, True, "a fork"),
    _c("spoon", "on", "tablespoon,teaspoon,soup spoon", "dessert spoon,silverware,cutlery,stirring spoon",
       (0.12, 0.025, 0.012), (0.29, 0.058, 0.027), 0.04, True, "a spoon"),
    _c("ladle", "on", "soup ladle,serving ladle,dipper", "scoop,serving spoon",
       (0.19, 0.045, 0.03), (0.43, 0.13, 0.083), 0.15, True, "a ladle"),
    _c("spatula", "on", "turner,flipper,fish slice", "pancake turner,egg slice,scraper,kitchen utensil",
       (0.18, 0.04, 0.012), (0.42, 0.09, 0.03), 0.1, True, "a spatula"),
    _c("shaker", "on", "salt shaker,pepper shaker,pepper pot", "salt cellar,cruet,condiment shaker,pepper mill,grinder",
       (0.028, 0.028, 0.06), (0.1, 0.1, 0.28), 0.15, True, "a salt or pepper shaker"),
    _c("paper_towel_roll", "on", "kitchen roll,paper towels,paper towel", "paper towel holder,kitchen paper,towel roll",
       (0.045, 0.054, 0.15), (0.12, 0.12, 0.33), 0.2, True, "a roll of paper towels"),
    _c("foil_roll", "on", "aluminium foil,aluminum foil,tin foil", "cling film,plastic wrap,wrap roll,baking paper",
       (0.045, 0.17, 0.025), (0.09, 0.45, 0.06), 0.3, True, "a box of kitchen foil"),
    _c("dish_sponge", "on", "sponge,scrubber,scouring pad", "dishcloth,scourer,cleaning sponge,kitchen sponge",
       (0.06, 0.04, 0.015), (0.19, 0.1, 0.05), 0.02, True, "a kitchen sponge"),
    _c("bread", "on", "loaf,loaf of bread,baguette", "bun,roll,sourdough,bread loaf,bakery",
       (0.15, 0.08, 0.057), (0.6, 0.39, 0.24), 0.4, True, "a loaf of bread"),
    _c("egg", "on", "hen egg,chicken egg,eggs", "boiled egg,raw egg",
       (0.028, 0.028, 0.039), (0.11, 0.11, 0.16), 0.06, True, "an egg"),
    _c("apple", "on", "green apple,red apple,apples", "fruit,pear",
       (0.044, 0.044, 0.05), (0.19, 0.19, 0.2), 0.2, True, "an apple"),
    _c("tomato", "on", "tomatoes,cherry tomato,beef tomato", "vegetable,tomatoe",
       (0.04, 0.04, 0.035), (0.22, 0.21, 0.2), 0.15, True, "a tomato"),
    _c("potato", "on", "potatoes,spud,sweet potato", "root vegetable,vegetable,tuber",
       (0.054, 0.044, 0.041), (0.22, 0.15, 0.15), 0.2, True, "a potato"),
    _c("lettuce", "on", "head of lettuce,cabbage,salad head", "iceberg,romaine,greens,leafy vegetable",
       (0.12, 0.082, 0.082), (0.38, 0.27, 0.26), 0.5, True, "a head of lettuce"),
    # bathroom
    _c("soap_bottle", "on", "soap dispenser,liquid soap,hand soap", "shampoo,lotion,pump bottle,body wash,shower gel,dispenser",
       (0.037, 0.046, 0.1), (0.19, 0.23, 0.44), 0.4, True, "a pump bottle of soap"),
    _c("spray_bottle", "on", "spray,spray cleaner,trigger sprayer", "cleaning spray,mister,atomiser,plant mister",
       (0.05, 0.023, 0.15), (0.16, 0.097, 0.37), 0.5, True, "a trigger spray bottle"),
    _c("soap_bar", "on", "bar of soap,soap,hand soap bar", "soap cake,toilet soap",
       (0.05, 0.03, 0.015), (0.13, 0.08, 0.04), 0.1, True, "a bar of soap"),
    _c("toilet_paper", "on", "toilet roll,loo roll,toilet tissue", "bathroom tissue,paper roll,tissue roll",
       (0.027, 0.027, 0.083), (0.15, 0.15, 0.17), 0.1, True, "a roll of toilet paper"),
    _c("tissue_box", "on", "box of tissues,kleenex,tissues", "facial tissue,tissue dispenser,napkin box",
       (0.07, 0.12, 0.06), (0.14, 0.28, 0.21), 0.2, True, "a box of tissues"),
    _c("plunger", "floor", "toilet plunger,sink plunger,plumber", "plumbing plunger,suction cup,drain plunger",
       (0.1, 0.1, 0.38), (0.21, 0.21, 0.76), 0.5, True, "a toilet plunger standing on its cup"),
    _c("scrub_brush", "floor", "toilet brush,scrubbing brush,bowl brush", "cleaning brush,brush holder,loo brush",
       (0.07, 0.07, 0.33), (0.19, 0.19, 0.67), 0.4, True, "a toilet brush in its holder"),
    _c("cloth", "on", "rag,dish cloth,dust cloth", "duster,washcloth,flannel,microfibre,napkin,folded towel",
       (0.1, 0.1, 0.01), (0.3, 0.36, 0.082), 0.05, True, "a folded cloth"),
    # living, work and play
    _c("candle", "on", "pillar candle,taper candle,tea light", "candlestick,candle holder,votive,wax candle",
       (0.011, 0.011, 0.05), (0.15, 0.15, 0.53), 0.3, True, "a candle"),
    _c("statue", "on", "sculpture,figurine,bust", "statuette,ornament figure,carving,idol,trophy",
       (0.06, 0.06, 0.1), (0.3, 0.53, 0.82), 1.5, True, "a small statue on a base"),
    _c("cell_phone", "on", "phone,mobile phone,smartphone", "iphone,cellphone,android,mobile,handset",
       (0.079, 0.044, 0.004), (0.25, 0.12, 0.02), 0.18, True, "a smartphone"),
    _c("remote_control", "on", "remote,tv remote,clicker", "controller,remote controller,zapper",
       (0.12, 0.029, 0.013), (0.31, 0.095, 0.033), 0.12, True, "a TV remote control"),
    _c("desktop_computer", "on", "desktop,desktop computer,pc", "computer tower,workstation computer,all in one computer,imac",
       (0.18, 0.5, 0.35), (0.35, 1.2, 0.79), 9.0, False, "a desktop computer with its screen"),
    _c("pen", "on", "pencil,ballpoint,biro", "marker,felt tip,fountain pen,crayon,highlighter",
       (0.06, 0.007, 0.007), (0.28, 0.02, 0.022), 0.01, True, "a pen or pencil"),
    _c("cd", "on", "compact disc,dvd,disc", "cd case,blu-ray,record,cd rom",
       (0.073, 0.073, 0.002), (0.15, 0.15, 0.02), 0.02, True, "a CD in its case"),
    _c("credit_card", "on", "bank card,debit card,card", "payment card,id card,business card,charge card",
       (0.038, 0.06, 0.002), (0.076, 0.12, 0.006), 0.005, True, "a credit card"),
    _c("key_chain", "on", "keys,keyring,key ring", "house keys,car keys,keyfob,fob,bunch of keys",
       (0.028, 0.06, 0.005), (0.12, 0.2, 0.021), 0.05, True, "a bunch of keys on a ring"),
    _c("watch", "on", "wristwatch,wrist watch,smartwatch", "timepiece on a strap,bracelet watch",
       (0.034, 0.04, 0.02), (0.068, 0.11, 0.051), 0.08, True, "a wristwatch"),
    _c("newspaper", "on", "paper,daily paper,folded newspaper", "gazette,tabloid,broadsheet,magazine",
       (0.052, 0.16, 0.005), (0.3, 0.53, 0.053), 0.3, True, "a folded newspaper"),
    _c("baseball_bat", "on", "bat,softball bat,wooden bat", "baseball,cricket bat,club",
       (0.015, 0.015, 0.3), (0.13, 0.11, 1.3), 0.9, True, "a baseball bat"),
    _c("basketball", "on", "ball,basket ball,football", "soccer ball,volleyball,sports ball,netball",
       (0.12, 0.12, 0.12), (0.34, 0.34, 0.34), 0.6, True, "a basketball"),
    _c("tennis_racket", "on", "tennis racquet,racket,racquet", "badminton racket,squash racket,sports racket",
       (0.38, 0.18, 0.024), (0.91, 0.36, 0.062), 0.3, True, "a tennis racket"),
    _c("dumbbell", "on", "hand weight,barbell,free weight", "weight,kettlebell,gym weight",
       (0.15, 0.06, 0.06), (0.46, 0.19, 0.19), 5.0, True, "a dumbbell"),
    _c("watering_can", "on", "watering pot,sprinkling can,plant watering can", "garden can,sprinkler,watering jug",
       (0.19, 0.11, 0.14), (0.5, 0.25, 0.4), 0.6, True, "a watering can with a long spout"),
]

# Everyday sizes where real assets span wider (ProcTHOR's L-shaped counters, loft desks, sectional
# sofas): what a plausible new room is drawn from and what an unknown object's size defaults to.
# `size_min`/`size_max` above bound what fitting accepts; these bound what is typical.
_TYPICAL = {
    "alarm_clock": ((0.04, 0.06, 0.05), (0.15, 0.25, 0.25)),
    "armchair": ((0.6, 0.6, 0.6), (1.1, 1.1, 1.3)),
    "bed": ((1.8, 0.8, 0.3), (2.4, 2.2, 2.3)),
    "book": ((0.1, 0.1, 0.01), (0.35, 0.8, 0.35)),
    "chair": ((0.4, 0.4, 0.7), (0.65, 0.6, 1.15)),
    "coffee_table": ((0.4, 0.5, 0.3), (1.0, 1.6, 0.5)),
    "cooking_pot": ((0.15, 0.15, 0.08), (0.45, 0.45, 0.35)),
    "desk": ((0.45, 0.8, 0.68), (1.4, 2.0, 0.8)),
    "dining_table": ((0.75, 0.75, 0.7), (1.2, 2.8, 0.8)),
    "dresser": ((0.35, 0.6, 0.6), (0.65, 2.0, 1.5)),
    "floor_lamp": ((0.2, 0.2, 1.2), (1.4, 1.4, 2.1)),
    "kitchen_counter": ((0.5, 0.3, 0.85), (0.75, 3.6, 0.95)),
    "laptop": ((0.18, 0.25, 0.015), (0.42, 0.45, 0.3)),
    "ottoman": ((0.35, 0.35, 0.3), (0.9, 1.2, 0.5)),
    "pillow": ((0.1, 0.25, 0.06), (0.6, 1.0, 0.6)),
    "plant": ((0.12, 0.12, 0.15), (1.0, 1.0, 2.2)),
    "refrigerator": ((0.5, 0.5, 0.8), (0.85, 1.0, 2.1)),
    "side_table": ((0.3, 0.3, 0.4), (0.7, 0.7, 0.75)),
    "sink": ((0.35, 0.4, 0.75), (0.7, 1.6, 1.0)),
    "sofa": ((0.7, 1.2, 0.6), (1.2, 3.2, 1.1)),
    "stool": ((0.28, 0.28, 0.35), (0.5, 0.5, 0.85)),
    "table_lamp": ((0.1, 0.1, 0.2), (0.5, 0.5, 0.8)),
    "toaster": ((0.12, 0.2, 0.15), (0.3, 0.45, 0.28)),
    "toilet": ((0.5, 0.33, 0.65), (0.8, 0.5, 1.2)),
    "trash_can": ((0.18, 0.18, 0.25), (0.5, 0.6, 0.9)),
    "tv": ((0.03, 0.6, 0.35), (0.35, 2.0, 1.2)),
    "tv_stand": ((0.3, 0.8, 0.35), (0.6, 2.4, 0.8)),
    "vase": ((0.06, 0.06, 0.1), (0.45, 0.45, 0.8)),
    "washing_machine": ((0.5, 0.55, 0.8), (0.8, 0.7, 2.0)),
}
CATEGORIES: dict[str, CategorySpec] = {
    c.name: (replace(c, typical=_TYPICAL[c.name]) if c.name in _TYPICAL else c) for c in _SPECS}

# Furniture that stands with its back against a wall (refinement snaps it there; lifting takes a
# nearby wall as evidence of where its back is).
WALL_BACKED = frozenset(
    "bed bunk_bed crib wardrobe bookshelf dresser nightstand cabinet tv_stand kitchen_counter refrigerator stove "
    "dishwasher washing_machine sink toilet bathtub shower piano desk".split()
)
# Things without a front: a quarter or half turn changes nothing a person would notice.
NO_FRONT = frozenset("rug dining_table coffee_table side_table ottoman plant trash_can box bowl plate vase "
                     "basket pillow cooking_pot stool dog_bed garbage_bag laundry_hamper apple tomato potato egg "
                     "lettuce basketball candle cup shaker toilet_paper paper_towel_roll cd dish_sponge cloth "
                     "soap_bar decor statue".split())
# Round things: turning them about +Z changes nothing, so they have no yaw to measure.
ROUND = frozenset("floor_lamp table_lamp ceiling_lamp plant vase bowl plate mug bottle trash_can cooking_pot "
                  "basket apple tomato egg basketball candle cup shaker toilet_paper paper_towel_roll cd".split())
