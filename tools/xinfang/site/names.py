"""Personal names in free text: the registry's petitioners, and any other name a Chinese
part-of-speech tagger finds, masked; the leaders in org/leaders.yaml stay visible. Pure.

Every petitioner's and representative's name is known, so it is masked wherever it occurs
in any case's text, by plain string search. Other people (a neighbour, a village cadre, a
relative) are found with jieba's part-of-speech tagging (`nr`), made stricter and more
complete, because jieba alone tags place names and common words as names (苗木, 李家湾,
查明) and misses half of real names (it cuts 冯新民 as 冯 + 新民):

- the registry's own words (unit, category and leader names, petition terms) and every
  known name are added to the tagger's dictionary, so they are cut as one word;
- a candidate must begin with a common surname, be two to four characters, not end in a
  place or money word (村, 湾, 苑, 费 …), and not be a frequent dictionary word;
- a surname cut off on its own is joined to the one- or two-character word after it.

`scripts/measure_names.py` measures false positives on the demo registry and how many
names of a test set are found; the figures are in the README.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from xinfang.site.text import mask_name

__all__ = ["NameMasker"]

# The 150 commonest single-character surnames and the compound ones still in use.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜"
    "叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申"
    "欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴"
    "蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
# Rare surnames that are far more often a word of their own (时, 应, 路, 苑, 和) are left out.
SURNAMES -= set("时应路苑和向")
COMPOUND_SURNAMES = {"欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容"}
COMPOUND_SURNAMES |= {"令狐", "夏侯", "长孙", "宇文", "司徒", "端木", "独孤", "南宫", "西门"}

# A word ending in one of these names a place, a building or money, not a person.
_NOT_NAME_ENDINGS = set(
    "村镇乡湾庄苑园湖山河路街桥洼营坪寨沟岭塘店坝区城楼厂场院所局站费款金价税队组社屯堡岗"
    "港口岛州县市省府寺庙塔井坡滩林田池渠堤闸溪江海洲矿厅委办部处科室馆校门巷里弄坊屋房地"
)
# Dictionary words more frequent than this are common words (阳光, 查明, 杨树), not names.
_COMMON_FREQ = 50
_NAME_TAGS = {"nr", "nrfg", "nrt"}
# What may follow a lone surname to make a given name: jieba tags given names variously.
# Verbs are left out: 时 + 受伤, 向 + 有权 are a word and a verb, not a name.
_GIVEN_TAGS = _NAME_TAGS | {"n", "a", "d", "ns", "nz", "j", "i", "l", "ng", "an", "z"}
# A lone surname with one of these tags is a word of its own (一张, 于是, 万元, 周末).
_NOT_SURNAME_TAGS = {"q", "m", "p", "c", "u", "f", "t", "uj", "ul", "y", "e", "o"}
_FUNCTION_WORDS = set("等称说和与及的了在是为向对把被将已也都并又或")
# Context characters jieba sometimes glues to a following surname: 人何 学文, 经侯 建军.
_GLUE = set("人经与和及见民同请由向给让叫")
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_WORD_FREQ = 300000


class NameMasker:
    """Masks personal names in text; build one per site build.

    `known`: names to mask wherever they occur (petitioners and representatives).
    `keep`: names to leave visible (leaders). `words`: the registry's own vocabulary
    (units, categories, terms) that must never be read as a name.
    """

    def __init__(self, known: Iterable[str], keep: Iterable[str], words: Iterable[str]) -> None:
        import jieba
        import jieba.posseg

        logging.getLogger("jieba").setLevel(logging.WARNING)
        self.keep = {k for k in keep if k}
        self.known = sorted(
            {k for k in known if len(k) >= 2 and _HAN.match(k) and "某" not in k} - self.keep,
            key=lambda k: (-len(k), k),
        )
        self.words = {w for w in words if w}
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        for word in self.words:
            self._tokenizer.add_word(word, _WORD_FREQ, "nt")
        for name in (*self.keep, *self.known):
            self._tokenizer.add_word(name, _WORD_FREQ, "nr")
        self._tagger = jieba.posseg.POSTokenizer(self._tokenizer)
        self._known_re = re.compile("|".join(map(re.escape, self.known))) if self.known else None
        self.found: dict[str, int] = {}  # names the tagger masked, with how often

    def mask(self, text: str) -> str:
        """`text` with every known name and every name the tagger finds masked (徐**)."""
        if self._known_re is not None:
            text = self._known_re.sub(lambda m: mask_name(m.group()), text)
        spans = self.tagged_names(text)
        if not spans:
            return text
        out = []
        last = 0
        for start, end in spans:
            out.append(text[last:start])
            out.append(mask_name(text[start:end]))
            last = end
        out.append(text[last:])
        return "".join(out)

    def tagged_names(self, text: str) -> list[tuple[int, int]]:
        """Spans of the names the tagger finds in `text` (leaders excluded)."""
        pairs = [(w.word, w.flag) for w in self._tagger.cut(text)]
        spans: list[tuple[int, int]] = []
        pos = 0
        i = 0
        while i < len(pairs):
            word, flag = pairs[i]
            nxt = pairs[i + 1] if i + 1 < len(pairs) else None
            span = None
            if flag in _NAME_TAGS and self._is_name(word, joined=False):
                span = (pos, pos + len(word))
            elif nxt is not None and self._joins(word, flag, nxt):
                lead = word[-1] if len(word) == 2 and word[0] in _GLUE else word
                start = pos + len(word) - len(lead)
                candidate = lead + nxt[0]
                if self._is_name(candidate, joined=True):
                    span = (start, start + len(candidate))
                    pos += len(word)
                    i += 1
                    word = nxt[0]
            if span is not None:
                spans.append(span)
                name = text[span[0] : span[1]]
                self.found[name] = self.found.get(name, 0) + 1
            pos += len(word)
            i += 1
        return spans

    def _joins(self, word: str, flag: str, nxt: tuple[str, str]) -> bool:
        given, given_flag = nxt
        if not (1 <= len(given) <= 2 and _HAN.match(given)) or given_flag not in _GIVEN_TAGS:
            return False
        if any(c in _FUNCTION_WORDS for c in given) or given in self.words:
            return False
        if len(word) == 1:
            return word in SURNAMES and flag not in _NOT_SURNAME_TAGS
        if len(word) == 2 and word[0] in _GLUE and word[1] in SURNAMES:
            return self._tokenizer.FREQ.get(word, 0) < _COMMON_FREQ
        return word in COMPOUND_SURNAMES

    def _is_name(self, word: str, *, joined: bool) -> bool:
        if word in self.keep or word in self.words or not _HAN.match(word) or "某" in word:
            return False
        compound = word[:2] in COMPOUND_SURNAMES
        if not (compound or word[0] in SURNAMES):
            return False
        if not (3 if compound else 2) <= len(word) <= (4 if compound else 3):
            return False
        if word[-1] in _NOT_NAME_ENDINGS:
            return False
        if any(word in w for w in self.words if len(w) > len(word)):
            return False
        return joined or self._tokenizer.FREQ.get(word, 0) < _COMMON_FREQ
