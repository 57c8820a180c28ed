"""The guidance (pembinaan) tables as SQLAlchemy Core tables, shared by the repositories and the
regional read queries."""

from __future__ import annotations

from sqlalchemy import Table

from netralitas.db import models
from netralitas.db import outreach_models as om


def table(model: type[models.Base]) -> Table:
    t = model.__table__
    assert isinstance(t, Table)
    return t


UNITS, MEMBERS = table(om.OrgUnitRow), table(om.RosterMemberRow)
CIRCULARS, RECIPIENTS = table(om.CircularRow), table(om.RecipientRow)
ACKS, PLEDGES = table(om.AcknowledgementRow), table(om.PledgeRow)
FILES = table(om.AttachmentRow)
