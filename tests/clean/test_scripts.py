# ruff: noqa: E501  (the fixture paragraphs are one line each, as a scraper delivers them)
"""Pages in scripts without spaces (Chinese, Japanese, Thai), with other spacing (Korean)
and written right to left (Arabic, Hebrew) are cleaned like any other: body found, menus and
footers dropped, offsets back to the raw input exact. The texts are short news items written
for these tests; each page is built here as a scraper or a browser would deliver it."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest

from newsweave.clean import clean_document
from newsweave.model import Article, Document, sha256_hex


@dataclass(frozen=True)
class Page:
    lang: str
    site: str
    menu: tuple[str, ...]
    headline: str
    paragraphs: tuple[str, ...]
    footer: str
    rtl: bool = False


PAGES = [
    Page(
        "zh", "城市日报", ("首页", "新闻", "体育", "财经", "登录"),
        "城市地铁十四号线今日开通",
        (
            "本报讯 经过四年建设，连接城东和机场的地铁十四号线今天上午正式开通运营。首班列车于早上六点从东站发车，许多市民专程前来体验。",
            "据市交通局介绍，新线路全长三十二公里，共设十八座车站，最高时速达到一百公里。开通后，从市中心到机场的时间将由一个多小时缩短至三十五分钟左右。",
            "不少乘客表示，新线路大大方便了日常出行。在东站乘车的张先生说：“以前去机场要换乘两次公交，现在一趟地铁就到了。”",
            "交通局负责人表示，未来三年内还将有三条新线路陆续建成，届时全市地铁总里程将超过四百公里。",
        ),
        "版权所有 © 2026 城市日报",
    ),
    Page(
        "ja", "北海道新報", ("ホーム", "ニュース", "スポーツ", "天気"),
        "北海道で記録的な大雪　交通機関に乱れ",
        (
            "北海道では七日未明から強い寒気の影響で記録的な大雪となり、札幌市では二十四時間の降雪量が五十センチを超えました。",
            "この影響で、新千歳空港を発着する便のうち百二十便以上が欠航となったほか、ＪＲも一部の特急列車の運転を見合わせています。",
            "気象台によりますと、雪は八日の昼ごろまで続く見込みで、なだれや路面の凍結に十分注意するよう呼びかけています。",
            "札幌市内の会社員の女性は「朝から除雪をしていますが、追いつかないほどです」と話していました。",
        ),
        "Copyright © 北海道新報社 All rights reserved.",
    ),
    Page(
        "ko", "서울일보", ("홈", "정치", "경제", "사회"),
        "서울시, 내년부터 심야 버스 노선 두 배로 확대",
        (
            "서울시는 내년 1월부터 심야 버스 노선을 현재의 두 배 수준으로 늘린다고 7일 밝혔다. 늦은 시간 귀가하는 시민들의 교통 불편을 줄이기 위한 조치다.",
            "시에 따르면 새로 생기는 노선은 모두 열두 개로, 주로 지하철 운행이 끝난 뒤 수요가 많은 강남과 홍대 일대를 지난다.",
            "한 시민은 \"밤늦게 일을 마치면 택시를 잡기 어려웠는데 큰 도움이 될 것 같다\"고 말했다.",
            "시는 이용 현황을 분석해 하반기에 노선과 배차 간격을 다시 조정할 계획이다.",
        ),
        "Copyright © 서울일보. All rights reserved.",
    ),
    Page(
        "th", "ข่าวเมือง", ("หน้าแรก", "ข่าว", "กีฬา", "บันเทิง"),
        "กรุงเทพฯ เตรียมเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยา",
        (
            "กรุงเทพมหานครเปิดเผยว่า สวนสาธารณะแห่งใหม่ริมแม่น้ำเจ้าพระยาจะเปิดให้ประชาชนเข้าใช้บริการได้ในเดือนหน้า หลังจากใช้เวลาก่อสร้างเกือบสองปี",
            "สวนแห่งนี้มีพื้นที่กว่าสามสิบไร่ ประกอบด้วยทางเดินริมน้ำ ลานกีฬา และพื้นที่สีเขียวสำหรับครอบครัว โดยจะเปิดตั้งแต่เวลาห้านาฬิกาถึงยี่สิบสองนาฬิกาทุกวัน",
            "ผู้ว่าราชการกรุงเทพมหานครกล่าวว่า เมืองต้องการพื้นที่สีเขียวเพิ่มขึ้นเพื่อคุณภาพชีวิตที่ดีของคนเมือง และจะสร้างสวนขนาดเล็กเพิ่มอีกสิบแห่งภายในสามปี",
        ),
        "© 2026 ข่าวเมือง สงวนลิขสิทธิ์",
    ),
    Page(
        "ar", "صحيفة الخليج اليوم", ("الرئيسية", "أخبار", "رياضة", "اقتصاد"),
        "افتتاح أكبر محطة للطاقة الشمسية في المنطقة",
        (
            "افتتحت الحكومة اليوم الثلاثاء أكبر محطة للطاقة الشمسية في المنطقة، بقدرة إنتاجية تصل إلى ألفي ميغاواط، في خطوة تهدف إلى خفض الاعتماد على الوقود الأحفوري.",
            "وقال وزير الطاقة في كلمة خلال حفل الافتتاح إن المحطة ستوفر الكهرباء لأكثر من مليون منزل، وستسهم في خفض الانبعاثات بنحو ثلاثة ملايين طن سنويا.",
            "وأضاف أن العمل جار على إنشاء محطتين جديدتين في الجنوب، من المتوقع أن تدخلا الخدمة خلال العامين المقبلين.",
            "ورحب خبراء البيئة بالمشروع، معتبرين أنه يمثل تحولا مهما في سياسة الطاقة في البلاد.",
        ),
        "© 2026 صحيفة الخليج اليوم. جميع الحقوق محفوظة",
        rtl=True,
    ),
    Page(
        "he", "חדשות העיר", ("ראשי", "חדשות", "ספורט", "כלכלה"),
        "נפתח קו הרכבת הקלה החדש בירושלים",
        (
            "קו הרכבת הקלה החדש בירושלים נפתח היום לציבור, לאחר שש שנות עבודה. הקו מחבר בין שכונות הדרום למרכז העיר ולקמפוס האוניברסיטה.",
            "לדברי משרד התחבורה, הרכבת תפעל כל שש דקות בשעות העומס, והנסיעה מקצה לקצה תימשך כחצי שעה בלבד.",
            "נוסעים רבים הגיעו כבר בבוקר המוקדם כדי לנסוע בקו. \"חיכינו לזה שנים\", אמרה תושבת השכונה.",
            "העירייה מסרה כי בשבועות הקרובים הנסיעה תהיה ללא תשלום.",
        ),
        "© 2026 חדשות העיר. כל הזכויות שמורות",
        rtl=True,
    ),
]  # fmt: skip


def _text_scrape(page: Page) -> str:
    """A flattened page: menu, headline, date, body, share line, footer."""
    lines = [*page.menu, "", page.headline, "2026-12-07 10:30", "", *page.paragraphs]
    return "\n".join([*lines, "", "Facebook Twitter Email", page.footer, ""])


def _html_page(page: Page) -> str:
    esc = html.escape
    direction = ' dir="rtl"' if page.rtl else ""
    menu = "".join(f'<li><a href="/{i}">{esc(m)}</a></li>' for i, m in enumerate(page.menu))
    body = "".join(f"<p>{esc(p)}</p>" for p in page.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{page.lang}"{direction}><head><meta charset="utf-8">'
        f"<title>{esc(page.headline)}</title>"
        f'<meta property="og:site_name" content="{esc(page.site)}"></head><body>'
        f"<nav><ul>{menu}</ul></nav><main><article><h1>{esc(page.headline)}</h1>"
        f'<time datetime="2026-12-07">2026-12-07</time>{body}</article></main>'
        f"<footer><p>{esc(page.footer)}</p></footer></body></html>"
    )


def _clean(raw: str, fmt: str) -> list[Article]:
    doc = Document(f"page.{fmt}", raw, fmt, "utf-8", sha256_hex(raw), {})  # type: ignore[arg-type]
    return clean_document(doc)


def _assert_body(article: Article, page: Page) -> None:
    for paragraph in page.paragraphs:
        assert paragraph in article.text
    for chrome in (*page.menu, page.footer):
        assert chrome not in article.text.split("\n\n")
    assert page.footer not in article.text
    assert article.word_count >= 50


@pytest.mark.parametrize("page", PAGES, ids=[p.lang for p in PAGES])
def test_text_scrape_in_every_script(page: Page) -> None:
    raw = _text_scrape(page)
    articles = _clean(raw, "text")
    assert len(articles) == 1
    article = articles[0]
    _assert_body(article, page)
    assert article.headline == page.headline
    assert article.published == "2026-12-07"
    for paragraph in page.paragraphs:  # every cleaned paragraph maps back to its raw copy
        start = article.text.index(paragraph)
        span = article.offsets.raw_span(start, start + len(paragraph))
        assert span is not None and raw[span[0] : span[1]] == paragraph


@pytest.mark.parametrize("page", PAGES, ids=[p.lang for p in PAGES])
def test_html_page_in_every_script(page: Page) -> None:
    raw = _html_page(page)
    articles = _clean(raw, "html")
    assert len(articles) == 1
    article = articles[0]
    _assert_body(article, page)
    assert (article.headline or "").split() == page.headline.split()  # trafilatura folds U+3000
    first = page.paragraphs[0]
    start = article.text.index(first)
    span = article.offsets.raw_span(start, start + len(first))
    assert span is not None and html.unescape(raw[span[0] : span[1]]) == first
