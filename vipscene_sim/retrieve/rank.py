"""Rank assets for an object as perception reports it: a label, a measured box, a placement.

score = w_text * text + w_size * size + w_place * placement (+ w_image * image when an image
backend is given). ``text`` is the label's match to the asset's category (`CategoryMatcher`) plus
a small bonus for words of the asset's own description ("round", "bunk ... stairs"). ``size``
compares the measured box with the asset and with its category's plausible range, in log space,
allowing X and Y to be swapped because a perceived yaw is ambiguous by 90 degrees. A label that
matches nothing falls back to size and placement, and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..catalog import NO_FRONT
from ..labels import CategoryMatcher, parse_label, tokens

UNKNOWN_TEXT = 0.2  # below this best text score the label is treated as unknown
# A label is questioned when no asset of the categories it names can plausibly have the measured
# size (size score below IMPLAUSIBLE_SIZE) while assets of other categories fit it (at least
# FITTING_SIZE): the text then counts a quarter, so size and placement choose among the categories.
IMPLAUSIBLE_SIZE = 0.05
FITTING_SIZE = 0.5
QUESTIONED_TEXT_WEIGHT = 0.25
# A quarter turn explains a measured box only when it fits clearly better: perceived yaw is
# ambiguous, but usually right, and turning furniture sideways is the costlier mistake.
SWAP_PENALTY = 0.92


@dataclass(frozen=True)
class RetrievalSettings:
    """Weights of the ranking terms (they need not sum to 1)."""

    w_text: float = 0.6
    """Label <-> category and description match."""
    w_size: float = 0.3
    """Measured box <-> asset size and category range."""
    w_place: float = 0.1
    """Perceived placement (floor / wall / ceiling / on) <-> the asset's placement."""
    w_image: float = 0.3
    """Image-crop similarity, used only when an image scorer is given."""
    size_sigma: float = 0.35
    """Tolerated log-size error per axis against the asset itself (0.35 ~ 40 %)."""
    range_sigma: float = 0.2
    """Tolerated log-size error outside the category's plausible range."""


@dataclass(frozen=True)
class Query:
    """An object to find an asset for. ``size`` is the measured box (X, Y, Z) in metres."""

    label: str
    size: tuple[float, float, float] | None = None
    placement: str | None = None
    image: np.ndarray | None = None
    description: str = ""
    """Free text that helps choose among variants ("round", "with drawers"); not the category."""


@dataclass(frozen=True)
class Candidate:
    id: str
    library: str
    category: str
    score: float
    text: float
    size: float
    placement: float
    image: float | None = None
    swap_xy: bool = False

    def to_dict(self) -> dict:
        d = {k: getattr(self, k) for k in ("id", "library", "category", "score", "text", "size", "placement", "swap_xy")}
        for k in ("score", "text", "size", "placement"):
            d[k] = round(float(d[k]), 4)
        if self.image is not None:
            d["image"] = round(float(self.image), 4)
        return d


@dataclass(frozen=True)
class Ranking:
    query: Query
    candidates: list[Candidate]
    fallback: str | None = None
    """Why the ranking could not use the label, if it could not (e.g. an unknown label)."""
    questioned: str | None = None
    """Why the label was doubted against the measured size, which categories fit the box and
    what was chosen (None when the label and the size agree)."""

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


ImageScorer = Callable[[np.ndarray, Sequence[str]], np.ndarray]
"""(image crop HxWx3 uint8, asset keys "library/id") -> similarity in [0, 1] per asset."""


@dataclass
class AssetTable:
    """Column arrays over every asset of every library, for vectorised scoring."""

    ids: list[str]
    libraries: list[str]
    categories: list[str]
    placements: list[str]
    sizes: np.ndarray  # (N, 3)
    size_min: np.ndarray  # (N, 3)
    size_max: np.ndarray  # (N, 3)
    category_index: np.ndarray  # (N,) index into matcher.categories, -1 when unmapped
    description_tokens: list[frozenset[str]] = field(default_factory=list)
    symmetric: np.ndarray | None = None  # (N,) bool: the category has no front


