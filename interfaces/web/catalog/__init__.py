"""Every string the pages show, in Vietnamese (the default) and English, one module per
group of pages.

Keys are dotted names; ``{name}`` placeholders are filled by
:class:`interfaces.web.i18n.Translator`. A unit test checks that both languages name the
same placeholders and that the templates use no key missing here.
"""

from __future__ import annotations

from interfaces.web.catalog import desk, dossiers, frame, permits, staff, statistics


def _merged(*groups: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for group in groups:
        if twice := merged.keys() & group.keys():
            raise ValueError(f"catalog keys defined twice: {sorted(twice)}")
        merged |= group
    return merged


# key: (Vietnamese, English)
CATALOG = _merged(
    frame.STRINGS,
    dossiers.STRINGS,
    staff.STRINGS,
    permits.STRINGS,
    statistics.STRINGS,
    desk.STRINGS,
)
