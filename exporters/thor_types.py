"""AI2-THOR object types: which of our categories each one is, and the true size of each THOR asset.

`THOR_TYPES` is the one table from AI2-THOR's object types (the ``objectType`` of its object
metadata and of ProcTHOR's asset database, Apple to WineBottle) to our categories
(`vipscene_sim.catalog`); a test checks it covers every type in the database and names only
categories that have built-in assets. Types that are parts of the house, not objects (door
frames, doorways, windows), map to None: the house's ``doors`` and ``windows`` carry them.

`AssetDatabase` reads ProcTHOR's ``asset-database.json`` (objectType -> assets with their Unity
bounding boxes). It comes with the ``procthor`` package (extra ``thor``; the file is read, the
package is never imported) or from a path the user gives; without it, an asset id's type is read
from its name ('Alarm_Clock_3' -> AlarmClock) and sizes fall back to the category's typical size,
which the import report records.
"""

from __future__ import annotations

import importlib.util
import math
import re
from dataclasses import dataclass
from pathlib import Path

THOR_TYPES: dict[str, str | None] = {
    "AlarmClock": "alarm_clock", "AluminumFoil": "foil_roll", "Apple": "apple", "ArmChair": "armchair",
    "BaseballBat": "baseball_bat", "BasketBall": "basketball", "Bathtub": "bathtub", "BathtubBasin": "bathtub",
    "Bed": "bed", "Blinds": "blinds", "Book": "book", "Boots": "boots", "Bottle": "bottle", "Bowl": "bowl",
    "Box": "box", "Bread": "bread", "ButterKnife": "knife", "Cabinet": "cabinet", "Candle": "candle",
    "Cart": "cart", "CD": "cd", "CellPhone": "cell_phone", "Chair": "chair", "Cloth": "cloth",
    "ClothesDryer": "clothes_dryer", "CoffeeMachine": "coffee_machine", "CoffeeTable": "coffee_table",
    "CounterTop": "kitchen_counter", "CreditCard": "credit_card", "Cup": "cup", "Curtains": "curtains",
    "Desk": "desk", "DeskLamp": "table_lamp", "Desktop": "desktop_computer", "DiningTable": "dining_table",
    "DishSponge": "dish_sponge", "DogBed": "dog_bed", "Doorframe": None, "Doorway": None, "Drawer": "cabinet",
    "Dresser": "dresser", "Dumbbell": "dumbbell", "Egg": "egg", "Faucet": "faucet", "FloorLamp": "floor_lamp",
    "Footstool": "ottoman", "Fork": "fork", "Fridge": "refrigerator", "GarbageBag": "garbage_bag",
    "GarbageCan": "trash_can", "HandTowel": "towel", "HandTowelHolder": "towel_holder",
    "HousePlant": "plant", "Kettle": "kettle", "KeyChain": "key_chain", "Knife": "knife", "Ladle": "ladle",
    "Laptop": "laptop", "LaundryHamper": "laundry_hamper", "Lettuce": "lettuce", "LightSwitch": "light_switch",
    "Microwave": "microwave", "Mirror": "mirror", "Mug": "mug", "Newspaper": "newspaper", "Ottoman": "ottoman",
    "Painting": "painting", "Pan": "pan", "PaperTowelRoll": "paper_towel_roll", "Pen": "pen", "Pencil": "pen",
    "PepperShaker": "shaker", "Pillow": "pillow", "Plate": "plate", "Plunger": "plunger", "Poster": "painting",
    "Pot": "cooking_pot", "Potato": "potato", "RemoteControl": "remote_control", "RoomDecor": "decor",
    "Safe": "safe", "SaltShaker": "shaker", "ScrubBrush": "scrub_brush", "Shelf": "wall_shelf",
    "ShelvingUnit": "shelving_unit", "ShowerCurtain": "shower_curtain", "ShowerDoor": "shower",
    "ShowerGlass": "shower", "ShowerHead": "shower_head", "SideTable": "side_table", "Sink": "sink",
    "SinkBasin": "sink", "SoapBar": "soap_bar", "SoapBottle": "soap_bottle", "Sofa": "sofa",
    "Spatula": "spatula", "Spoon": "spoon", "SprayBottle": "spray_bottle", "Statue": "statue",
    "Stool": "stool", "StoveBurner": "stove", "StoveKnob": "stove", "StoveTop": "stove", "TVStand": "tv_stand",
    "TableTopDecor": "decor", "TeddyBear": "teddy_bear", "Television": "tv", "TennisRacket": "tennis_racket",
    "TissueBox": "tissue_box", "Toaster": "toaster", "Toilet": "toilet", "ToiletPaper": "toilet_paper",
    "ToiletPaperHanger": "toilet_paper_hanger", "Tomato": "tomato", "Towel": "towel",
    "TowelHolder": "towel_holder", "VacuumCleaner": "vacuum_cleaner", "Vase": "vase", "Watch": "watch",
    "WashingMachine": "washing_machine", "WateringCan": "watering_can", "Window": None,
    "WineBottle": "bottle",
}
"""AI2-THOR objectType -> our category (None: part of the house, imported as a door or window)."""

