"""Email out over SMTP (locally Mailpit, in Compose the Mailpit image, in Kubernetes the
cluster's relay): one message per call, plain text with an HTML alternative."""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Protocol

from ..config import Smtp


class Mailer(Protocol):
    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None: ...


class SmtpMailer:
    def __init__(self, smtp: Smtp):
        self.smtp = smtp

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None:
        """Hand one message to the SMTP server; OSError or smtplib.SMTPException when it refuses
        or cannot be reached (the caller decides what the person is told)."""
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.smtp.sender, to, subject
        message["Message-ID"] = make_msgid(domain="rapport")
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
        cfg = self.smtp
        if cfg.security == "tls":
            server: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout_seconds,
                                                    context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_seconds)
        with server:
            if cfg.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if cfg.username:
                server.login(cfg.username, cfg.password)
            server.send_message(message)


class OutboxMailer:
    """Keeps what would be sent, for use-case tests without a server."""

    def __init__(self) -> None:
        self.sent: list[dict[str, str | None]] = []

    def send(self, to: str, subject: str, text: str, html: str | None = None) -> None:
        self.sent.append({"to": to, "subject": subject, "text": text, "html": html})
