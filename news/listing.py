"""Pages of a release listing read in two steps, so a deep page stays cheap.

A list page is ``?page=N`` (stable, bookmarkable addresses), so it needs an OFFSET. Sorting and
skipping full rows (every translated column) costs more the deeper the page; here the database
first sorts and skips only release keys (the ``release_listing_order`` index gives them in
order), then reads the cards of the ten keys shown (news.cards: the values a list prints).
"""

from .cards import release_cards


class ListingRows:
    """A sliceable, countable stand-in for a listing queryset, for Django's Paginator.

    Counting the live releases of a language scans every one of them (20 ms at 10,000): with a
    ``count_key`` (which must name the language and the list), the count is kept until the next
    purge of the page cache, which every publish, unpublish, move or deletion makes."""

    def __init__(self, queryset, language: str, count_key: str | None = None):
        self.queryset = queryset
        self.language = language
        self.count_key = count_key

    def count(self):
        if self.count_key is None:
            return self.queryset.count()
        from page_cache.keys import remember_until_next_purge

        return remember_until_next_purge(self.count_key, self.queryset.count)

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        return self.cards_of(self.keys_of(window))

    def keys_of(self, window: slice) -> list:
        """The keys of the rows in ``window``; with a ``count_key``, kept until the next purge
        like the count (an OFFSET walk of the listing index, longer the deeper the page)."""

        def read():
            return list(self.queryset.values_list("pk", flat=True)[window])

        if self.count_key is None:
            return read()
        from page_cache.keys import remember_until_next_purge

        return remember_until_next_purge(
            f"{self.count_key}:keys:{window.start}:{window.stop}", read
        )

    def cards_of(self, keys: list) -> list[dict]:
        """The cards of the releases ``keys``, in that order."""
        cards = release_cards(self.queryset.filter(pk__in=keys).order_by(), self.language)
        by_key = {card["pk"]: card for card in cards}
        return [by_key[key] for key in keys if key in by_key]


class RankedRows(ListingRows):
    """Like ListingRows, for a list every page of which must order all its rows anyway (search
    results ranked by relevance): the keys of every row, in order, are given (read in one
    query); the count is their number and a page reads the cards of its keys from
    ``queryset``. Counting and then ranking again for the page's window would compute the rank
    of every match twice."""

    def __init__(self, keys: list, queryset, language: str):
        super().__init__(queryset, language)
        self.keys = keys

    def count(self):
        return len(self.keys)

    def keys_of(self, window: slice) -> list:
        return self.keys[window]
