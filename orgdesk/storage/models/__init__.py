"""All mapped tables; importing this package registers them on `Base.metadata`.

Later areas add their own module here and one import line below.
"""

from orgdesk.storage.models import (
    contest,  # noqa: F401  (竞争上岗)
    ledger,  # noqa: F401  (工作台账)
    personnel,  # noqa: F401  (人员与试用 tables)
    rotation,  # noqa: F401  (交流轮岗)
)
from orgdesk.storage.models import training as training
from orgdesk.storage.models.accounts import User  # noqa: F401
from orgdesk.storage.models.approval import CadrePhoto, FamilyMemberRow  # noqa: F401
from orgdesk.storage.models.audit import AuditEntry  # noqa: F401
from orgdesk.storage.models.base import Base
from orgdesk.storage.models.evaluation import Appraisal, Honour, TargetItem  # noqa: F401
from orgdesk.storage.models.people import Cadre, Post, Posting, Rank, Section, Setting

__all__ = ["Base", "Cadre", "Post", "Posting", "Rank", "Section", "Setting"]
