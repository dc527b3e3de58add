"""Keyrings for the window's tests: one that keeps passwords in a dict (the real ``keyring``
API, no system store), and keyring's own fail backend for a computer without one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail


class MemoryKeyring(KeyringBackend):
    """Passwords in a dict, by (service, user)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring is untyped
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.saved.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.saved[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.saved.pop((service, username), None)


@contextmanager
def using(ring: KeyringBackend) -> Iterator[KeyringBackend]:
    """``ring`` is the keyring while the block runs; the one before comes back after."""
    before = keyring.get_keyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


def no_keyring() -> KeyringBackend:
    """keyring's backend for a computer without a system keyring (every call fails)."""
    return fail.Keyring()  # type: ignore[no-untyped-call]  # keyring's untyped
