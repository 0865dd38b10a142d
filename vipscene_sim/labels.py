"""Offline text matching of perception labels to asset categories.

A label such as "queen bed with headboard", "bedside table" or "fridge" is normalised
(lower case, singular nouns, no articles), split into a main phrase and modifiers at the first
preposition, and its head noun found (the last content word of the main phrase: "lamp" in "desk
lamp on the table"). Each category is described by weighted phrases (its name, synonyms and
related terms). A phrase found whole in the label scores highest when it contains the head noun;
shared words score less; a character-trigram similarity catches spelling variants and compounds
("night stand", "bookcase", "flatscreen"). Pure Python and numpy: no model, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np

STOPWORDS = frozenset(
    "a an the some this that these those its it is are my our your their "
    "piece pieces set pair item object thing".split()
)
PREPOSITIONS = frozenset(
    "with on of for in near under beside by at from and or against above below behind next to inside atop "
    "over onto into underneath along across around between".split()
)
# Words that describe an object without naming it; they are never the head noun.
DESCRIPTORS = frozenset(
    "small large big tall short little old new modern vintage antique wooden wood metal metallic plastic glass "
    "ceramic white black grey gray brown red blue green yellow beige dark light round square rectangular "
    "upholstered leather fabric soft low high long wide narrow cozy cosy simple classic contemporary rustic "
    "open closed empty full tiny huge mini double single standing hanging mounted built-in freestanding "
    "rolling folding striped patterned decorative potted framed pink orange purple silver gold golden "
    "stainless steel chrome brass oak walnut pine marble stone velvet wicker rattan "
    "one two three four five six seven eight".split()
)
WEIGHT_NAME = 1.0
WEIGHT_SYNONYM = 1.0
WEIGHT_TERM = 0.9
# Nouns that count or group the real object: "stack of books", "row of chairs", "wall of shelves".
GROUP_WORDS = frozenset("row stack pile set pair collection bunch group wall heap line couple cluster array".split())
# Furniture words that, as a modifier of another object ("nightstand lamp", "mug on the desk"),
# say the object stands on something rather than on the floor.
SURFACE_WORDS = frozenset(
    "table desk nightstand bedside counter countertop worktop shelf dresser cabinet island sideboard "
    "tabletop windowsill sill mantel mantelpiece bench stove".split()
)


def singular(word: str) -> str:
    """Cheap English singular for furniture nouns (shelves -> shelf, boxes -> box, cushions -> cushion)."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ves") and word not in ("stoves", "alcoves"):
        return word[:-3] + "f"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-case word tokens, singular, without articles or punctuation."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("_", " "))
    return [singular(w) for w in words if w not in STOPWORDS]


@dataclass(frozen=True)
class ParsedLabel:
    tokens: tuple[str, ...]
    main: tuple[str, ...]
    head: str | None
    modifiers: tuple[str, ...] = ()
    """Content words other than the head (descriptors like colours and materials left out)."""
    placement: str | None = None
    """'on' or 'wall' when the words say where the object is ("lamp on the desk", "wall clock")."""


def parse_label(text: str) -> ParsedLabel:
    """Split a label into its main phrase (before the first preposition) and find the head noun."""
    toks = tokens(text)
    if len(toks) > 2 and toks[1] == "of" and toks[0] in GROUP_WORDS:
        toks = toks[2:]
    main: list[str] = []
    for t in toks:
        if t in PREPOSITIONS:
            if main:
                break
            continue
        main.append(t)
    content = [t for t in main if t not in DESCRIPTORS and not t.isdigit()]
    head = content[-1] if content else (main[-1] if main else None)
    words = tuple(t for t in toks if t not in PREPOSITIONS)
    modifiers = tuple(t for t in words if t != head and t not in DESCRIPTORS and not t.isdigit())
    placement = None
    after_on = [toks[i + 1] for i, t in enumerate(toks[:-1]) if t in ("on", "onto", "atop", "above")]
    if "wall" in after_on or "mounted" in words:
        placement = "wall"
    elif "ceiling" in after_on:
        placement = "ceiling"
    elif any(w in SURFACE_WORDS for w in after_on) or any(m in SURFACE_WORDS and m != head for m in main):
        placement = "on"
    return ParsedLabel(words, tuple(main), head, modifiers, placement)


def _trigrams(text: str) -> set[str]:
    s = f"  {text} "
    return {s[i:i + 3] for i in range(len(s) - 2)}


