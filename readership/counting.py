"""Counting views without a row lock per view and without personal data.

A view adds one to ``readership:pending:<page>`` in the cache (an atomic ``incr``). The pending
views of a page are written to its ``PageViews`` row in one UPDATE when they reach
``READERSHIP_BATCH_SIZE``, when the page was not written for ``READERSHIP_FLUSH_SECONDS``, and by
``manage.py flush_view_counts`` (cron). The number shown is the row plus what is pending, so a
cache flush loses at most the views of the last batch window. The row's count is also kept in
the cache (``readership:stored:<page>``) until the next write of the row, so showing the number
on a release page is one cache round trip, no query.

A browser is recognised again for ``READERSHIP_DEDUPE_SECONDS`` by a keyed hash (HMAC with
SECRET_KEY) of its address, User-Agent and the page, kept only in the cache and only for that
window; the address itself is never stored.
"""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F

from .models import PageViews

BOT_USER_AGENT = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"curl|wget|python-|httpclient|okhttp|go-http|java/|libwww|scrapy|feed|monitor|"
    r"lighthouse|pagespeed|phantomjs|headlesschrome.*\bbot",
    re.IGNORECASE,
)


def pending_key(page_id: int) -> str:
    return f"readership:pending:{page_id}"


def stored_key(page_id: int) -> str:
    return f"readership:stored:{page_id}"


# A row is written only by flush_page, which forgets the kept count after each write; the
# timeout only bounds how long a count changed some other way (by hand) could be shown.
STORED_COUNT_SECONDS = 300


def is_bot(user_agent: str) -> bool:
    return not user_agent.strip() or bool(BOT_USER_AGENT.search(user_agent))


def first_view_in_window(request, page_id: int) -> bool:
    """True the first time this browser (address + User-Agent) views the page in the window."""
    address = request.META.get("REMOTE_ADDR", "")
    user_agent = request.headers.get("User-Agent", "")[:500]
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{address}|{user_agent}|{page_id}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    return cache.add(f"readership:seen:{digest}", 1, timeout=settings.READERSHIP_DEDUPE_SECONDS)


def record_view(page_id: int) -> None:
    key = pending_key(page_id)
    cache.add(key, 0, timeout=None)
    try:
        pending = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, timeout=None)
        pending = 1
    recently_written = not cache.add(
        f"readership:written:{page_id}", 1, timeout=settings.READERSHIP_FLUSH_SECONDS
    )
    if pending >= settings.READERSHIP_BATCH_SIZE or not recently_written:
        flush_page(page_id)


def flush_page(page_id: int) -> int:
    """Write the page's pending views to its row; returns how many were written."""
    lock = f"readership:lock:{page_id}"
    if not cache.add(lock, 1, timeout=30):
        return 0  # another worker is writing this page right now
    try:
        pending = int(cache.get(pending_key(page_id)) or 0)
        if pending <= 0:
            return 0
        cache.decr(pending_key(page_id), pending)  # views arriving meanwhile stay pending
        with transaction.atomic():
            updated = PageViews.objects.filter(page_id=page_id).update(count=F("count") + pending)
            if not updated:
                row, created = PageViews.objects.get_or_create(
                    page_id=page_id, defaults={"count": pending}
                )
                if not created:
                    PageViews.objects.filter(page_id=page_id).update(count=F("count") + pending)
        # After the commit: a reader in between would keep the old count again.
        cache.delete(stored_key(page_id))
        return pending
    finally:
        cache.delete(lock)


def flush_all(page_ids) -> int:
    """Write every listed page's pending views (``flush_view_counts``)."""
    page_ids = list(page_ids)
    written = 0
    for start in range(0, len(page_ids), 500):
        chunk = page_ids[start : start + 500]
        pending = cache.get_many([pending_key(pk) for pk in chunk])
        for pk in chunk:
            if int(pending.get(pending_key(pk)) or 0) > 0:
                written += flush_page(pk)
    return written


def total(page_id: int) -> int:
    """Views written plus views pending, in one round trip to the cache once the written count
    is kept there."""
    values = cache.get_many([stored_key(page_id), pending_key(page_id)])
    stored = values.get(stored_key(page_id))
    if stored is None:
        stored = (
            PageViews.objects.filter(page_id=page_id).values_list("count", flat=True).first() or 0
        )
        cache.add(stored_key(page_id), stored, timeout=STORED_COUNT_SECONDS)
    return int(stored) + max(0, int(values.get(pending_key(page_id)) or 0))
