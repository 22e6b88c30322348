"""`rapport-accounts`: organisations, members and tokens from the command line.

  rapport-accounts create-org "Acme Corp"
  rapport-accounts create-member acme ada@acme.test "Ada Lovelace" [--role admin] [--timezone Europe/London]
  rapport-accounts issue-token acme ada@acme.test [--ttl 3600] [--device "Ada's laptop"]
  rapport-accounts seed-demo       # idempotent: demo org + member, prints a token
"""
from __future__ import annotations

import argparse
import sys

from shared import db
from shared.errors import DomainError, NotFound
from shared.settings import SettingsError, load_settings

from .adapters.documents import ALL_DOCUMENTS
from .domain.members import ROLES
from .app import build

DEMO_ORG, DEMO_EMAIL = "demo", "demo@rapport.test"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rapport-accounts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("create-org", help="create an organisation")
    p.add_argument("name")
    p.add_argument("--slug")
    p = sub.add_parser("create-member", help="add a member to an organisation")
    p.add_argument("org", help="organisation slug or id")
    p.add_argument("email")
    p.add_argument("display_name")
    p.add_argument("--role", action="append", dest="roles", choices=ROLES)
    p.add_argument("--timezone", default="UTC")
    p = sub.add_parser("issue-token", help="print an access token for a member")
    p.add_argument("org", help="organisation slug or id")
    p.add_argument("email")
    p.add_argument("--ttl", type=int, help="seconds (default RAPPORT_JWT_TTL_SECONDS)")
    p.add_argument("--device", metavar="NAME",
                   help="start a device session of this name: the token carries its id (`sid`), as sync needs")
    p = sub.add_parser("seed-demo", help="create the demo organisation and member if missing; print a token")
    p.add_argument("--ttl", type=int, default=7 * 24 * 3600)
    args = parser.parse_args(argv)

    try:
        settings = load_settings("accounts", require_keys=False)  # it signs with the key ring; it verifies nothing
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    db.connect(settings)
    db.ensure_indexes(ALL_DOCUMENTS)
    service, _ = build(settings)
    try:
        if args.command == "create-org":
            org = service.create_org(args.name, args.slug)
            print(f"ORG_ID={org['_id']}\nORG_SLUG={org['slug']}")
        elif args.command == "create-member":
            org = service.find_org(args.org)
            member = service.create_member(org["_id"], args.email, args.display_name, args.roles, args.timezone)
            print(f"MEMBER_ID={member['_id']}")
        elif args.command == "issue-token":
            org = service.find_org(args.org)
            member = service.find_member(org["_id"], args.email)
            print(service.issue_token(member, args.ttl, args.device))
        elif args.command == "seed-demo":
            try:
                org = service.find_org(DEMO_ORG)
            except NotFound:
                org = service.create_org("Demo Org", DEMO_ORG)
            try:
                member = service.find_member(org["_id"], DEMO_EMAIL)
            except NotFound:
                member = service.create_member(org["_id"], DEMO_EMAIL, "Demo Member", ["member", "admin"])
            token = service.issue_token(member, args.ttl)
            print(f"ORG_ID={org['_id']}\nMEMBER_ID={member['_id']}\nTOKEN={token}")
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        for field, messages in (getattr(exc, "errors", None) or {}).items():
            print(f"  {field}: {'; '.join(messages)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
