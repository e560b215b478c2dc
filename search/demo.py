"""Demo data for search: index whatever the demo loaders created (idempotent: a rebuild
writes the same documents again)."""

from search import services


def load_search_index() -> dict[str, int]:
    return services.index_rebuild()
