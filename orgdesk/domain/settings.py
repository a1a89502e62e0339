"""Every number from RULES.md, as a setting with its default.

The rules give defaults; the department may change them in 设置.  Code asks
for a setting by key and never buries the number itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: float
    unit: str
    minimum: float
    maximum: float
    rule: str
    group: str

    @property
    def is_integer(self) -> bool:
        return float(self.default).is_integer() and self.unit not in ("比例", "分", "学分")


def _s(
    key: str, label: str, default: float, unit: str, lo: float, hi: float, rule: str, group: str
):
    return SettingSpec(key, label, default, unit, lo, hi, rule, group)


SETTINGS: tuple[SettingSpec, ...] = (
    # 人员与试用
    _s("trial.min_months", "试用期最短", 3, "个月", 1, 12, "R-INT-3", "人员与试用"),
    _s("trial.max_months", "试用期最长", 6, "个月", 1, 24, "R-INT-3", "人员与试用"),
    _s("trial.default_months", "试用期默认长度", 3, "个月", 1, 24, "R-INT-3", "人员与试用"),
    _s("trial.warn_days", "试用期到期提醒", 30, "天", 0, 365, "R-INT-3", "人员与试用"),
    _s("intake.weight.written", "招录：笔试权重", 0.4, "比例", 0, 1, "R-INT-2", "人员与试用"),
    _s("intake.weight.interview", "招录：面试权重", 0.4, "比例", 0, 1, "R-INT-2", "人员与试用"),
    _s("intake.weight.assessment", "招录：考察权重", 0.2, "比例", 0, 1, "R-INT-2", "人员与试用"),
    _s("intake.full_score", "招录：各项成绩满分", 100, "分", 1, 1000, "R-INT-2", "人员与试用"),
    # 培训与学分
    _s("credits.yearly_requirement", "年度应修学分", 40, "学分", 0, 1000, "R-TRN-3", "培训与学分"),
    _s("exam.default_pass_mark", "考试默认及格线", 60, "分", 0, 1000, "R-TRN-3", "培训与学分"),
    _s("notes.warn_days", "学习心得到期提醒", 7, "天", 0, 90, "R-TRN-3", "培训与学分"),
    _s("credits.per_hour", "培训每学时学分", 1, "学分", 0, 100, "R-TRN-3", "培训与学分"),
    _s("credits.per_session", "每参加一期培训另计", 0, "学分", 0, 100, "R-TRN-3", "培训与学分"),
    _s("credits.exam_passed", "考试合格学分", 2, "学分", 0, 100, "R-TRN-3", "培训与学分"),
    _s("credits.note_on_time", "按时提交学习心得", 1, "学分", 0, 100, "R-TRN-3", "培训与学分"),
    _s("credits.note_late", "逾期提交学习心得", 0.5, "学分", 0, 100, "R-TRN-3", "培训与学分"),
    _s("credits.placing.first", "活动一等奖", 5, "学分", 0, 100, "R-TRN-4", "培训与学分"),
    _s("credits.placing.second", "活动二等奖", 3, "学分", 0, 100, "R-TRN-4", "培训与学分"),
    _s("credits.placing.third", "活动三等奖", 2, "学分", 0, 100, "R-TRN-4", "培训与学分"),
    _s("credits.placing.participant", "活动参与", 1, "学分", 0, 100, "R-TRN-4", "培训与学分"),
    # 交流轮岗
    _s("rotation.years", "轮岗年限", 3, "年", 1, 20, "R-ROT-2", "交流轮岗"),
    _s("rotation.overdue_margin_months", "超期轮岗宽限", 12, "个月", 0, 60, "R-ROT-2", "交流轮岗"),
    _s(
        "first_posting.window_years",
        "综合科室首岗可交流年限",
        2,
        "年",
        0,
        10,
        "R-ROT-3",
        "交流轮岗",
    ),
    _s(
        "first_posting.overdue_years", "综合科室首岗超期年限", 3, "年", 0, 10, "R-ROT-3", "交流轮岗"
    ),
    _s("rotation.min_years", "调整岗位最短任职年限", 2, "年", 0, 20, "R-ROT-2", "交流轮岗"),
    _s(
        "rotation.same_line_years",
        "同一条线工作年限（建议学习）",
        6,
        "年",
        1,
        40,
        "R-ROT-4",
        "交流轮岗",
    ),
    _s("secondment.down.min_months", "下派挂职最短", 12, "个月", 1, 60, "R-ROT-1", "交流轮岗"),
    _s("secondment.down.max_months", "下派挂职最长", 18, "个月", 1, 60, "R-ROT-1", "交流轮岗"),
    _s("secondment.up.min_months", "上挂跟班最短", 6, "个月", 1, 60, "R-ROT-1", "交流轮岗"),
    _s("secondment.up.max_months", "上挂跟班最长", 12, "个月", 1, 60, "R-ROT-1", "交流轮岗"),
    _s(
        "secondment.study.min_months", "到有关部门学习最短", 3, "个月", 1, 60, "R-ROT-1", "交流轮岗"
    ),
    _s(
        "secondment.study.max_months", "到有关部门学习最长", 6, "个月", 1, 60, "R-ROT-1", "交流轮岗"
    ),
    _s("secondment.warn_days", "挂职到期提醒", 30, "天", 0, 365, "R-ROT-1", "交流轮岗"),
    _s("contact_point.max_gap_days", "联系点未走访提醒", 90, "天", 1, 730, "R-ROT-5", "交流轮岗"),
    # 工作台账 (working days)
    _s("ledger.limit.work_item", "工作事项办理时限", 10, "工作日", 1, 250, "R-TSK-1", "工作台账"),
    _s("ledger.limit.document", "普通公文办理时限", 5, "工作日", 1, 250, "R-TSK-3", "工作台账"),
    _s("ledger.limit.document_urgent", "急件办理时限", 2, "工作日", 1, 250, "R-TSK-3", "工作台账"),
    _s("ledger.limit.document_special", "特件办理时限", 1, "工作日", 1, 250, "R-TSK-3", "工作台账"),
    _s(
        "ledger.limit.petition", "群众来信来访办结时限", 20, "工作日", 1, 250, "R-TSK-3", "工作台账"
    ),
    _s(
        "ledger.limit.first_inquiry", "首问登记办理时限", 5, "工作日", 1, 250, "R-TSK-2", "工作台账"
    ),
    _s("ledger.limit.supervision", "督察事项办理时限", 15, "工作日", 1, 250, "R-TSK-5", "工作台账"),
    _s("ledger.limit.suggestion", "意见建议整改时限", 20, "工作日", 1, 250, "R-TSK-6", "工作台账"),
    _s("ledger.warn_workdays", "台账临期提醒", 3, "工作日", 0, 60, "R-TSK-1", "工作台账"),
    # 竞争上岗
    _s(
        "contest.deputy.years_in_department",
        "副科长：在机关工作年限",
        3,
        "年",
        0,
        30,
        "R-PRO-2",
        "竞争上岗",
    ),
    _s("contest.deputy.years_of_service", "副科长：工龄", 5, "年", 0, 40, "R-PRO-2", "竞争上岗"),
    _s(
        "contest.chief.years_as_deputy",
        "正科长：任副科长年限",
        2,
        "年",
        0,
        30,
        "R-PRO-2",
        "竞争上岗",
    ),
    _s(
        "contest.recommendation_threshold",
        "民主推荐得票率下限",
        0.5,
        "比例",
        0,
        1,
        "R-PRO-3",
        "竞争上岗",
    ),
    _s(
        "contest.weight.written", "竞争上岗：笔试默认权重", 0.4, "比例", 0, 1, "R-PRO-5", "竞争上岗"
    ),
    _s(
        "contest.weight.speech",
        "竞争上岗：演讲答辩默认权重",
        0.4,
        "比例",
        0,
        1,
        "R-PRO-5",
        "竞争上岗",
    ),
    _s(
        "contest.weight.evaluation",
        "竞争上岗：民主测评默认权重",
        0.2,
        "比例",
        0,
        1,
        "R-PRO-5",
        "竞争上岗",
    ),
    _s("contest.publicity_workdays", "竞争上岗：公示期", 5, "工作日", 1, 30, "R-PRO-5", "竞争上岗"),
    # 年度考核
    _s("evaluation.weight.target", "考核：目标得分权重", 0.6, "比例", 0, 1, "R-EVA-2", "年度考核"),
    _s("evaluation.weight.votes", "考核：民主评议权重", 0.4, "比例", 0, 1, "R-EVA-2", "年度考核"),
    _s("evaluation.excellent_quota", "优秀等次比例上限", 0.15, "比例", 0, 1, "R-EVA-2", "年度考核"),
    _s("evaluation.score.excellent", "建议优秀的综合得分", 90, "分", 0, 100, "R-EVA-2", "年度考核"),
    _s("evaluation.score.competent", "建议称职的综合得分", 70, "分", 0, 100, "R-EVA-2", "年度考核"),
    _s("evaluation.score.basic", "建议基本称职的综合得分", 60, "分", 0, 100, "R-EVA-2", "年度考核"),
    _s(
        "evaluation.incompetent_vote_share",
        "不称职票超过此比例即建议不称职",
        0.34,
        "比例",
        0,
        1,
        "R-EVA-2",
        "年度考核",
    ),
    _s(
        "evaluation.excellent_years_for_promotion",
        "连续优秀推荐提拔年数",
        3,
        "年",
        1,
        10,
        "R-EVA-3",
        "年度考核",
    ),
    # 数据安全
    _s("backup.keep_daily", "保留每日备份", 7, "份", 1, 365, "—", "数据安全"),
    _s("backup.keep_monthly", "保留每月备份", 12, "份", 0, 120, "—", "数据安全"),
    _s("auth.max_failures", "连续输错密码几次后锁定账户", 5, "次", 1, 20, "—", "数据安全"),
    _s("auth.lock_minutes", "账户锁定时长", 15, "分钟", 1, 1440, "—", "数据安全"),
    _s("auth.min_password_length", "密码最短长度", 8, "位", 4, 64, "—", "数据安全"),
)

SETTINGS_BY_KEY: Mapping[str, SettingSpec] = {s.key: s for s in SETTINGS}


def default_settings() -> dict[str, float]:
    return {s.key: s.default for s in SETTINGS}


def check_setting(key: str, value: float) -> str | None:
    """Return a Chinese reason why `value` is not acceptable for `key`, or None."""
    spec = SETTINGS_BY_KEY.get(key)
    if spec is None:
        return f"未知的设置项 {key}"
    if not spec.minimum <= value <= spec.maximum:
        return f"「{spec.label}」应在 {spec.minimum:g}–{spec.maximum:g} {spec.unit} 之间"
    if spec.is_integer and not float(value).is_integer():
        return f"「{spec.label}」应为整数"
    return None


class Settings:
    """Read-only view of the effective settings (stored values over defaults)."""

    def __init__(self, stored: Mapping[str, float] | None = None) -> None:
        self._values = default_settings()
        for key, value in (stored or {}).items():
            if key in self._values:
                self._values[key] = value

    def __getitem__(self, key: str) -> float:
        return self._values[key]

    def int(self, key: str) -> int:
        return int(self._values[key])

    def as_dict(self) -> dict[str, float]:
        return dict(self._values)
