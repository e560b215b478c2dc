"""The staff side of petitions in the Wagtail admin: the council's queue, a petition's
case page, bulk actions, the dashboard and session dossiers (issue 4). Interfaces only:
reads through petitions.selectors, writes through petitions.services.triage."""