_BY_KEY = {t.lower(): t for t in THOR_TYPES}
# asset-name spellings that differ from the type name
_ALIASES = {"countertop": "CounterTop", "tv": "Television", "tvstand": "TVStand", "houseplant": "HousePlant",
            "papertowel": "PaperTowelRoll", "toiletpaperholder": "ToiletPaperHanger", "trashcan": "GarbageCan",
            "garbagecan": "GarbageCan", "bin": "GarbageCan", "plant": "HousePlant", "lamp": "FloorLamp",
            "tablelamp": "DeskLamp", "refrigerator": "Fridge", "cellphone": "CellPhone", "phone": "CellPhone",
            "remote": "RemoteControl", "keys": "KeyChain", "basketball": "BasketBall", "armchair": "ArmChair",
            "shelves": "ShelvingUnit", "photo": "Painting", "picture": "Painting", "boot": "Boots",
            "daybed": "Bed", "officechair": "Chair", "towelrack": "TowelHolder", "tennisracquet": "TennisRacket",
            "racquet": "TennisRacket", "saltshaker": "SaltShaker"}


def type_from_asset_name(asset_id: str) -> str | None:
    """The THOR type an asset id's name spells ('Alarm_Clock_3', 'RoboTHOR_butter_knife_ai2_1_v',
    'Bathroom_Faucet_12', 'DecorativeBox1'), or None. English puts the head noun last, so of the
    runs of words that spell a type the one ending last wins, the longest among those."""
    text = re.sub(r"^(RoboTHOR|THOR|Robo)_", "", asset_id)
    text = re.sub(r"([a-z])([A-Z])", r"\1_\2", text)
    words = [re.sub(r"[0-9]+[a-z]?$", "", w) for w in re.split(r"[_\s\-|]+", text.lower())]
    words = [w for w in words if w and w not in ("v", "x")]
    for end in range(len(words), 0, -1):
        for start in range(end):
            key = "".join(words[start:end])
            found = _BY_KEY.get(key) or _ALIASES.get(key)
            if found:
                return found
    return None


@dataclass(frozen=True)
class ThorAsset:
    asset_id: str
    object_type: str
    size: tuple[float, float, float]
    """Our object axes (X depth, Y width, Z height) in metres, from the Unity box (x, y, z)."""


class AssetDatabase:
    """ProcTHOR's asset database: assetId -> type and true size."""

    def __init__(self, assets: dict[str, ThorAsset], source: str):
        self.assets = assets
        self.source = source

    @classmethod
    def read(cls, path: str | Path) -> AssetDatabase:
        """Read ``asset-database.json`` at ``path``; a missing or malformed file is a `UserError`."""
        from vipscene_sim.atomic import read_user_json
        from vipscene_sim.errors import UserError

        doc = read_user_json(path, "ProcTHOR asset database")
        if not isinstance(doc, dict):
            raise UserError(f"{path}: not a ProcTHOR asset database (expected objectType -> list of assets)")
        assets: dict[str, ThorAsset] = {}
        for object_type, items in doc.items():
            for a in items if isinstance(items, list) else ():
                try:
                    box = a["boundingBox"]
                    size = (float(box["z"]), float(box["x"]), float(box["y"]))
                except (KeyError, TypeError, ValueError):
                    continue  # an entry without a usable box only loses its true size
                if all(math.isfinite(s) and s > 0 for s in size) and isinstance(a.get("assetId"), str):
                    assets[a["assetId"]] = ThorAsset(a["assetId"], str(a.get("objectType", object_type)), size)
        return cls(assets, str(path))

    @classmethod
    def installed(cls) -> AssetDatabase | None:
        """The database inside the installed ``procthor`` package, or None when it is not installed
        (found without importing the package, whose import pulls in much more)."""
        spec = importlib.util.find_spec("procthor")
        for root in (spec.submodule_search_locations or []) if spec else []:
            path = Path(root) / "databases" / "asset-database.json"
            if path.is_file():
                return cls.read(path)
        return None

    def get(self, asset_id: str) -> ThorAsset | None:
        return self.assets.get(asset_id)

    def types(self) -> set[str]:
        return {a.object_type for a in self.assets.values()}


__all__ = ["THOR_TYPES", "AssetDatabase", "ThorAsset", "type_from_asset_name"]