class Retriever:
    """Ranks the assets of one or more libraries (see `assets.library.AssetLibrary`)."""

    def __init__(self, libraries: Sequence, matcher: CategoryMatcher | None = None,
                 settings: RetrievalSettings = RetrievalSettings(), image_scorer: ImageScorer | None = None):
        if matcher is None:
            from ..catalog import CATEGORIES

            matcher = CategoryMatcher.from_specs(CATEGORIES.values())
        self.matcher = matcher
        self.settings = settings
        self.image_scorer = image_scorer
        self.libraries = list(libraries)
        self.table = self._table()
        self._texts: dict[tuple[str | None, str | None], tuple[np.ndarray, str | None]] = {}

    def _table(self) -> AssetTable:
        cat_pos = {c: i for i, c in enumerate(self.matcher.categories)}
        rows = [info for lib in self.libraries for info in lib.infos()]
        if not rows:
            raise ValueError("no assets in the given libraries")
        idx = []
        for info in rows:
            if info.category in cat_pos:
                idx.append(cat_pos[info.category])
            else:  # an external asset with free-text category: map it once
                s = self.matcher.scores(f"{info.category} {info.description}")
                idx.append(int(s.argmax()) if s.max() >= UNKNOWN_TEXT else -1)
        sizes = np.array([i.size for i in rows], float)
        lo = np.array([i.size_min if i.size_min else np.asarray(i.size) / 1.5 for i in rows], float)
        hi = np.array([i.size_max if i.size_max else np.asarray(i.size) * 1.5 for i in rows], float)
        return AssetTable(
            ids=[i.id for i in rows], libraries=[i.library for i in rows],
            categories=[self.matcher.categories[j] if j >= 0 else i.category for i, j in zip(rows, idx)],
            placements=[i.placement for i in rows], sizes=sizes, size_min=lo, size_max=hi,
            category_index=np.array(idx), description_tokens=[frozenset(tokens(i.description)) for i in rows],
            symmetric=np.array([(self.matcher.categories[j] if j >= 0 else i.category) in NO_FRONT
                                for i, j in zip(rows, idx)]),
        )

    def _text_scores(self, label: str | None, description: str | None) -> tuple[np.ndarray, str | None]:
        """Per asset: how well the label (else the description) names its category, with a small
        bonus for shared description words; and the fallback note when it names none. Kept per
        text: a room of a hundred "mug"s asks once."""
        key = (label, description)
        if key in self._texts:
            return self._texts[key]
        t = self.table
        cat_scores = self.matcher.scores(label or "")
        if cat_scores.max(initial=0.0) < UNKNOWN_TEXT and description:
            cat_scores = self.matcher.scores(description)
        if cat_scores.max(initial=0.0) < UNKNOWN_TEXT:
            fallback = (f"label {label!r} matches no category; ranked by size and placement"
                        if (label or "").strip() else "empty label; ranked by size and placement")
            out = np.zeros(len(t.ids)), fallback
        else:
            text = np.where(t.category_index >= 0, cat_scores[np.maximum(t.category_index, 0)], 0.0)
            words = set(tokens(f"{label} {description}"))
            bonus = np.array([len(words & d) / max(len(words), 1) for d in t.description_tokens])
            out = text + 0.05 * bonus * (text > 0), None
        self._texts[key] = out
        return out

    def rank(self, query: Query, k: int = 5) -> Ranking:
        st, t = self.settings, self.table
        n = len(t.ids)
        text, fallback = self._text_scores(query.label, query.description)
        if query.size is not None:
            size, swap = _size_scores(np.asarray(query.size, float), t, st)
        else:
            size, swap = np.full(n, 0.5), np.zeros(n, bool)
        wanted = query.placement or parse_label(query.label or "").placement
        if wanted:
            place = np.array([1.0 if p == wanted else 0.0 for p in t.placements])
        else:
            place = np.full(n, 0.5)
        w_text = 0.0 if fallback else st.w_text
        questioned = None
        if not fallback and query.size is not None:
            named = text >= max(UNKNOWN_TEXT, 0.8 * float(text.max()))  # the categories the label names
            fits_named = float(size[named].max()) if named.any() else 0.0
            fits_other = float(size[~named].max()) if (~named).any() else 0.0
            if fits_named < IMPLAUSIBLE_SIZE and fits_other >= FITTING_SIZE:
                w_text *= QUESTIONED_TEXT_WEIGHT
                fitting = {}
                for i in np.argsort(-size):
                    if size[i] < FITTING_SIZE or len(fitting) == 3:
                        break
                    fitting.setdefault(t.categories[i], round(float(size[i]), 3))
                named_cats = sorted({t.categories[i] for i in np.flatnonzero(named)})
                questioned = (f"label {query.label!r} names {', '.join(named_cats)}, but no such asset can be "
                              f"{' x '.join(f'{x:.2f}' for x in query.size)} m (best size score {fits_named:.3f}); "
                              f"categories that fit the box: "
                              f"{', '.join(f'{c} ({s})' for c, s in fitting.items())}")
        total = w_text * text + st.w_size * size + st.w_place * place
        image = None
        if self.image_scorer is not None and query.image is not None:
            keys = [f"{lib}/{i}" for lib, i in zip(t.libraries, t.ids)]
            image = np.asarray(self.image_scorer(query.image, keys), float)
            total = total + st.w_image * image
        order = np.lexsort((np.array(t.ids), -total))[:k]  # best first; ties broken by id
        cands = [Candidate(t.ids[i], t.libraries[i], t.categories[i], float(total[i]), float(text[i]), float(size[i]),
                           float(place[i]), None if image is None else float(image[i]), bool(swap[i])) for i in order]
        if questioned and cands:
            questioned += f"; chose {cands[0].category} ({cands[0].id})"
        return Ranking(query, cands, fallback, questioned)


def _size_scores(m: np.ndarray, t: AssetTable, st: RetrievalSettings) -> tuple[np.ndarray, np.ndarray]:
    """Per asset: how well the measured box fits the asset and its category's range, best of
    the two XY orders. Returns (score in [0, 1], whether X and Y are swapped)."""
    m = np.maximum(m, 1e-3)
    w = np.array([1.0, 1.0, 1.5])  # height is the most reliable measurement
    best, swap = None, None
    for swapped, mm in ((False, m), (True, m[[1, 0, 2]])):
        e_asset = np.log(mm[None, :] / t.sizes)
        d_asset = (w * e_asset ** 2).sum(axis=1) / w.sum()
        below = np.log(np.maximum(t.size_min / mm[None, :], 1.0))
        above = np.log(np.maximum(mm[None, :] / t.size_max, 1.0))
        d_range = (w * (below + above) ** 2).sum(axis=1) / w.sum()
        score = 0.4 * np.exp(-d_asset / (2 * st.size_sigma ** 2)) + 0.6 * np.exp(-d_range / (2 * st.range_sigma ** 2))
        if swapped:
            score = score * np.where(t.symmetric, 1.0, SWAP_PENALTY)
        if best is None:
            best, swap = score, np.zeros(len(score), bool)
        else:
            better = score > best + 1e-12
            best = np.where(better, score, best)
            swap = np.where(better, True, swap)
    return best, swap
