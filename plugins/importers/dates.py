"""Dates from exports to the ISO 8601 strings of the reply and post formats."""

from __future__ import annotations

import datetime as dt
import functools
import re
from types import MappingProxyType

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


# Month names of the languages saved pages are most often in (WordPress's own translations,
# full and abbreviated); English is always tried too.
_MONTHS = MappingProxyType({
    "en": ("january february march april may june july august september october november december",
           "jan feb mar apr may jun jul aug sep oct nov dec"),
    "de": ("januar februar märz april mai juni juli august september oktober november dezember",
           "jan feb mär apr mai jun jul aug sep okt nov dez"),
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
           "janv févr mars avr mai juin juil août sept oct nov déc"),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
           "ene feb mar abr may jun jul ago sep oct nov dic"),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "gen feb mar apr mag giu lug ago set ott nov dic"),
    "nl": ("januari februari maart april mei juni juli augustus september oktober november december",
           "jan feb mrt apr mei jun jul aug sep okt nov dec"),
})
_CLOCK = (r"(?:\s*(?:,|um|à|a las|alle|om|at|@|-|–)?\s*(?P<h>\d{1,2})\s*(?::|h|\.)\s*(?P<mi>\d{2})"
          r"(?:\s*(?:min|uhr|h))?(?:\s*(?P<ampm>[ap]\.?\s?m\.?))?)?")


def _month_table(lang: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for code in dict.fromkeys((lang, "en")):
        for names in _MONTHS.get(code, ()):
            for number, name in enumerate(names.split(), start=1):
                table.setdefault(name, number)
    return table


@functools.lru_cache(maxsize=16)
def _date_patterns(lang: str) -> tuple[dict[str, int], tuple[re.Pattern, ...]]:
    months = _month_table(lang)
    names = "|".join(sorted((re.escape(n) for n in months), key=len, reverse=True))
    patterns = (
        rf"(?P<d>\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s*(?:de\s+)?(?P<mon>{names})\.?\s*(?:de\s+)?,?\s*(?P<y>\d{{4}})",
        rf"(?P<mon>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})",
        r"(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})",
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})",
    )
    return months, tuple(re.compile(rf"(?<!\w){p}{_CLOCK}(?!\w)") for p in patterns)


def find_text_date(text: str, lang: str = "en") -> tuple[str, tuple[int, int]] | None:
    """A date written out in words or digits in ``text``, read in the page's language.

    Parameters
    ----------
    text : str
        Text that holds a date, e.g. a comment's meta line.
    lang : str
        The page's language (``de``, ``fr``, ``en``, ``es``, ``it``, ``nl``; ``de-DE`` works too).

    Returns
    -------
    tuple of (str, (int, int)) or None
        The date as ISO (local time, no zone) and where it stands in ``text``.

    Examples
    --------
    >>> find_text_date("Anna 19. Juni 2018 um 15:28 Uhr - Antworten", "de-DE")
    ('2018-06-19 15:28:00', (5, 31))
    >>> find_text_date("le 3 février 2014 à 9 h 05 min", "fr")[0]
    '2014-02-03 09:05:00'
    >>> find_text_date("June 19, 2018 at 3:28 pm")[0], find_text_date("19/06/2018 à 15:28", "fr")[0]
    ('2018-06-19 15:28:00', '2018-06-19 15:28:00')
    >>> find_text_date("no date here") is None
    True
    """
    months, patterns = _date_patterns((lang or "en").lower().split("-")[0].split("_")[0])
    lowered = text.lower()
    for pattern in patterns:
        match = pattern.search(lowered)
        if not match:
            continue
        parts = match.groupdict()
        month = months.get(parts["mon"]) if parts.get("mon") else int(parts["m"])
        hour, minute = int(parts["h"] or 0), int(parts["mi"] or 0)
        ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        try:
            value = dt.datetime(int(parts["y"]), month, int(parts["d"]), hour, minute)
        except (TypeError, ValueError):
            continue
        if 1900 <= value.year <= 2200:
            return format_date(value), match.span()
    return None
