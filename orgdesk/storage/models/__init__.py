"""All mapped tables; importing this package registers them on `Base.metadata`.

Later areas add their own module here and one import line below.
"""

from orgdesk.storage.models import ledger  # noqa: F401  (工作台账)
from orgdesk.storage.models.base import Base
from orgdesk.storage.models.people import Cadre, Post, Posting, Rank, Section, Setting

__all__ = ["Base", "Cadre", "Post", "Posting", "Rank", "Section", "Setting"]
