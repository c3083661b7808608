"""Words for the search index's Chinese segmentation (a jieba user dictionary). Pure.

jieba's general dictionary cuts local names and petition terms apart (县住建局 → 县住 建局,
越级访 → 越级 访), and an official who types 住建局 then finds nothing. The dictionary
lists the registry's unit, category and leader names and the vocabulary of petition work,
each as one word; MkDocs' search plugin loads it through `jieba_dict_user` in mkdocs.yml.
"""

from __future__ import annotations

from xinfang.registry.loader import Registry

__all__ = ["TERMS", "render_search_words"]

TERMS = (
    "信访事项",
    "初信初访",
    "越级访",
    "集体访",
    "重复信访",
    "包案领导",
    "挂牌督办",
    "结案销号",
    "息诉罢访",
    "三率",
    "及时受理率",
    "按期办结率",
    "群众满意率",
    "参评率",
    "一线工作法",
    "红黄蓝",
    "申诉求决类",
    "建议意见类",
    "检举控告类",
    "逾期",
    "临期",
    "复查",
    "复核",
    "听证",
    "信访人",
    "包案",
    "督办",
    "办理期限",
    "受理告知",
    "登记转送",
    "延期",
    "通报批评",
    "约谈",
    "处理意见",
    "不予受理",
)
# High enough that the word wins over the general dictionary's cut of the same characters.
_FREQ = 200000


def render_search_words(registry: Registry) -> str:
    words = set(TERMS)
    for unit in registry.units.values():
        for name in (unit.name, unit.short, *unit.aliases):
            # 县住建局 is cut as 县 + 住建局, so that a search for 住建局 finds it too (a
            # search for 县住建局 still does: the browser cuts queries by the index's words).
            if name and name.startswith("县") and len(name) > 2:
                words.add(name[1:])
            elif name:
                words.add(name)
    words |= {c.name for c in registry.categories.values()}
    words |= {leader.name for leader in registry.leaders.values()}
    # One word per line: jieba splits lines on whitespace, so a name with a space is skipped.
    return "".join(f"{w} {_FREQ}\n" for w in sorted(words) if w.split() == [w])
