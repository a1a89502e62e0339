"""The detail pane of 工作台账: an item's facts, signatures, overdue reasons and history."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from orgdesk.domain.ledger import ItemKind
from orgdesk.domain.ledger_input import PARTY_LABELS
from orgdesk.services.ledger_detail import ItemDetail

STATUS_COLORS = {
    "已登记": "#555555",
    "已交办": "#1f618d",
    "办理中": "#1f618d",
    "经办人已签": "#117864",
    "科室已签": "#117864",
    "已注销": "#777777",
}


def _d(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _row(label: str, value: str) -> str:
    if not value:
        return ""
    return f"<tr><td style='color:#666; padding-right:10px'>{label}</td><td>{value}</td></tr>"


def detail_html(d: ItemDetail) -> str:
    """The whole pane as HTML; every text the clerk typed is escaped."""
    e = escape
    color = STATUS_COLORS.get(d.status, "#000")
    late = "#c0392b" if d.overdue else "#117864"
    parts = [
        f"<h3 style='margin-bottom:2px'>{e(d.number)}　{e(d.title)}</h3>",
        f"<p><span style='color:{color}; font-weight:bold'>{e(d.status)}</span>"
        f"　<span style='color:{late}'>{e(d.deadline)}</span>"
        + (
            f"　<span style='color:#b9770e'>超期说明{e(d.overdue_review)}</span>"
            if d.overdue_review
            else ""
        )
        + "</p>",
    ]
    due = _d(d.due_on) + ("（指定期限）" if d.due_manual else f"（{d.limit_days} 个工作日）")
    if d.due_estimated:
        due += "　<span style='color:#b9770e'>预估：该年节假日安排尚未录入</span>"
    rows = [
        _row("类别", e(d.kind) + (f"（{e(d.doc_urgency)}）" if d.doc_urgency else "")),
        _row("登记日期", f"{_d(d.received_on)}　登记人：{e(d.registered_by)}"),
        _row("办理期限", due),
        _row("承办科室", e(d.section)),
        _row("经办人", e(d.handler_name)),
        _row("文号", e(d.doc_number)),
        _row("来源", e(d.source)),
        _row(
            "督察类型",
            e(d.supervision_direction)
            + (f"（来源：{e(d.supervision_source)}）" if d.supervision_source else ""),
        ),
        _row("渠道", e(d.channel)),
        _row(PARTY_LABELS.get(ItemKind(d.kind), "来信来访人"), e(d.party)),
        _row("联系方式", e(d.party_contact)),
    ]
    if d.kind == ItemKind.FIRST_INQUIRY.value:
        if d.within_duty is None:
            duty = ""
        elif d.within_duty:
            duty = "属本人职责，由本人办理"
        else:
            duty = f"不属本人职责，转交 {e(d.routed_to)}"
        rows.append(_row("首问人", e(d.receiver_name)))
        rows.append(_row("首问处理", duty))
    rows.append(_row("部务公开", "是" if d.is_public else "否"))
    rows.append(_row("办结日期", _d(d.concluded_on)))
    rows.append(_row("注销日期", _d(d.closed_on)))
    parts.append("<table>" + "".join(rows) + "</table>")
    if d.content:
        parts.append(f"<p style='white-space:pre-wrap'>{e(d.content)}</p>")
    if d.kind == ItemKind.SUGGESTION.value:
        plan = (
            "立行立改" if d.fixed_now else (f"整改期限 {_d(d.rectify_by)}" if d.rectify_by else "")
        )
        parts.append("<h4>整改与答复</h4><table>")
        parts.append(_row("分类", e(d.category)))
        parts.append(_row("分析意见", e(d.analysis)))
        parts.append(_row("整改措施", e(d.measure)))
        parts.append(_row("整改方式", plan))
        parts.append(_row("答复情况", e(d.result)))
        parts.append("</table>")
    elif d.result:
        label = "答复意见" if d.kind == ItemKind.PETITION.value else "办理结果"
        parts.append(f"<h4>{label}</h4><p>{e(d.result)}</p>")
    if d.signatures:
        parts.append("<h4>签字</h4><table>")
        for g in d.signatures:
            note = f"　{e(g.note)}" if g.note else ""
            parts.append(_row(f"{e(g.role)}签字", f"<b>{e(g.signer)}</b>　{_d(g.signed_on)}{note}"))
        parts.append("</table>")
    if d.reasons:
        parts.append("<h4>超期说明与部领导审核</h4>")
        for r in d.reasons:
            verdict = (
                f"<br>→ <b>{e(r.reviewed_by)}</b> {_d(r.reviewed_on)} <b>{e(r.decision)}</b>"
                + (f"：{e(r.review_comment)}" if r.review_comment else "")
                if r.decision
                else "<br>→ <span style='color:#b9770e'>待部领导审核</span>"
            )
            parts.append(
                f"<p style='margin:4px 0'>{_d(r.written_on)} <b>{e(r.written_by)}</b>："
                f"{e(r.reason)}{verdict}</p>"
            )
    parts.append("<h4>办理记录</h4>")
    parts.append(
        "<table cellspacing='0' cellpadding='3' border='1' style='border-collapse:collapse;"
        " border-color:#ccc'><tr style='background:#eef2f7'><th>日期</th><th>操作人</th>"
        "<th>操作</th><th>状态</th><th>说明</th></tr>"
    )
    for ev in d.events:
        moved = ev.to_status if ev.to_status != ev.from_status else ""
        stamp = f"{ev.recorded_at:%Y-%m-%d %H:%M}"
        parts.append(
            f"<tr><td title='录入时间 {stamp}'>{_d(ev.on_date)}</td><td>{e(ev.actor)}</td>"
            f"<td>{e(ev.action)}</td><td>{e(moved)}</td><td>{e(ev.note)}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


class DetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.detail: ItemDetail | None = None
        self.show_detail(None)

    def show_detail(self, d: ItemDetail | None) -> None:
        self.detail = d
        if d is None:
            self.setHtml("<p style='color:#888'>选择左侧的事项，查看详情和办理记录。</p>")
        else:
            self.setHtml(detail_html(d))
