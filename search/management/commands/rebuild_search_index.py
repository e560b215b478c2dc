"""Rebuild the search index from the database (the source of truth), with a progress bar.

    manage.py rebuild_search_index                 # every kind; Elasticsearch too if set
    manage.py rebuild_search_index --kind petition

On Elasticsearch a new index is filled and the alias swapped atomically: searches go on
answering from the old index until the new one is complete.
"""

from django.core.management.base import BaseCommand, CommandError

from search import documents, services
from search.backends import elasticsearch as es
from search.progress import ProgressBar


class Command(BaseCommand):
    help = "Rebuild the search index (database, and Elasticsearch when configured)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", dest="kinds", help="only this kind (repeatable)"
        )
        parser.add_argument(
            "--no-elasticsearch", action="store_true", help="rebuild the database index only"
        )

    def handle(self, *args, kinds=None, no_elasticsearch=False, **options):
        known = documents.kinds()
        unknown = set(kinds or ()) - set(known)
        if unknown:
            raise CommandError(
                f"Unknown kind(s): {', '.join(sorted(unknown))}; known: {', '.join(known)}"
            )
        chosen = [known[name] for name in kinds or known]
        estimate = sum(kind.count() if kind.count else 0 for kind in chosen)
        if not no_elasticsearch and es.is_configured():
            estimate *= 2  # the database index, then Elasticsearch from it
        bar = ProgressBar(self.stdout, estimate, label="index")
        counts = services.index_rebuild(
            kinds=kinds, progress=bar, elasticsearch=not no_elasticsearch
        )
        bar.close()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count:,} documents")
        self.stdout.write(self.style.SUCCESS("Search index rebuilt."))