@dataclass
class CategoryMatcher:
    """Scores a label against every category; built once from (category, phrases) pairs."""

    categories: list[str]
    phrases: list[tuple[int, tuple[str, ...], float]] = field(default_factory=list)

    @classmethod
    def from_specs(cls, specs: Iterable) -> CategoryMatcher:
        """``specs``: objects with ``name``, ``synonyms`` and ``terms`` (see vipscene_sim.catalog)."""
        specs = list(specs)
        m = cls([s.name for s in specs])
        for ci, s in enumerate(specs):
            entries = [(s.name.replace("_", " "), WEIGHT_NAME)] + [(x, WEIGHT_SYNONYM) for x in s.synonyms] + [
                (x, WEIGHT_TERM) for x in s.terms]
            seen = set()
            for text, w in entries:
                toks = tuple(tokens(text))
                for variant in {toks, ("".join(toks),)} if len(toks) > 1 else {toks}:
                    if variant and variant not in seen:
                        seen.add(variant)
                        m.phrases.append((ci, variant, w))
        m._index()
        return m

    def _index(self) -> None:
        self._by_token: dict[str, list[int]] = {}
        for pi, (_, toks, _) in enumerate(self.phrases):
            for t in set(toks):
                self._by_token.setdefault(t, []).append(pi)
        grams = sorted({g for _, toks, _ in self.phrases for g in _trigrams(" ".join(toks))})
        self._gram_index = {g: i for i, g in enumerate(grams)}
        mat = np.zeros((len(self.phrases), len(grams)), dtype=np.float32)
        for pi, (_, toks, _) in enumerate(self.phrases):
            for g in _trigrams(" ".join(toks)):
                mat[pi, self._gram_index[g]] = 1.0
        self._gram_norm = mat / np.linalg.norm(mat, axis=1, keepdims=True)
        self._phrase_cat = np.array([c for c, _, _ in self.phrases])
        self._phrase_w = np.array([w for _, _, w in self.phrases], dtype=np.float32)

    def scores(self, label: str) -> np.ndarray:
        """Text score in [0, 1] for every category (same order as ``categories``)."""
        out = np.zeros(len(self.categories), dtype=np.float32)
        p = parse_label(label)
        if not p.tokens:
            return out
        q = list(p.tokens)
        # compounds written apart or together: "night stand" <-> "nightstand"
        q_ext = q + ["".join(q[i:i + 2]) for i in range(len(q) - 1)]
        head_forms = {p.head} if p.head else set()
        if p.head:
            i = q.index(p.head) if p.head in q else -1
            if i > 0:
                head_forms.add(q[i - 1] + p.head)
        main = set(p.main) | {"".join(p.main[i:i + 2]) for i in range(len(p.main) - 1)}
        candidates = {pi for t in q_ext for pi in self._by_token.get(t, ())}
        full = tokens(label)  # with prepositions, for phrases such as "chest of drawers"
        qset = set(q_ext)
        support: dict[int, set[str]] = {}  # category -> label modifiers its phrases mention
        headed: set[int] = set()  # categories with a phrase that names the label's head noun
        mods = set(p.modifiers)
        for pi in candidates:
            ci, toks, w = self.phrases[pi]
            names_head = toks[-1] in head_forms  # the phrase names what the label names
            specific = {1: 0.85, 2: 0.97}.get(len(toks), 1.0)  # longer exact phrases beat shorter
            if len(toks) > 2 and any(t in PREPOSITIONS for t in toks) and full[:len(toks)] == list(toks):
                s = w * specific  # the label starts with a multi-word name: it names the object
            elif _contains(q_ext, toks):
                s = w * specific * (1.0 if names_head else (0.45 if set(toks) <= main else 0.3))
            elif names_head and set(toks) <= main:  # same words, other order ("beds stacked")
                s = 0.95 * w * specific
            else:
                shared = len(set(toks) & qset) / len(toks)
                s = w * (0.7 * shared ** 0.5 if names_head else 0.25 * shared)
            if s > out[ci]:
                out[ci] = s
            if names_head:
                headed.add(ci)
            support.setdefault(ci, set()).update(mods & set(toks))
        # a category that names the head and also explains the label's other words ("tv" in "tv
        # console") is the better reading; modifiers alone never make a match ("toilet paper")
        for ci, found in support.items():
            if mods and ci in headed:
                out[ci] += 0.12 * len(found) / len(mods)
        # fuzzy: trigram cosine of the label's head noun and main phrase against every phrase,
        # for spelling variants ("refridgerator", "armchiar", "tele vision")
        for text, factor in ((" ".join(p.main), 0.85), (p.head or "", 0.75)):
            if not text:
                continue
            v = np.zeros(self._gram_norm.shape[1], dtype=np.float32)
            for g in _trigrams(text):
                j = self._gram_index.get(g)
                if j is not None:
                    v[j] = 1.0
            n = np.linalg.norm(v)
            if n == 0:
                continue
            cos = self._gram_norm @ (v / n)
            fuzzy = np.where(cos > 0.72, factor * self._phrase_w * cos ** 2, 0.0)
            np.maximum.at(out, self._phrase_cat, fuzzy.astype(np.float32))
        return np.minimum(out, 1.0)


def _contains(seq: list[str], sub: tuple[str, ...]) -> bool:
    n = len(sub)
    return any(tuple(seq[i:i + n]) == sub for i in range(len(seq) - n + 1))
