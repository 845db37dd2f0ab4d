"""Regions, seas and contested areas that conflict news names but no data package lists.

GeoNames' cities, countries and admin1 regions (the packages `polemos.geo.build` reads) have no
seas, no macro-regions ("Middle East") and no areas without an administrative status of their own
(Donbas, Nagorno-Karabakh, Puntland). This small table adds them at approximate geographic centres
(coordinates are facts; rounded to a tenth of a degree where the area is large); seas and oceans
sit at GeoNames' own points (the Pacific at GeoNames' North Pacific Ocean, 30 N 170 W), so that
they agree with GeoNames-based gold and tools. Keep it small:
only names that recur in conflict reporting.
"""

from __future__ import annotations

from dataclasses import dataclass

REGION_ID_BASE = -1_000_000  # ids below this are table rows (admin2 areas use -1 .. -N)


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    lat: float
    lon: float
    code: str  # GeoNames-style feature code: RGN region, SEA, OCN, ISL, GULF, PEN
    country: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


REGIONS: tuple[Region, ...] = (
    Region("Middle East", 29.3, 42.5, "RGN", demonyms=("Middle Eastern",)),
    Region("North Africa", 27.0, 17.0, "RGN", demonyms=("North African",)),
    Region("West Africa", 12.0, -2.0, "RGN", demonyms=("West African",)),
    Region("East Africa", 1.0, 36.0, "RGN", demonyms=("East African",)),
    Region("Horn of Africa", 8.0, 45.0, "RGN"),
    Region("Sahel", 15.0, 5.0, "RGN", demonyms=("Sahelian",)),
    Region("Central Asia", 43.0, 66.0, "RGN", demonyms=("Central Asian",)),
    Region("Southeast Asia", 10.0, 110.0, "RGN", aliases=("South-East Asia", "South East Asia"),
           demonyms=("Southeast Asian", "South-East Asian", "South East Asian")),
    Region("Central America", 13.0, -86.0, "RGN", demonyms=("Central American",)),
    Region("South Asia", 23.0, 80.0, "RGN", demonyms=("South Asian",)),
    Region("East Asia", 35.0, 115.0, "RGN", demonyms=("East Asian",)),
    Region("Southern Africa", -24.0, 25.0, "RGN"),
    Region("Central Africa", 3.0, 20.0, "RGN"),
    Region("Latin America", -8.0, -60.0, "RGN", demonyms=("Latin American",)),
    Region("Scandinavia", 63.0, 15.0, "RGN", demonyms=("Scandinavian",)),
    Region("Balkans", 43.0, 21.0, "RGN", demonyms=("Balkan",)),
    Region("Caucasus", 42.5, 44.5, "RGN"),
    Region("Eastern Europe", 50.0, 30.0, "RGN", demonyms=("Eastern European",)),
    Region("Western Europe", 48.0, 5.0, "RGN", demonyms=("Western European",)),
    Region("Korean Peninsula", 37.5, 127.5, "PEN"),
    Region("Sinai Peninsula", 29.5, 33.8, "PEN", "EG", ("Sinai",)),
    Region("Donbas", 48.0, 38.5, "RGN", "UA", ("Donbass",)),
    Region("Nagorno-Karabakh", 39.9, 46.7, "RGN", "AZ",
           ("Karabakh", "Nagorno-Karabakh Republic", "Artsakh")),
    Region("South Ossetia", 42.3, 44.0, "RGN", "GE", demonyms=("South Ossetian",)),
    Region("Abkhazia", 43.0, 41.0, "RGN", "GE", demonyms=("Abkhaz", "Abkhazian")),
    Region("Transnistria", 47.2, 29.4, "RGN", "MD"),
    Region("Puntland", 9.5, 49.0, "RGN", "SO"),
    Region("Somaliland", 9.8, 46.0, "RGN", "SO"),
    Region("Darfur", 13.0, 24.0, "RGN", "SD", demonyms=("Darfuri",)),
    Region("Kurdistan", 36.5, 44.0, "RGN", demonyms=("Kurdish",)),
    Region("Kashmir", 34.5, 76.0, "RGN", demonyms=("Kashmiri",)),
    Region("Gaza Strip", 31.4, 34.4, "RGN", "PS"),
    Region("West Bank", 31.9, 35.2, "RGN", "PS"),
    Region("Golan Heights", 33.0, 35.75, "RGN", "SY", ("Golan",)),
    Region("Eastern Ghouta", 33.55, 36.45, "RGN", "SY", ("Ghouta", "East Ghouta")),
    Region("Snake Island", 45.255, 30.204, "ISL", "UA", ("Zmiinyi Island",)),
    Region("Black Sea", 43.0, 34.0, "SEA"),
    Region("Sea of Azov", 46.0, 36.5, "SEA"),
    Region("Caspian Sea", 41.7, 50.7, "SEA"),
    Region("Mediterranean Sea", 35.0, 20.0, "SEA", aliases=("Mediterranean",)),
    Region("Red Sea", 20.26735, 38.53455, "SEA"),
    Region("Baltic Sea", 58.0, 20.0, "SEA"),
    Region("North Sea", 55.0, 3.0, "SEA"),
    Region("South China Sea", 12.0, 113.0, "SEA"),
    Region("Caribbean Sea", 15.0, -75.0, "SEA", aliases=("Caribbean",)),
    Region("Persian Gulf", 26.5, 52.0, "GULF", aliases=("Arabian Gulf",)),
    Region("Gulf of Aden", 12.5, 48.0, "GULF"),
    Region("Atlantic Ocean", 10.0, -25.0, "OCN", aliases=("Atlantic",)),
    Region("Pacific Ocean", 30.0, -170.0, "OCN", aliases=("Pacific", "North Pacific")),
    Region("South Pacific", -45.0, -130.0, "OCN", aliases=("South Pacific Ocean",)),
    Region("Indian Ocean", -10.0, 70.0, "OCN"),
    Region("Arctic Ocean", 85.0, 0.0, "OCN", aliases=("Arctic",)),
    # new rows go last: a row's id is its position (`REGION_ID_BASE`), which stored events keep
    Region("Kurdistan Region", 36.2, 44.3, "RGN", "IQ",
           ("Iraqi Kurdistan", "Kurdistan Region of Iraq")),
    Region("Rojava", 36.5, 40.5, "RGN", "SY",
           ("North and East Syria", "Autonomous Administration of North and East Syria")),
)
# Unions named like places, at their continent's point ('EU' -> Europe, as GeoNames-based
# annotation does); resolution only (hidden names): news often names them as actors.
CONTINENT_UNIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Europe": (("European Union",), ("EU",)),
}
# Adjectives of continents ('European', 'African'): demonyms of the continent rows.
CONTINENT_DEMONYMS = {
    "Europe": ("European",), "Africa": ("African",), "Asia": ("Asian",),
    "North America": ("North American",), "South America": ("South American",),
    "Oceania": ("Oceanian",),
}
