"""The ACLED CSV's `notes`: one ACLED-style sentence built from the row's own fields.

"On 12 September 2022, Military Forces of Armenia shelled positions of Military Forces of
Azerbaijan in Dashkasan (Azerbaijan). Fatalities unknown." Built from the date and its
precision, actor1, the event's kind (its category, else ACLED sub-event type, worded by
data/acled_note_phrases.tsv), actor2, the place and the fatalities, so a note never says
more than the row does; the report's own sentence stays in the `evidence` column.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from conflictcoder.export.acled_tables import note_phrase


@dataclass(frozen=True)
class NoteFields:
    """What the sentence is built from (already in ACLED's vocabulary)."""

    date: dt.date
    time_precision: int  # 1 day, 2 week, 3 month
    actor1: str
    actor2: str | None
    actor2_civilian: bool
    category: str | None
    event_type: str
    sub_event_type: str | None
    location: str  # the place as the row names it
    country: str
    fatalities: int | None  # the reported count (0: "no one was hurt"); None: no number
    fatalities_unspecified: bool  # dead or hurt are said to exist, without a number
    political_violence: bool  # "Fatalities unknown." is written for violent events only
    stance: str | None = None  # asserted | alleged | denied | reported
    claimant: str | None = None


def _when(date: dt.date, precision: int) -> str:
    day = f"{date.day} {calendar.month_name[date.month]} {date.year}"
    if precision == 1:
        return f"On {day}"
    if precision == 2:
        return f"On or around {day}"
    return f"In {calendar.month_name[date.month]} {date.year}"


def _where(location: str, country: str) -> str:
    return f"in {country}" if location == country else f"in {location} ({country})"


def _fatalities(fields: NoteFields) -> str:
    count = fields.fatalities
    if count is None:
        unknown = fields.fatalities_unspecified and fields.political_violence
        return " Fatalities unknown." if unknown else ""
    if count == 0:
        return " No fatalities."
    return f" {count} fatalit{'y' if count == 1 else 'ies'}."


def _stance(fields: NoteFields) -> str:
    by = f" by {fields.claimant}" if fields.claimant else ""
    if fields.stance == "alleged":
        return f" Alleged{by}."
    if fields.stance == "denied":
        return f" Claimed{by}; denied." if by else " The claim is denied."
    return ""


def note(fields: NoteFields) -> str:
    """The note sentence for one row."""
    phrase = note_phrase(fields.category, fields.sub_event_type, fields.event_type)
    if fields.actor2:
        verb = phrase.with_civilians if phrase and fields.actor2_civilian else None
        verb = verb or (phrase.with_other if phrase else "acted against")
        clause = f"{fields.actor1} {verb} {fields.actor2}"
    else:
        clause = f"{fields.actor1} {phrase.alone if phrase else 'acted'}"
    when = _when(fields.date, fields.time_precision)
    where = _where(fields.location, fields.country)
    return f"{when}, {clause} {where}.{_stance(fields)}{_fatalities(fields)}"
