# Cử tri số — the two commands of the README, and a few helpers.
#   make run   → virtual environment, dependencies, database, places, demo data, dev server
#   make test  → the whole test suite (on whatever DATABASE_URL / REDIS_URL point at)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000

.PHONY: run test install lint format messages lock totp worker beat ci clean \
	bench-filing bench-triage bench-search bench-elections bench-open311

# Re-installs only when pyproject.toml or the lock changed, so a second `make run` is fast.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c requirements.lock ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_places
	$(BIN)/python manage.py load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract translatable strings and compile the Vietnamese catalogue (needs GNU gettext).
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale vi --no-obsolete \
		--ignore ".venv/*" --ignore "test-artifacts/*" --ignore "locale_vendor/*"
	$(BIN)/python manage.py compilemessages --locale vi --ignore ".venv/*"

# Re-resolve every dependency to its newest allowed version and pin the result.
lock:
	rm -rf /tmp/cutri-lock && $(PYTHON) -m venv /tmp/cutri-lock
	/tmp/cutri-lock/bin/python -m pip install --quiet --upgrade "pip>=24"
	/tmp/cutri-lock/bin/python -m pip install --quiet ".[dev]"
	( echo "# Pinned versions of every dependency (make lock). Installs use it as constraints:"; \
	  echo "#   pip install -c requirements.lock '.[dev]'   (development, tests)"; \
	  echo "#   pip install -c requirements.lock .          (production)"; \
	  /tmp/cutri-lock/bin/python -m pip freeze --exclude cutri ) > requirements.lock

# The current two-factor code of a demo account: make totp EMAIL=can.bo@demo.cutri.vn
totp: $(STAMP)
	$(BIN)/python manage.py totp_code $(EMAIL)

# A real worker and scheduler (need REDIS_URL; without it tasks run inline).
worker: $(STAMP)
	$(BIN)/celery -A config worker --loglevel INFO
beat: $(STAMP)
	$(BIN)/celery -A config beat --loglevel INFO

# Filing over HTTP vs a bare insert view (needs DATABASE_URL=postgres://… and REDIS_URL).
bench-filing: $(STAMP)
	$(BIN)/python manage.py benchmark_filing $(ARGS)

# The staff queue, dashboard and bulk actions on 1,000,000 petitions (PostgreSQL + Redis).
bench-triage: $(STAMP)
	$(BIN)/python manage.py benchmark_triage $(ARGS)

# Search: ours vs Wagtail's database backend on 1,000,000 petitions (needs DATABASE_URL=postgres://…;
# make bench-search ARGS="--count 50000" for a quick run).
bench-search: $(STAMP)
	$(BIN)/python manage.py benchmark_search $(ARGS)

ci:
	.ci/run

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* media test-artifacts static_collected

# Candidate pages and the list import with 200,000 candidates (needs DATABASE_URL=postgres://…).
bench-elections: $(STAMP)
	$(BIN)/python manage.py benchmark_elections $(ARGS)

# Open311 request pages of 100 out of 1,000,000 petitions (needs DATABASE_URL=postgres://… and REDIS_URL).
bench-open311: $(STAMP)
	$(BIN)/python manage.py benchmark_open311 $(ARGS)
