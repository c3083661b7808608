"""Measure the site's person-name tagger (tools/xinfang/site/names.py) on the demo registry.

1. False positives: every word the tagger masks in the demo's free text (titles, summaries,
   notes, reasons, approvals). The demo's free text names no person other than its
   petitioners, whose names are masked from the list before the tagger runs, so every word
   the tagger finds there is a false positive. Plain jieba `nr` is shown for comparison.
2. Found names: each demo petitioner's name put into sentences the way staff write them,
   with a tagger that is NOT told the petitioners' names (as for a neighbour or a cadre
   named in a note): how many of the names it masks.

Run: .venv/bin/python scripts/measure_names.py [ROOT]
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

from xinfang.registry.loader import load_registry
from xinfang.site.public import site_words

TEMPLATES = (
    "信访人{n}反映村里修路占地未补偿",
    "{n}等5人到县信访局集体上访",
    "包案领导与{n}当面沟通",
    "经{n}同意延期",
    "村民{n}、{m}联名来信",
    "{n}称其工资被拖欠",
    "约见{n}，听取意见",
    "{n}（电话另附）来访",
    "反映邻居{n}违规搭建",
    "已将处理意见送达{n}本人",
)


def free_texts(registry) -> list[str]:  # noqa: ANN001
    texts = []
    for case in registry.cases:
        texts += [case.title, case.summary or ""]
        for event in case.events:
            texts += [getattr(event, f, None) or "" for f in ("note", "reason", "approval")]
    return [t for t in texts if t]


def main(root: Path) -> None:
    from xinfang.site.names import NameMasker

    registry = load_registry(root).registry
    assert registry is not None
    petitioners = sorted({p.name for c in registry.cases for p in c.petitioners})
    leaders = [leader.name for leader in registry.leaders.values()]
    words = site_words(registry)
    texts = free_texts(registry)

    masker = NameMasker(petitioners, leaders, words)
    for text in texts:
        masker.mask(text)
    fp = Counter(masker.found)
    print(f"免费文本 {len(texts)} 段，{sum(map(len, texts))} 字。")
    print(f"误认为人名（假阳性）：{sum(fp.values())} 处，{len(fp)} 个不同的词：{dict(fp)}")

    import jieba.posseg

    raw = Counter(
        w.word for t in texts for w in jieba.posseg.cut(t) if w.flag in {"nr", "nrfg", "nrt"}
    )
    print(f"对照：jieba 原样的 nr 标注 {sum(raw.values())} 处，{len(raw)} 个不同的词。")

    blind = NameMasker([], leaders, words)
    rng = random.Random(2026)
    found = total = 0
    missed = []
    for name in petitioners:
        if name in ("匿名",) or "某" in name:
            continue
        sentence = rng.choice(TEMPLATES).format(n=name, m=rng.choice(petitioners))
        total += 1
        if name not in blind.mask(sentence):
            found += 1
        else:
            missed.append(sentence)
    print(f"未告知姓名时找出的人名：{found} / {total}（{found / total:.1%}）")
    print("漏掉的例子：", missed[:8])


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
