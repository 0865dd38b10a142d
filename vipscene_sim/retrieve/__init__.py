"""Retrieval: choose an asset for every object (text, size, placement, optional image) and fit it."""

from .fit import Fit, FitSettings, fit_asset
from .rank import Candidate, Query, Ranking, RetrievalSettings, Retriever
from .stage import RetrieveSettings, retrieve_scene

__all__ = ["Candidate", "Fit", "FitSettings", "Query", "Ranking", "RetrievalSettings", "RetrieveSettings",
           "Retriever", "fit_asset", "retrieve_scene"]
