"""All mapped tables; importing this package registers them on `Base.metadata`.

Later areas add their own module here and one import line below.
"""

from orgdesk.storage.models.accounts import User  # noqa: F401
from orgdesk.storage.models.approval import CadrePhoto, FamilyMemberRow  # noqa: F401
from orgdesk.storage.models.audit import AuditEntry  # noqa: F401
from orgdesk.storage.models.base import Base
from orgdesk.storage.models.evaluation import Appraisal, Honour, TargetItem  # noqa: F401
from orgdesk.storage.models.people import Cadre, Post, Posting, Rank, Section, Setting

__all__ = ["Base", "Cadre", "Post", "Posting", "Rank", "Section", "Setting"]
