"""Demo data for the 任免审批表: 籍贯, 入党时间, schools, family, so printed forms look real."""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, insert, select

from orgdesk.domain.service_length import add_years
from orgdesk.storage.models import Cadre
from orgdesk.storage.models.approval import FamilyMemberRow

if TYPE_CHECKING:
    from orgdesk.services.demo import DemoContext

PLACES = {
    "410102": "河南郑州",
    "410103": "河南郑州",
    "410122": "河南中牟",
    "410181": "河南巩义",
    "410182": "河南荥阳",
    "410184": "河南新郑",
    "411521": "河南罗山",
}
SCHOOLS = ("郑州大学", "河南大学", "河南师范大学", "河南财经政法大学", "信阳师范学院")
UNITS = ("县第一高级中学教师", "县人民医院医生", "城关镇人民政府干部", "县农商银行职员", "务农")
DEGREE_NAMES = {"学士": "学士", "硕士": "硕士", "博士": "博士"}
SPOUSE_NAMES = ("李静", "王芳", "刘洋", "陈晨", "杨帆", "赵敏", "周建华", "吴桂英", "徐磊", "孙丽")
CHILD_GIVEN = ("子涵", "梓萱", "浩然", "欣怡", "雨轩", "思远", "嘉诚", "佳琪")


def approval_step(ctx: DemoContext) -> None:
    """Fill the form fields of every demo cadre in one transaction."""
    rng = ctx.rng
    with ctx.db.unit_of_work() as uow:
        s = uow.session
        rows = s.execute(
            select(
                Cadre.id,
                Cadre.name,
                Cadre.id_number,
                Cadre.sex,
                Cadre.birth_date,
                Cadre.first_employment,
                Cadre.political_status,
                Cadre.education,
                Cadre.degree,
                Cadre.specialty,
            ).order_by(Cadre.id)
        ).all()
        updates = []
        family = []
        for (
            cid,
            name,
            number,
            sex,
            birth,
            first_job,
            political,
            education,
            degree,
            specialty,
        ) in rows:
            place = PLACES.get(number[:6], "河南郑州")
            school = rng.choice(SCHOOLS)
            joined_party = None
            if political == "中共党员" and first_job is not None:
                year = min(first_job.year + rng.randint(0, 4), ctx.today.year)
                joined_party = date(year, rng.randint(1, 12), 1)
                joined_party = max(joined_party, date(birth.year + 19, birth.month, 1))
                joined_party = min(joined_party, ctx.today.replace(day=1))
            updates.append(
                {
                    "cid": cid,
                    "native_place": place,
                    "birthplace": place,
                    "party_joined": joined_party,
                    "health": "健康",
                    "fulltime_education": "大学" if education == "大学本科" else education,
                    "fulltime_degree": f"{rng.choice(('法学', '文学', '管理学', '经济学'))}"
                    f"{DEGREE_NAMES[degree]}"
                    if degree in DEGREE_NAMES
                    else "",
                    "fulltime_education_school": f"{school}{specialty}专业",
                    "evaluation_text": "；".join(
                        f"{y}年度考核{rng.choice(('优秀', '称职', '称职', '称职'))}"
                        for y in range(ctx.today.year - 3, ctx.today.year)
                    )
                    + "。",
                    "rewards": "无",
                }
            )
            age = ctx.today.year - birth.year
            if age > 26:
                spouse_birth = add_years(birth, rng.randint(-3, 3)).replace(day=1)
                relation = "丈夫" if sex == "女" else "妻子"
                spouse = rng.choice(SPOUSE_NAMES)
                family.append(_member(cid, 0, relation, spouse, rng, spouse_birth, UNITS))
            if age > 32:
                child_birth = add_years(birth, rng.randint(26, 31)).replace(day=1)
                if child_birth < ctx.today:
                    child = name[0] + rng.choice(CHILD_GIVEN)
                    relation = rng.choice(("儿子", "女儿"))
                    family.append(_member(cid, 1, relation, child, rng, child_birth, ("学生",)))
        if updates:
            # Core, not an ORM bulk update: that would bump every cadre's locking version.
            table: Table = Cadre.__table__  # type: ignore[assignment]
            s.execute(table.update().where(table.c.id == bindparam("cid")), updates)
        if family:
            s.execute(insert(FamilyMemberRow), family)
        uow.commit()


def _member(
    cadre_id: int,
    order: int,
    relation: str,
    name: str,
    rng: random.Random,
    birth: date,
    units: tuple[str, ...],
) -> dict[str, Any]:
    return {
        "cadre_id": cadre_id,
        "sort_order": order,
        "relation": relation,
        "name": name,
        "birth_month": birth,
        "political_status": rng.choice(("中共党员", "群众", "群众")),
        "work_unit_post": rng.choice(units),
    }
