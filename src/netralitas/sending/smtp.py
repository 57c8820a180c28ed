"""SMTP e-mail: one connection for a batch of messages."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate

from netralitas.outreach.messages import Email
from netralitas.sending.settings import SendingSettings


class SmtpMailer:
    def __init__(self, settings: SendingSettings) -> None:
        self.settings = settings

    @contextmanager
    def connection(self) -> Iterator[smtplib.SMTP]:
        s = self.settings
        with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=30) as smtp:
            if s.smtp_starttls:
                smtp.starttls()
            if s.smtp_username:
                smtp.login(s.smtp_username, s.smtp_password.get_secret_value())
            yield smtp

    def message(self, email: Email) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.settings.smtp_sender
        msg["To"] = email.to
        msg["Subject"] = email.subject
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = email.message_id  # the idempotency key: a resend can be recognised
        msg.set_content(email.body)
        return msg
