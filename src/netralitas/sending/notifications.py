"""E-mail of officers' notifications over SMTP (``cases.notifications.Mailer``)."""

from __future__ import annotations

from netralitas.cases.notifications import OutgoingMail
from netralitas.outreach.messages import Email
from netralitas.sending.settings import SendingSettings
from netralitas.sending.smtp import SmtpMailer


class SmtpNotificationMailer:
    """Sends each notification e-mail through the configured SMTP server (one connection per
    message: notifications are few and a broken connection then costs one message)."""

    def __init__(self, settings: SendingSettings) -> None:
        self.smtp = SmtpMailer(settings)

    def send(self, mail: OutgoingMail) -> None:
        message = self.smtp.message(Email(mail.to, mail.subject, mail.body, mail.message_id))
        with self.smtp.connection() as connection:
            connection.send_message(message)
