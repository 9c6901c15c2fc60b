"""The issuing body: its name as the report writes it, its kind, and a key
that identifies the same body across years despite small differences in how
the name is written (广元市利州区人民政府上西街道办事处 / 广元市利州区上西街道办事处).
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata

from ..text import YEAR_WRITTEN

#: the kinds deadlines and self-references are configured by
DEPARTMENT, GOVERNMENT, TOWNSHIP = "部门", "人民政府", "乡镇街道"
KINDS = (DEPARTMENT, GOVERNMENT, TOWNSHIP)
#: each kind's message id, for messages that name it (部门 / a department)
KIND_IDS = {DEPARTMENT: "body-kind.department", GOVERNMENT: "body-kind.government", TOWNSHIP: "body-kind.township"}
#: other spellings accepted in configuration
KIND_ALIASES = {
    "部门": DEPARTMENT, "政府部门": DEPARTMENT, "department": DEPARTMENT,
    "人民政府": GOVERNMENT, "政府": GOVERNMENT, "government": GOVERNMENT,
    "乡镇街道": TOWNSHIP, "乡镇/街道": TOWNSHIP, "乡镇": TOWNSHIP, "街道": TOWNSHIP, "township": TOWNSHIP,
}

_TOWNSHIP_END = re.compile(r"(街道办事处|街道办|街道|镇人民政府|乡人民政府|镇政府|乡政府|镇|乡|苏木)$")
_GOVERNMENT_END = re.compile(r"(省|市|县|区|州|旗|盟)人民政府$")
_DEPARTMENT_END = re.compile(
    r"(局|委员会|委|办公室|办|中心|厅|署|院|处|所|站|队|会|部|馆|团|社|集团|公司|管委会|管理委员会|办事处)$")
#: a body name ends with one of these: used to cut it out of a title or a sentence
BODY_TAIL = r"(?:街道办事处|人民政府办公室|人民政府|委员会|管理委员会|办公室|办事处|街道|局|委|办|中心|厅|署|院|镇|乡)"


#: a year as titles write it: 2019年, 2019年度, 二〇一九年
_TITLE_YEAR = re.compile(YEAR_WRITTEN + r"\s*年度?")
#: the report's own name, which ends a title; the body stands before it
_REPORT_NAME = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)")
#: what may stand around the body without being part of it
_TITLE_NOISE = re.compile(r"^(?:关于)|[\s\u3000（）()【】《》“”\"，,、:：—-]|的$")


def title_body(title: str | None) -> str | None:
    """The issuing body a report title names, before or after the year or
    with no year at all: 青山县交通运输局2021年政府信息公开工作年度报告,
    2019年上海市人民政府办公厅政府信息公开工作年度报告; None when the title
    names only the report (2021年政府信息公开工作年度报告)."""
    if not title:
        return None
    text = unicodedata.normalize("NFKC", title).strip()
    names = list(_REPORT_NAME.finditer(text))
    if names:
        text = text[:names[-1].start()]
    text = _TITLE_YEAR.sub("", text)
    body = _TITLE_NOISE.sub("", text)
    return body if len(body) >= 2 and not body.startswith(("本", "年度")) else None


def canonical_kind(text: str) -> str | None:
    """部门 / 人民政府 / 乡镇街道 for a kind as configuration may spell it."""
    return KIND_ALIASES.get(text.strip().lower() if text.isascii() else text.strip())


def guess_kind(name: str | None) -> str | None:
    """The kind a body's name says it is; None when the name says nothing."""
    if not name:
        return None
    name = _compact(name)
    if _TOWNSHIP_END.search(name):
        return TOWNSHIP
    if _GOVERNMENT_END.search(name):
        return GOVERNMENT
    if _DEPARTMENT_END.search(name):
        return DEPARTMENT
    return None


def configured_kind(body_kind: dict[str, str], rel_path: str, name: str | None,
                    glob_match=None) -> str | None:
    """The kind configuration gives this report: a key matches the path (a
    glob) or the body's name (exactly, or as a glob); the longest key wins."""
    best: tuple[int, str] | None = None
    for pattern, kind in body_kind.items():
        hit = (glob_match(rel_path, pattern) if glob_match else fnmatch.fnmatch(rel_path, pattern))
        if not hit and name:
            hit = _compact(pattern) == _compact(name) or fnmatch.fnmatch(_compact(name), _compact(pattern))
        if hit and (best is None or len(pattern) > best[0]):
            best = (len(pattern), canonical_kind(kind) or kind)
    return best[1] if best else None


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\u3000·•,，、.。:：;；\"'“”‘’()（）\[\]【】《》]", "", text)


def body_key(name: str) -> str:
    """A comparison key for the same body across years.

    Drops what varies between years without changing the body: spaces and
    punctuation, 中共 prefixes, an inner 人民政府 (利州区人民政府上西街道办事处 →
    利州区上西街道办事处), and 办事处/办公室 spelt out or not.
    """
    key = _compact(name)
    key = re.sub(r"^中共", "", key)
    # 派出机关 named under their government: 利州区人民政府上西街道办事处
    key = re.sub(r"人民政府(?=.+(?:街道|镇|乡)(?:办事处|办)?$)", "", key)
    key = re.sub(r"(街道)办事处$|(街道)办$", r"\1\2", key)
    key = re.sub(r"办公室$", "办", key)
    return key


def same_body(a: str, b: str) -> bool:
    """Two keys name the same body: equal, or one is the other with its
    place prefix dropped (县机关事务局 / 上高县机关事务局)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and long.endswith(short)
