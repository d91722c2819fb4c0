"""Pages of a release listing read in two steps, so a deep page stays cheap.

A list page is ``?page=N`` (stable, bookmarkable addresses), so it needs an OFFSET. Sorting and
skipping full rows (every translated column) costs more the deeper the page; here the database
first sorts and skips only release keys (the ``release_listing_order`` index gives them in
order), then fetches the full rows of the ten keys shown.
"""


class ListingRows:
    """A sliceable, countable stand-in for a listing queryset, for Django's Paginator."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        keys = list(self.queryset.values_list("pk", flat=True)[window])
        rows = {row.pk: row for row in self.queryset.filter(pk__in=keys).order_by()}
        return [rows[key] for key in keys if key in rows]
