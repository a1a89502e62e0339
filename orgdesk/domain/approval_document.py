"""The filled-in 干部任免审批表 as plain text fields: what .lrmx holds and the PDF prints.

Element names are those of the national 任免审批表 software's .lrmx format
(root <Person>, flat elements, <JiaTingChengYuan> with repeated <Item>).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# (element, 中文名) in the order the national software writes them.
FORM_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("XingMing", "姓名"),
    ("XingBie", "性别"),
    ("ChuShengNianYue", "出生年月"),
    ("MinZu", "民族"),
    ("JiGuan", "籍贯"),
    ("ChuShengDi", "出生地"),
    ("RuDangShiJian", "入党时间"),
    ("CanJiaGongZuoShiJian", "参加工作时间"),
    ("JianKangZhuangKuang", "健康状况"),
    ("ZhuanYeJiShuZhiWu", "专业技术职务"),
    ("ShuXiZhuanYeYouHeZhuanChang", "熟悉专业有何专长"),
    ("QuanRiZhiJiaoYu_XueLi", "全日制教育学历"),
    ("QuanRiZhiJiaoYu_XueWei", "全日制教育学位"),
    ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "全日制学历毕业院校系及专业"),
    ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "全日制学位毕业院校系及专业"),
    ("ZaiZhiJiaoYu_XueLi", "在职教育学历"),
    ("ZaiZhiJiaoYu_XueWei", "在职教育学位"),
    ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "在职学历毕业院校系及专业"),
    ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "在职学位毕业院校系及专业"),
    ("XianRenZhiWu", "现任职务"),
    ("NiRenZhiWu", "拟任职务"),
    ("NiMianZhiWu", "拟免职务"),
    ("JianLi", "简历"),
    ("JiangChengQingKuang", "奖惩情况"),
    ("NianDuKaoHeJieGuo", "年度考核结果"),
    ("RenMianLiYou", "任免理由"),
    # <JiaTingChengYuan> comes here
    ("ChengBaoDanWei", "呈报单位"),
    ("JiSuanNianLingShiJian", "计算年龄时间"),
    ("TianBiaoShiJian", "填表时间"),
    ("TianBiaoRen", "填表人"),
    ("ShenFenZheng", "身份证号"),
    # <ZhaoPian> comes here
    ("Version", "版本"),
)
FAMILY_AFTER = "RenMianLiYou"
PHOTO_AFTER = "ShenFenZheng"
FAMILY_ELEMENT = "JiaTingChengYuan"
PHOTO_ELEMENT = "ZhaoPian"

FAMILY_ITEM_ELEMENTS: tuple[tuple[str, str], ...] = (
    ("ChengWei", "称谓"),
    ("XingMing", "姓名"),
    ("ChuShengRiQi", "出生日期"),
    ("ZhengZhiMianMao", "政治面貌"),
    ("GongZuoDanWeiJiZhiWu", "工作单位及职务"),
)

REQUIRED_ELEMENTS = ("XingMing", "XingBie", "ChuShengNianYue", "ShenFenZheng")
ELEMENT_LABELS = dict(FORM_ELEMENTS) | {FAMILY_ELEMENT: "家庭成员", PHOTO_ELEMENT: "照片"}


@dataclass
class ApprovalDocument:
    """One person's form: every flat element as text, the family rows, the photo bytes."""

    fields: dict[str, str] = field(default_factory=dict)
    family: list[dict[str, str]] = field(default_factory=list)
    photo: bytes | None = None

    def get(self, element: str) -> str:
        return self.fields.get(element, "")
