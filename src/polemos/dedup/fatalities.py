"""Which reported figure an event keeps (ACLED: the lowest credible report, unless updated).

Reports from the latest publication day are taken as the current figure (a later report
revises an earlier one, up or down); among reports of that day the lowest wins. Undated
reports count only when no report is dated. Figures of different events are never summed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def reconcile(reports: Iterable[tuple[date | None, int | None]]) -> int | None:
    known = [(published, figure) for published, figure in reports if figure is not None]
    if not known:
        return None
    dated = [(published, figure) for published, figure in known if published is not None]
    if not dated:
        return min(figure for _, figure in known)
    latest = max(published for published, _ in dated)
    return min(figure for published, figure in dated if published == latest)
