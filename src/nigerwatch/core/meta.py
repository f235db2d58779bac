"""What an input record says about its article besides the text: url, title, outlet...

Scraped JSON Lines carry fields nigerwatch does not read (``url``, ``title``, ``source``,
``outlet``, ``author``). They travel to the output as ``article.meta`` so a record can be traced
back to its page. They come from outside, so they are made JSON-safe and bounded here: at most
:data:`~nigerwatch.schemas.META_MAX_FIELDS` fields with names up to
:data:`~nigerwatch.schemas.META_MAX_NAME` characters, strings cut to
:data:`~nigerwatch.schemas.META_MAX_TEXT` characters, numbers finite, and lists or objects kept
as their compact JSON text.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Mapping

from nigerwatch.schemas import META_MAX_FIELDS, META_MAX_NAME, META_MAX_TEXT, MetaValue

logger = logging.getLogger(__name__)


def clean_meta(record: Mapping[str, object], *, skip: tuple[str, ...] = ()) -> dict[str, MetaValue]:
    """The fields of ``record`` other than ``skip``, JSON-safe and bounded (see the module).

    Fields past the first ``META_MAX_FIELDS``, with an empty or too long name, or holding a
    number that is not finite are left out (logged at debug level).
    """
    meta: dict[str, MetaValue] = {}
    for name, value in record.items():
        if name in skip:
            continue
        cleaned = _value(value)
        if len(meta) >= META_MAX_FIELDS or not 0 < len(name) <= META_MAX_NAME or cleaned is _DROP:
            logger.debug("meta field %r left out", name[:META_MAX_NAME])
            continue
        meta[name] = cleaned  # type: ignore[assignment]
    return meta


_DROP = object()


def _value(value: object) -> MetaValue | object:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else _DROP
    if not isinstance(value, str):
        try:
            value = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):
            return _DROP
    assert isinstance(value, str)
    return value if len(value) <= META_MAX_TEXT else value[: META_MAX_TEXT - 1] + "…"
