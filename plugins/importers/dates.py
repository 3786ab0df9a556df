"""Dates from exports to the ISO 8601 strings of the reply and post formats."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateparser

_WP_FORMAT = "%Y-%m-%d %H:%M:%S"
_MAX_OFFSET = dt.timedelta(hours=14)


def format_date(value: dt.datetime) -> str:
    """ISO 8601 with seconds: ``2013-03-14T08:14:13+00:00``, or ``2013-03-14 08:14:13`` if naive.

    Examples
    --------
    >>> format_date(dt.datetime(2013, 3, 14, 8, 14, 13, 999, tzinfo=dt.timezone.utc))
    '2013-03-14T08:14:13+00:00'
    >>> format_date(dt.datetime(2013, 3, 14, 8, 14))
    '2013-03-14 08:14:00'
    """
    value = value.replace(microsecond=0)
    if value.tzinfo is None:
        return value.strftime(_WP_FORMAT)
    return value.isoformat()


def _wp(value: str | None) -> dt.datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.strptime(value, _WP_FORMAT)
    except ValueError:
        return parse_date(value, as_datetime=True)


def wp_date(local: str | None, gmt: str | None) -> str | None:
    """A WordPress date pair (site-local and GMT) as one ISO date that keeps the local time.

    Parameters
    ----------
    local, gmt : str or None
        ``wp:post_date``/``wp:comment_date`` and the ``_gmt`` variant (``0000-00-00 ...``
        means unset).

    Returns
    -------
    str or None
        The local time with its UTC offset when both are known, the GMT time in UTC when only
        that is, the naive local time otherwise; None without any date.

    Examples
    --------
    >>> wp_date("2012-05-06 15:46:06", "2012-05-06 20:46:06")
    '2012-05-06T15:46:06-05:00'
    >>> wp_date("", "2014-04-29 15:21:35"), wp_date("2012-02-15 21:23:57", "0000-00-00 00:00:00")
    ('2014-04-29T15:21:35+00:00', '2012-02-15 21:23:57')
    """
    local_dt, gmt_dt = _wp(local), _wp(gmt)
    if local_dt and local_dt.tzinfo:
        return format_date(local_dt)
    if gmt_dt and gmt_dt.tzinfo:
        gmt_dt = gmt_dt.astimezone(dt.UTC).replace(tzinfo=None)
    if local_dt and gmt_dt:
        offset = local_dt - gmt_dt
        if abs(offset) <= _MAX_OFFSET and offset % dt.timedelta(minutes=15) == dt.timedelta(0):
            return format_date(local_dt.replace(tzinfo=dt.timezone(offset)))
        return format_date(gmt_dt.replace(tzinfo=dt.UTC))
    if gmt_dt:
        return format_date(gmt_dt.replace(tzinfo=dt.UTC))
    if local_dt:
        return format_date(local_dt)
    return None


def parse_date(value: object, *, as_datetime: bool = False, fuzzy: bool = False):
    """Any date an export holds (ISO string, Unix time in s or ms, datetime) as ISO, or None.

    Examples
    --------
    >>> parse_date("2013-10-10T19:20:29Z"), parse_date(1481307543), parse_date("1481307543285")
    ('2013-10-10T19:20:29+00:00', '2016-12-09T18:19:03+00:00', '2016-12-09T18:19:03+00:00')
    >>> parse_date("January 3, 2012 at 10:11 am", fuzzy=True), parse_date("not a date")
    ('2012-01-03 10:11:00', None)
    >>> parse_date("Omar says: 5", fuzzy=True) is None
    True
    """
    result: dt.datetime | None = None
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, dt.date):
        result = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        result = _from_timestamp(float(value))
    elif isinstance(value, str):
        text = " ".join(value.split())
        if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
            result = _from_timestamp(float(text))
        elif text:
            try:
                result = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                if fuzzy and not re.search(r"\b(?:1[89]|2[01])\d\d\b", text):
                    return None  # a guess without a year would take this year's
                try:
                    result = dateparser.parse(text, fuzzy=fuzzy)
                except (ValueError, OverflowError):
                    result = None
    if result is None or not 1900 <= result.year <= 2200:
        return None
    return result if as_datetime else format_date(result)


def _from_timestamp(value: float) -> dt.datetime | None:
    if value > 1e11:  # milliseconds
        value /= 1000
    try:
        return dt.datetime.fromtimestamp(value, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
