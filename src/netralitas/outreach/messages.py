"""The texts a circular goes out as: a personal e-mail with the link, a reminder, and a
message ready to paste into a WhatsApp group (no personal link in a group)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netralitas.outreach.circulars import Rate
from netralitas.outreach.records import Circular, Member

#: WhatsApp shows long messages folded; keep the group message readable on a phone.
WHATSAPP_MAX = 3500


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str
    message_id: str


def email_for(circular: Circular, member: Member, link: str, key: str, *, reminder: bool = False) -> Email:
    assert member.email is not None
    lead = "Pengingat: " if reminder else ""
    pledge = " dan menandatangani pakta integritas netralitas" if circular.wants_pledge else ""
    body = (
        f'Yth. {member.name},\n\n{lead}Instansi Anda mengirim surat edaran "{circular.title}".\n'
        f"Mohon baca dan konfirmasi bahwa Anda telah membaca dan memahaminya{pledge} melalui tautan pribadi "
        f"berikut (berlaku {circular.link_days} hari, jangan dibagikan):\n\n{link}\n\n"
        "Pesan ini dikirim otomatis oleh Netralitas."
    )
    return Email(member.email, f"{lead}{circular.title}", body, f"<{key.replace(':', '.')}@netralitas>")


def whatsapp_text(
    circular: Circular, below: Sequence[Rate] = (), unit_names: dict[str, str] | None = None
) -> str:
    """A group message: the circular in short, and (for reminders) the units still behind."""
    names = unit_names or {}
    lines = [f"*{circular.title}*", "", circular.body.strip()]
    if below:
        lines += ["", "_Unit yang belum mencapai target konfirmasi:_"]
        lines += [f"- {names.get(r.key, r.key)}: {round(100 * r.ack_rate)}%" for r in below]
    lines += ["", "Konfirmasi membaca melalui tautan pribadi yang dikirim ke surel masing-masing."]
    text = "\n".join(lines)
    return (
        text
        if len(text) <= WHATSAPP_MAX
        else text[: WHATSAPP_MAX - 20].rstrip() + "\n…(selengkapnya di surel)"
    )
