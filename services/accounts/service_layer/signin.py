"""Proving who you are by email: a one-time code (and a link) sent to the address.

- A code is 6 digits, valid ACCOUNTS_CODE_TTL_SECONDS (10 min), used once, stored only as a
  SHA-256 digest and compared in constant time; ACCOUNTS_CODE_MAX_TRIES (5) wrong tries lock it.
  The link carries a separate 256-bit token for the same sign-in.
- Requests are rate-limited per address and per client address (ACCOUNTS_SIGNIN_PER_ADDRESS,
  ACCOUNTS_SIGNIN_PER_IP per ACCOUNTS_SIGNIN_WINDOW_SECONDS): `429 too-many-requests`.
- No account enumeration: a request for an address that is no member's takes the same path —
  a challenge is stored, a mail is sent (saying there is no account for it, with no code) and the
  answer is the same page. Only the owner of the mailbox learns the difference.
- A person may be a member of several organisations: a right code for an address with several
  memberships answers which ones, and the same code with the chosen organisation completes.
- `pending` is what completes on success (an authorization request, a device grant); this
  module keeps it and hands it back, and does not know what it means.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from shared import clock as clocks
from shared.clock import Clock
from shared.errors import Busy, Invalid

from ..adapters.mail import Mailer
from ..adapters.signin_store import SigninStore
from ..adapters.store import AccountStore
from ..config import AccountsConfig
from ..domain.members import ACTIVE
from . import secrets

PURGE_EVERY_SECONDS = 60.0  # how often one process deletes expired sign-in state
WRONG = "that code is not right; check the latest email and try again"
GONE = "this code has expired, was used, or was tried too often; ask for a new one"


@dataclass
class Verified:
    """A right code: the sign-in to complete, and the person's active memberships."""

    pending: str
    email: str
    members: list[dict] = field(default_factory=list)
    done: bool = False  # the code is used: exactly one membership was chosen


def normal_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 254 or any(c.isspace() for c in email):
        raise Invalid("enter a valid email address", errors={"email": ["not a valid email address"]})
    return email


class Signin:
    def __init__(self, store: SigninStore, accounts: AccountStore, mailer: Mailer, cfg: AccountsConfig,
                 clock: Clock = clocks.now):
        self.store, self.accounts, self.mailer, self.cfg, self.clock = store, accounts, mailer, cfg, clock
        self._next_purge = 0.0

    def request_code(self, raw_email: str, client_ip: str, pending: str, link_url) -> str:
        """Send a code for `pending` to the address; the challenge id the code is entered against.
        `link_url(challenge_id, link_token)` makes the emailed link."""
        email = normal_email(raw_email)
        self._purge()
        self._limit("address", email, self.cfg.signin_per_address)
        self._limit("ip", client_ip or "unknown", self.cfg.signin_per_ip)
        now = self.clock()
        members = self._active_members(email)
        code, link = secrets.digits(), secrets.token()
        challenge_id = uuid.uuid4().hex
        self.store.insert_challenge({
            "_id": challenge_id, "email": email, "code_hash": secrets.digest(code if members else secrets.token()),
            "link_hash": secrets.digest(link if members else secrets.token()), "pending": pending,
            "created_at": now, "expires_at": now + timedelta(seconds=self.cfg.code_ttl_seconds), "tries": 0})
        minutes = self.cfg.code_ttl_seconds // 60
        if members:
            url = link_url(challenge_id, link)
            text = (f"Your Rapport sign-in code is {code}\n\nIt works once, for {minutes} minutes. "
                    f"Or open this link on the device you are signing in on:\n{url}\n\n"
                    "If you did not ask to sign in, ignore this email.")
            html = (f"<p>Your Rapport sign-in code is <strong>{code}</strong></p><p>It works once, for {minutes} "
                    f"minutes. Or <a href=\"{url}\">sign in with this link</a> on the device you are signing in "
                    "on.</p><p>If you did not ask to sign in, ignore this email.</p>")
        else:
            text = ("Someone asked to sign in to Rapport with this address, but it does not belong to any "
                    "organisation's member. If it was you, ask your organisation's admin for an invitation.")
            html = f"<p>{text}</p>"
        try:
            self.mailer.send(email, "Your Rapport sign-in code", text, html)
        except OSError:  # smtplib's errors are OSErrors: the server refused or is away
            raise Busy("the sign-in email could not be sent just now; try again in a minute",
                       slug="mail-unavailable", retry_after=60) from None
        return challenge_id

    def verify_code(self, challenge_id: str, code: str, member_id: str | None = None) -> Verified:
        """Check a typed code (each try counts); with several memberships and no `member_id`
        chosen yet, the code stays usable and the memberships are answered."""
        return self._verify(challenge_id, (code or "").strip(), "code_hash", member_id)

    def verify_link(self, challenge_id: str, token: str, member_id: str | None = None) -> Verified:
        return self._verify(challenge_id, token or "", "link_hash", member_id)

    def _verify(self, challenge_id: str, secret: str, which: str, member_id: str | None) -> Verified:
        now = self.clock()
        tried = self.store.add_try(challenge_id, now, self.cfg.code_max_tries)
        if tried is None:
            raise Invalid(GONE, slug="code-expired", errors={"code": [GONE]})
        if not secret or not secrets.matches(secret, tried[which]):
            left = self.cfg.code_max_tries - tried["tries"]
            raise Invalid(WRONG if left else GONE, slug="wrong-code" if left else "code-expired",
                          errors={"code": [WRONG if left else GONE]}, tries_left=left)
        members = self._active_members(tried["email"])
        if member_id is not None:
            members = [m for m in members if m["_id"] == member_id]
        verified = Verified(tried["pending"], tried["email"], members)
        if len(members) != 1:
            return verified  # several to choose from (or none left): nothing is used up
        if self.store.use_challenge(challenge_id, now) is None:
            raise Invalid(GONE, slug="code-expired", errors={"code": [GONE]})
        verified.done = True
        return verified

    def _active_members(self, email: str) -> list[dict]:
        return [m for m in self.accounts.members_by_email(email) if m.get("status") == ACTIVE]

    def _purge(self) -> None:
        """Expired codes, authorization codes, device grants, counters and refresh tokens go,
        at most once a minute per process (on the path of new sign-ins, which make them)."""
        if time.monotonic() >= self._next_purge:
            self._next_purge = time.monotonic() + PURGE_EVERY_SECONDS
            self.store.purge_expired(self.clock())

    def _limit(self, kind: str, value: str, most: int) -> None:
        window = self.cfg.signin_window_seconds
        now = self.clock()
        index = int(now.timestamp()) // window
        key = f"{kind}:{secrets.digest(value)[:32]}:{index}"
        count = self.store.count(key, now + timedelta(seconds=window))
        if count > most:
            wait = window - int(now.timestamp()) % window
            raise Busy(f"too many sign-in requests for this {'address' if kind == 'address' else 'network'}; "
                       f"try again in {max(1, wait // 60)} minutes", slug="too-many-requests", retry_after=wait)
