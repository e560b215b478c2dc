import re

import pytest
from django.core import mail


def last_code() -> str:
    """The six-digit code of the most recent e-mail."""
    assert mail.outbox, "no e-mail was sent"
    match = re.search(r"^\s*(\d{6})\s*$", mail.outbox[-1].body, re.MULTILINE)
    assert match, mail.outbox[-1].body
    return match.group(1)


@pytest.fixture
def code_from_mail():
    return last_code
