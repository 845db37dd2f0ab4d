"""Great-circle distance: the one metric every geo score and the resolver's coherence use."""

from __future__ import annotations

import math

import numpy as np

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0  # half the equator: the worst possible error


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def haversine_matrix_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distances (km) between every row of `a` and of `b`, both (n, 2) arrays of degrees."""
    ra, rb = np.radians(a), np.radians(b)
    dp = rb[None, :, 0] - ra[:, None, 0]
    dl = rb[None, :, 1] - ra[:, None, 1]
    h = np.sin(dp / 2) ** 2 + np.cos(ra[:, None, 0]) * np.cos(rb[None, :, 0]) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
