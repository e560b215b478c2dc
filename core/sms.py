"""Sending SMS: one small interface, backends chosen by ``SMS_BACKEND``.

No gateway is wired in yet; ``ConsoleBackend`` prints (the embedded default) and
``LocmemBackend`` keeps messages in ``outbox`` for tests, as Django does for e-mail. A
gateway backend implements ``send(to, text)`` and raises ``SmsError`` on failure.
"""

from __future__ import annotations

import sys
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(Exception):
    pass


class BaseBackend:
    def send(self, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    def send(self, to: str, text: str) -> None:
        sys.stdout.write(f"[SMS to {to}] {text}\n")
        sys.stdout.flush()


outbox: list[tuple[str, str]] = []


class LocmemBackend(BaseBackend):
    def send(self, to: str, text: str) -> None:
        outbox.append((to, text))


@cache
def _backend(path: str) -> BaseBackend:
    return import_string(path)()


def send_sms(to: str, text: str) -> None:
    _backend(settings.SMS_BACKEND).send(to, text)
