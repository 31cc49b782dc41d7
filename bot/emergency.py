"""The emergency number a person would dial, from their time zone's country (a rule).

The advice texts name it (`{emergency}` in the catalogue). The zone -> country table
is CLDR's, through Babel (already a dependency); the numbers are each country's
public emergency or ambulance number. Where the country is not known (no zone set,
a fixed offset such as UTC+5:30, a country not listed), "112 / 911": 112 reaches
emergency services on mobile phones across Europe and in many other countries, 911
across the Americas.

Sources: 112 in every EU member state (European Electronic Communications Code,
Directive (EU) 2018/1972, art. 109) and in the UK beside 999 (Ofcom); 911 in the
US and Canada (NENA), in Mexico since 2017 (CNE 911); ambulance numbers per country
from each country's health ministry: 103 (Russia, Ukraine, Kazakhstan, Belarus,
ambulance; 112 works too), 192 SAMU (Brazil), 107 SAME (Argentina), 123 (Colombia),
131 SAMU (Chile), 106 SAMU (Peru), 144 (Austria and Switzerland, ambulance), 113
(Norway, medical), 000 (Australia), 111 (New Zealand), 119 (Japan), 120 (China).
"""

from __future__ import annotations

from functools import cache

from babel.core import get_global

FALLBACK = "112 / 911"

_EU_112 = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI",
)
NUMBERS: dict[str, str] = {
    **dict.fromkeys(_EU_112, "112"),
    "AT": "144 / 112", "CH": "144 / 112", "NO": "113 / 112",
    "GB": "999 / 112", "GG": "999 / 112", "JE": "999 / 112", "IM": "999 / 112",
    "US": "911", "CA": "911", "MX": "911", "PR": "911",
    "RU": "103 / 112", "UA": "103 / 112", "KZ": "103 / 112", "BY": "103",
    "BR": "192", "AR": "107", "CO": "123", "CL": "131", "PE": "106",
    "AU": "000", "NZ": "111", "JP": "119", "CN": "120",
}


@cache
def number_for(tz_name: str | None) -> str:
    """ "112" for Europe/Madrid, "103 / 112" for Europe/Moscow, "112 / 911" if unknown."""
    if not tz_name:
        return FALLBACK
    canonical = get_global("zone_aliases").get(tz_name, tz_name)  # Europe/Kiev, ...
    country = get_global("zone_territories").get(canonical)
    return NUMBERS.get(country or "", FALLBACK)
