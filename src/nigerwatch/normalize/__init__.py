"""Pure normalization: what articles write, turned into the codes analysts join on.

Countries, organisations, dates and troop numbers are never taken from a model as-is: these
functions map the text to canonical values, or to None when the text does not say enough.

* :func:`country` - a country name, demonym or upper-case alpha-3 code, in English or French,
  to its ISO 3166-1 alpha-3 code ("Nigérien" -> ``"NER"``, "Nigerian" -> ``"NGA"``).
* :func:`city_country` - a Sahel or West African city (or an outside power's capital) to the
  alpha-3 code of its country ("Niamey" -> ``"NER"``); :func:`seat_country` reads a capital
  named for its government ("Bamako announced...") as the state.
* :func:`find_countries` - every country name or demonym in free text, as :class:`Mention`;
  :func:`find_places` finds the table's cities and towns, each with its country's code.
* :func:`organization` - an organisation's name or acronym to its canonical acronym
  ("CEDEAO" -> ``"ECOWAS"``); :func:`organization_name` gives the full name back in English or
  French; :func:`find_organizations` finds them in free text.
* :func:`resolve_date` - a date phrase ("dimanche soir", "last month", "26 July 2023"),
  resolved against the publication date, to a :class:`~nigerwatch.schemas.PartialDate` that
  keeps the precision the text supports; :func:`date_spans` finds the date phrases a sentence
  states (not its dateline or deadlines), and :func:`same_month_and_day` compares two dates
  whatever their years.
* :func:`coup_leaders` - the ousted and the new leader a coup's sentence names ("ousted
  President Mohamed Bazoum", « menés par le général Abdourahamane Tiani »); :func:`coup_dates`
  the month or year of each seizure it dates ("an August 2020 coup", "a takeover in May 2021").
* :func:`leader_country` - the country a head of state or government leads or led
  ("President Emmanuel Macron" -> ``"FRA"``), from a table of the region's leaders, 2020-2024.
* :func:`sanction_measures` - the sanction measures a sentence names ("froze state assets" ->
  ``asset_freeze``, « fermeture des frontières » -> ``border_closure``).
* :func:`troop_count` - a number of personnel ("some 1,500 soldiers") to a
  :class:`~nigerwatch.schemas.TroopCount`; vague numbers and vehicles give None.
  :func:`troop_count_at` reads one from the words around a number in a longer text, and
  :func:`personnel_spans` finds the numbers of a text that count personnel.
* Code crosswalks, each with its source in its module: :func:`country_codes` (ISO alpha-2,
  numeric as ACLED's ``iso``, Correlates of War, FIPS 10-4 as GDELT uses it),
  :func:`event_codes` (CAMEO, PLOVER event, mode and context), :func:`acled_date` (ACLED-style
  ``event_date`` and ``time_precision``), :func:`gsdb_type` (Global Sanctions Data Base type of
  a measure) and :func:`organization_wikidata`.

Nothing here touches the network, and nothing depends on today's date. This wing imports only
:mod:`nigerwatch.schemas` and :mod:`nigerwatch.core.text` (one folding vocabulary for all
comparisons); never a model client.
"""

from __future__ import annotations

from nigerwatch.normalize._countries import (
    city_country,
    country,
    find_countries,
    find_places,
    seat_country,
)
from nigerwatch.normalize._country_codes import CountryCodes, country_codes
from nigerwatch.normalize._date_phrases import date_spans
from nigerwatch.normalize._dates import resolve_date, same_month_and_day
from nigerwatch.normalize._event_codes import (
    EventCodes,
    GsdbType,
    acled_date,
    event_codes,
    gsdb_type,
)
from nigerwatch.normalize._leaders import coup_dates, coup_leaders, leader_country
from nigerwatch.normalize._measures import sanction_measures
from nigerwatch.normalize._organizations import (
    find_organizations,
    organization,
    organization_name,
    organization_wikidata,
)
from nigerwatch.normalize._terms import Mention
from nigerwatch.normalize._troops import personnel_spans, troop_count, troop_count_at

__all__ = [
    "CountryCodes",
    "EventCodes",
    "GsdbType",
    "Mention",
    "acled_date",
    "city_country",
    "country",
    "country_codes",
    "coup_dates",
    "coup_leaders",
    "date_spans",
    "event_codes",
    "find_countries",
    "find_organizations",
    "find_places",
    "gsdb_type",
    "leader_country",
    "organization",
    "organization_name",
    "organization_wikidata",
    "personnel_spans",
    "resolve_date",
    "same_month_and_day",
    "sanction_measures",
    "seat_country",
    "troop_count",
    "troop_count_at",
]
