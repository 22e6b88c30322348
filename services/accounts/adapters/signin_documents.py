"""The documents of sign-in: signing keys, device sessions and their refresh tokens, one-time
codes, authorization codes, device-grant requests and rate-limit counters.

Secrets are never stored as given: one-time codes, link tokens, authorization codes, device
codes and refresh tokens are kept as SHA-256 digests (`shared`-free helper in
service_layer/secrets.py), so a copy of the database signs nobody in.
"""
import mongoengine as me

from shared.db import BaseDocument, TenantDocument


class SigningKey(BaseDocument):
    """One ES256 key of the ring: signs tokens during its period, published while tokens it
    signed may still be valid."""

    id = me.StringField(primary_key=True)  # the kid
    period = me.IntField(required=True, unique=True)  # which rotation period it signs for
    private_pem = me.StringField(required=True)
    public_jwk = me.DictField(required=True)
    created_at = me.DateTimeField(required=True)
    sign_until = me.DateTimeField(required=True)
    publish_until = me.DateTimeField(required=True)

    meta = {"collection": "signing_keys", "indexes": ["publish_until"]}


class Device(TenantDocument):
    """A device session: made by one sign-in, ended by sign-out, revocation or a reused
    refresh token. Its id is the access tokens' `sid`; its events tell the other services."""

    id = me.StringField(primary_key=True)
    client_id = me.StringField(required=True)
    name = me.StringField(default="")
    created_at = me.DateTimeField(required=True)
    expires_at = me.DateTimeField(required=True)
    last_used_at = me.DateTimeField()
    revoked_at = me.DateTimeField()
    revoked_reason = me.StringField()

    meta = {"collection": "devices", "indexes": [("org_id", "member_id", "revoked_at")]}


class RefreshToken(BaseDocument):
    """One refresh token of a device session (its family): used once, then replaced."""

    id = me.StringField(primary_key=True)  # sha256 of the token
    device_id = me.StringField(required=True)
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    client_id = me.StringField(required=True)
    scope = me.StringField(default="")
    created_at = me.DateTimeField(required=True)
    expires_at = me.DateTimeField(required=True)
    used_at = me.DateTimeField()

    meta = {"collection": "refresh_tokens", "indexes": ["device_id", "expires_at"]}


class SigninChallenge(BaseDocument):
    """An emailed one-time code (and link) for one address, and the sign-in it completes."""

    id = me.StringField(primary_key=True)
    email = me.StringField(required=True)
    code_hash = me.StringField(required=True)
    link_hash = me.StringField(required=True)
    pending = me.StringField(required=True)  # what completes on success (an authorize request or a device code)
    created_at = me.DateTimeField(required=True)
    expires_at = me.DateTimeField(required=True)
    tries = me.IntField(default=0)
    used_at = me.DateTimeField()

    meta = {"collection": "signin_challenges", "indexes": ["expires_at"]}


class AuthorizationCode(BaseDocument):
    id = me.StringField(primary_key=True)  # sha256 of the code
    client_id = me.StringField(required=True)
    redirect_uri = me.StringField(required=True)
    scope = me.StringField(default="")
    org_id = me.StringField(required=True)
    member_id = me.StringField(required=True)
    code_challenge = me.StringField(required=True)
    code_challenge_method = me.StringField(required=True)
    nonce = me.StringField()
    created_at = me.DateTimeField(required=True)
    expires_at = me.DateTimeField(required=True)
    used_at = me.DateTimeField()
    device_id = me.StringField()  # the session its redemption started

    meta = {"collection": "authorization_codes", "indexes": ["expires_at"]}


class DeviceGrant(BaseDocument):
    """A device authorization request (RFC 8628): the terminal polls with the device code,
    the person approves the user code in a browser."""

    id = me.StringField(primary_key=True)  # sha256 of the device code
    user_code = me.StringField(required=True, unique=True)
    client_id = me.StringField(required=True)
    scope = me.StringField(default="")
    created_at = me.DateTimeField(required=True)
    expires_at = me.DateTimeField(required=True)
    org_id = me.StringField()
    member_id = me.StringField()
    decision = me.StringField()  # approved | denied
    polled_at = me.DateTimeField()
    used_at = me.DateTimeField()

    meta = {"collection": "device_grants", "indexes": ["expires_at"]}


class SigninLimit(BaseDocument):
    """A counter of sign-in code requests per address or client address and window."""

    id = me.StringField(primary_key=True)  # "<kind>:<digest>:<window>"
    count = me.IntField(default=0)
    expires_at = me.DateTimeField(required=True)

    meta = {"collection": "signin_limits", "indexes": ["expires_at"]}


SIGNIN_DOCUMENTS = [SigningKey, Device, RefreshToken, SigninChallenge, AuthorizationCode, DeviceGrant, SigninLimit]
