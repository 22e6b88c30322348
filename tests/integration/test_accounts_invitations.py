"""Invitations through a real SMTP server (the `mailpit` fixture): the mail arrives with who
invited whom to which organisation and the sign-in link; with the mail server away the member
exists, the answer says the invitation was not sent, and sending it again works."""
from services.accounts.app import create_app
from services.accounts.service_layer.accounts import Accounts
from services.accounts.adapters.store import MongoAccountStore

from ..servers import free_port

service = Accounts(MongoAccountStore())


def _client(settings_for, host: str, port: int):
    app = create_app(settings_for("accounts", extra={"ACCOUNTS_SMTP_HOST": host, "ACCOUNTS_SMTP_PORT": str(port),
                                                     "ACCOUNTS_SMTP_TIMEOUT_SECONDS": "5"}))
    app.testing = True
    return app.test_client()


def test_an_invitation_arrives_by_mail_and_one_not_sent_can_be_sent_again(settings_for, issue_token, mailpit, unique):
    client = _client(settings_for, mailpit.smtp_host, mailpit.smtp_port)
    org = service.create_org("Acme Corp")
    boss = service.create_member(org["_id"], f"boss-{unique}@acme.test", "Grace Boss", ["member", "admin"])
    admin_h = {"Authorization": f"Bearer {issue_token(org['_id'], boss['_id'], ('member', 'admin'))}"}

    ada = f"ada-{unique}@acme.test"
    r = client.post("/v1/members/invitations", headers=admin_h, json={"email": ada, "display_name": "Ada Lovelace"})
    assert r.status_code == 201 and r.json["invitation"]["sent"] is True, r.json
    link = r.json["invitation"]["link"]
    assert link == f"http://localhost/signin?login_hint=ada-{unique}%40acme.test"
    mail = mailpit.wait_for(to=ada, timeout=10)
    assert mail["Subject"] == "Grace Boss invited you to Acme Corp on Rapport"
    text = mailpit.text(mail["ID"])
    assert link in text and "Grace Boss invited you to join Acme Corp" in text

    down = _client(settings_for, "127.0.0.1", free_port())  # nothing listens there
    bob = f"bob-{unique}@acme.test"
    r = down.post("/v1/members/invitations", headers=admin_h, json={"email": bob, "display_name": "Bob"})
    assert r.status_code == 201 and r.json["invitation"] == {
        "sent": False, "link": f"http://localhost/signin?login_hint=bob-{unique}%40acme.test"}
    assert service.find_member(org["_id"], bob)["status"] == "active" and mailpit.messages(to=bob) == []
    again = client.post(f"/v1/members/{r.json['id']}/invitation", headers=admin_h)
    assert again.status_code == 200 and again.json["invitation"]["sent"] is True
    assert mailpit.wait_for(to=bob, timeout=10)["Subject"].endswith("on Rapport")
    actions = [e["action"] for e in client.get("/v1/audit", headers=admin_h).json["items"]]
    assert actions == ["member.invitation_resent", "member.invited", "member.invited"]
