"""Signing keys for tests and benchmarks: an ES256 key pair whose private half signs access
tokens as accounts would, and whose public half, in a temporary PEM file, a service pins
(`RAPPORT_JWT_PUBLIC_KEYS`). `TEST_KEYS` is the test session's one key (kid `test`)."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from shared.auth import TokenIssuer


class SigningKeys:
    """An ES256 key pair: the private key signs as accounts would (`issuer()`, the
    `issue_token` fixture); its public PEM, in a temporary file, is what `env` pins
    (RAPPORT_JWT_PUBLIC_KEYS=<kid>:<path>) for services and processes the tests start."""

    def __init__(self, kid: str = "test"):
        self.kid = kid
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        directory = Path(tempfile.mkdtemp(prefix="rapport-test-keys-"))
        atexit.register(shutil.rmtree, directory, True)
        self.public_pem = directory / f"{kid}.pem"
        self.public_pem.write_bytes(self.private_key.public_key().public_bytes(
            Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
        self.env = {"RAPPORT_JWT_PUBLIC_KEYS": f"{kid}:{self.public_pem}"}

    def issuer(self, ttl_seconds: int = 900) -> TokenIssuer:
        return TokenIssuer("rapport", "rapport", self.kid, self.private_key, ttl_seconds)

    def token(self, org_id: str = "o", member_id: str = "m", roles=(), **kw) -> str:
        return self.issuer().issue(org_id, member_id, roles, **kw)


TEST_KEYS = SigningKeys()  # one per test session
