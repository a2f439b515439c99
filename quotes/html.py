"""A news page read as an article: its text without the site's boilerplate, and its metadata.

trafilatura finds the article; around it we fix what real pages showed it getting wrong
(issue 18): teasers of other articles read as body, the article's own first paragraph dropped
because its block is styled as a "teaser", text lost after an empty marker span, the site's name
left in titles, a Twitter handle as the outlet, an image path's or a teaser's date as the date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

#: A block of at most this many characters whose heading is wholly a link is a teaser card
#: pointing to another article ("India needs reforms in banking sector: Jaitley" under a Reuters
#: story), not part of this one.
TEASER_CARD_CHARS = 600
#: Separators between a headline and the site's name in a page title.
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ")
#: Inline elements a page leaves empty as markers (`<span id="more-265087"></span>`): trafilatura
#: in precision mode can drop the paragraph text that follows one.
INLINE_MARKERS = ("span",)
#: Words in class or id values that trafilatura's precision mode reads as boilerplate.
TEASER_STYLES = re.compile(r"teaser|summary|excerpt|intro|dek|standfirst|deck", re.I)
#: Meta tags that date the article itself, in the order they are trusted.
PUBLISHED_META = ("article:published_time", "og:article:published_time")
INVISIBLE = {"script", "style", "noscript", "template"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A picture's block with at most this much text is the picture and its caption or credit
#: ("Credit: WhiteHaven/Shutterstock.com", "Shamil Zhumatov/REUTERS" glued to the first sentence).
CAPTION_CHARS = 300
#: Where climbing from a picture to its captioned block stops: text blocks and the page's frame.
CAPTION_STOPS = {"p", "blockquote", "li", "article", "main", "body", "html", "section", "head", "header", "hgroup"}
#: Lines that are the site talking, not the article: social buttons, loading placeholders, the
#: footer's contact lines ("To contact the reporter on this story: ... at x@bloomberg.net") and
#: photo captions ending in the agency's credit ("... at Juanda Airport, in Surabaya (EPA)").
SITE_LINES = re.compile(
    r"^\s*(?:(?:like|follow|find)\b.{0,80}\bon\s+(?:facebook|twitter|instagram|google\+)\b.*"
    r"|loading(?:\s+[\w ]{0,30})?\s*(?:\.\.\.|…)?"
    r"|to contact the (?:reporters?|editors?|writers?|authors?)\b.*@.*"
    r"|[\w .'-]{3,60} (?:may|can) be reached at \S+@\S+.*"
    r"|[^\"“”]*\((?:AP|AFP|EPA|PA|Reuters|Rex|Getty(?: Images)?|AFP/Getty(?: Images)?|Getty/AFP)\))\s*$",
    re.I,
)


@dataclass(frozen=True)
class Page:
    """What a news page says: the article's text and what is known of it."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


def read_page(html: str) -> Page:
    """The article of a page. Raises ValueError (or lxml's errors) on what is no HTML at all."""
    import trafilatura

    tree = _parse(html)
    meta = _meta(tree)
    ld = list(_json_ld(tree))
    _unwrap_empty_inline(tree)
    _drop_teaser_cards(tree)
    _drop_link_lists(tree)
    _drop_captioned_pictures(tree)
    _keep_standfirst(tree, meta.get("og:description", []))
    published = _published(tree, meta, ld, _first(meta, "og:url") or _canonical(tree))
    doc = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, favor_precision=True, deduplicate=False
    )
    text = _without_site_lines((getattr(doc, "text", None) or "") if doc is not None else "")
    url = _clean(getattr(doc, "url", None)) or _first(meta, "og:url") or _canonical(tree)
    host = _host(url)
    outlet = _outlet(meta, ld, _clean(getattr(doc, "sitename", None)), host)
    title = _title(_clean(getattr(doc, "title", None)), outlet, host)
    return Page(text=text, title=title, url=url, outlet=outlet, published=published)


def _parse(html: str) -> _Element:
    """The page as an lxml tree; an XML declaration is dropped (lxml refuses one in a str)."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml_html.document_fromstring(html)
    except ParserError as exc:
        raise ValueError(f"not HTML ({exc})") from None
    return tree


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _meta(tree: _Element) -> dict[str, list[str]]:
    """Every `<meta>` value by its property, name or itemprop (case kept), in page order."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = _clean(element.get("content") or element.get("value"))
        if key and value:
            found.setdefault(key.strip(), []).append(value)
    return found


def _first(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if meta.get(key):
            return meta[key][0]
    return None


def _json_ld(tree: _Element) -> Iterator[dict]:
    """The JSON-LD objects of a page (those in an `@graph` too); a script that is no JSON is skipped."""
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or ""):
            continue
        body = re.sub(r"^\s*(//)?\s*<!\[CDATA\[|(//)?\s*\]\]>\s*$", "", script.text or "")
        try:
            data = json.loads(body)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                yield item
                stack.extend(item.get("@graph", []) if isinstance(item.get("@graph"), list) else [])
            elif isinstance(item, list):
                stack.extend(item)


def _unwrap_empty_inline(tree: _Element) -> None:
    """Empty inline markers removed, their tail kept: the text after one stays in its paragraph."""
    for element in list(tree.iter(*INLINE_MARKERS)):
        if len(element) or (element.text or "").strip() or element.getparent() is None:
            continue
        element.drop_tag()


def _text(element: _Element) -> str:
    """The words a reader sees in an element (a script's or a style's text is none of them)."""
    parts = [element.text or ""] if element.tag not in INVISIBLE else []
    for child in element.iterchildren():
        if child.tag not in INVISIBLE and isinstance(child.tag, str):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def _drop_teaser_cards(tree: _Element) -> None:
    """Blocks that are a heading wholly a link plus a line or two: cards for other articles."""
    for heading in list(tree.iter(*HEADINGS)):
        links = heading.findall(".//a")
        heading_text = _text(heading)
        if not heading_text or len(links) != 1 or _text(links[0]) != heading_text:
            continue
        block = heading.getparent()
        if block is None or block.tag in ("body", "html", "article", "main"):
            continue
        if len(_text(block)) <= TEASER_CARD_CHARS and block.getparent() is not None:
            block.drop_tree()


def _drop_link_lists(tree: _Element) -> None:
    """Lists whose every item is wholly a link ("More from AllBusiness.com:" and three headlines):
    links to other articles, with the short line ending in a colon that introduces them."""
    for listing in list(tree.iter("ul", "ol")):
        items = listing.findall("li")
        if len(items) < 2 or listing.getparent() is None:
            continue
        if not all(len(links := item.findall(".//a")) == 1 and _text(links[0]) == _text(item) != "" for item in items):
            continue
        before = listing.getprevious()
        if before is not None and before.tag in (*HEADINGS, "p", "div", "strong") and len(_text(before)) <= 80 \
                and _text(before).endswith(":"):
            before.drop_tree()
        listing.drop_tree()


def _drop_captioned_pictures(tree: _Element) -> None:
    """Each picture with its caption and credit: the largest block around an image holding at most
    CAPTION_CHARS of text, never a paragraph or more, nor text running on from the picture (a
    paragraph beside its picture, a quotation after a quote mark's image, stays)."""
    for picture in list(tree.iter("img", "image", "figure")):
        if picture.getparent() is None or not _attached(picture):
            continue
        block = picture
        while not _runs_on(block) and (up := block.getparent()) is not None and up.tag not in CAPTION_STOPS \
                and not (up.text or "").strip() and len(_text(up)) <= CAPTION_CHARS \
                and next(up.iter(*HEADINGS), None) is None:  # a headline's block is no caption
            block = up
        if block.tag == "figure" or block is not picture or picture.tag == "image":
            block.drop_tree()


def _runs_on(element: _Element) -> bool:
    """Whether running text follows an element in its flow (`<img>The UK may be forced...`): the
    text belongs to a paragraph the picture sits in, not to the picture."""
    return bool((element.tail or "").strip())


def _attached(element: _Element) -> bool:
    """Whether an element is still in the page (an earlier drop may have taken its block)."""
    while element.getparent() is not None:
        element = element.getparent()
    return element.tag == "html"


def _without_site_lines(text: str) -> str:
    """The text without lines that are the site's own (social buttons, "Loading..." placeholders)."""
    return "\n".join(line for line in text.split("\n") if not SITE_LINES.match(line)).strip("\n")


def _folded(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _keep_standfirst(tree: _Element, descriptions: list[str]) -> None:
    """The article's own standfirst kept: the first block styled as a teaser whose text is the
    page's og:description is this article's opening, which precision mode would drop for its class.
    A teaser block saying something else (another article's) keeps its class, and is dropped."""
    wanted = [_folded(d)[:120] for d in descriptions if len(_folded(d)) >= 40]
    if not wanted:
        return
    for element in tree.iter("div", "p", "section", "header"):
        styles = f"{element.get('class', '')} {element.get('id', '')}"
        if not TEASER_STYLES.search(styles):
            continue
        said = _folded(element.text_content())
        if len(said) >= 40 and any(said.startswith(w) or w.startswith(said) for w in wanted):
            for attribute in ("class", "id"):
                element.attrib.pop(attribute, None)
            return


def _canonical(tree: _Element) -> str | None:
    link = next((e for e in tree.iter("link") if (e.get("rel") or "").lower() == "canonical" and e.get("href")), None)
    return link.get("href") if link is not None else None


def _host(url: str | None) -> str | None:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _handles(meta: dict[str, list[str]]) -> set[str]:
    return {h.lstrip("@").lower() for key in ("twitter:site", "twitter:creator") for h in meta.get(key, [])}


def _outlet(meta: dict[str, list[str]], ld: list[dict], found: str | None, host: str | None) -> str | None:
    """The outlet's name: JSON-LD publisher, og:site_name, application-name; never a Twitter handle
    ("@CNN", which trafilatura takes as the name when nothing better is there); else the host."""
    for item in ld:
        publisher = item.get("publisher")
        name = publisher.get("name") if isinstance(publisher, dict) else None
        if isinstance(name, str) and _clean(name):
            return _clean(name)
    names = meta.get("og:site_name", [])
    if names:
        return max(names, key=len)  # "TPM" and "Talking Points Memo": the name written out
    if meta.get("application-name"):
        return meta["application-name"][0]
    if found and not found.startswith("@") and found.lower() not in _handles(meta):
        return found
    return host


def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _is_site(part: str, outlet: str | None, host: str | None) -> bool:
    """Whether a piece of a title names the site: the outlet ("The Boston Herald" for "Boston
    Herald"), the host ("CNN.com" on cnn.com) or its name ("Telegraph" on telegraph.co.uk)."""
    said = _compact(part)
    if not said:
        return False
    names: set[str] = set()
    if outlet:
        names |= {_compact(outlet), _compact(re.sub(r"^the\s+", "", outlet, flags=re.I))}
    if host:
        labels = host.split(".")
        names |= {_compact(host)} | {_compact(label) for label in labels if len(label) > 3 or label == labels[0]}
        names |= {_compact(".".join(labels[i:])) for i in range(len(labels) - 1)}
    return said in names - {""}


def _title(title: str | None, outlet: str | None, host: str | None) -> str | None:
    """The headline, the site's name cut from its end ("Headline | CNN", "Headline - The Boston
    Globe") when that name is the outlet's or the host's; a last part that is anything else
    ("... | Watch News Videos Online") may be part of the headline, and stays."""
    if not title:
        return None
    for separator in TITLE_SEPARATORS:
        head, sep, tail = title.rpartition(separator)
        if sep and head.strip() and _is_site(tail, outlet, host):
            return head.strip()
    return title


def _day(value: str | None) -> date | None:
    """The calendar date a metadata value starts with (`2014-12-29T05:38:00-05:00`), as written."""
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _utc(value: str) -> bool:
    return bool(re.search(r"(Z|[+-]00:?00)\s*$", value))


def _published(tree: _Element, meta: dict[str, list[str]], ld: list[dict], url: str | None) -> str | None:
    """The article's own date: article:published_time or JSON-LD datePublished, else htmldate's
    original date from the page's markup (not a search of all its text, where an image path's
    `/jpg/2010/` and a teaser's date are found) with the page's URL (`/2014/12/18/`), teaser cards
    dropped already, else Parse.ly's pub_date."""
    declared = [v for key in PUBLISHED_META for v in meta.get(key, [])]
    declared += [item["datePublished"] for item in ld if isinstance(item.get("datePublished"), str)]
    found = _htmldate(tree, url)
    for value in declared:
        day = _day(value)
        if day is None:
            continue
        # a time given in UTC after the publisher's midnight is dated a day late; the page's own
        # local date (in its URL or byline, which htmldate reads) says which day its readers saw
        if found is not None and _utc(value) and found == day - timedelta(days=1):
            return found.isoformat()
        return day.isoformat()
    if found is None:  # Parse.ly's date is often UTC (a day late), so it comes after htmldate's
        found = next((d for value in _parsely_dates(meta) if (d := _day(value))), None)
    return found.isoformat() if found else None


def _parsely_dates(meta: dict[str, list[str]]) -> list[str]:
    """The `pub_date` of Parse.ly's page metadata (`<meta name="parsely-page" content="{...}">`),
    which many news sites write for their analytics: the publisher's own date of the article."""
    dates = []
    for value in meta.get("parsely-page", []):
        try:
            data = json.loads(value)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("pub_date"), str):
            dates.append(data["pub_date"])
    return dates


def _htmldate(tree: _Element, url: str | None) -> date | None:
    from copy import deepcopy

    from htmldate import find_date

    page = deepcopy(tree)  # htmldate cleans what it reads; trafilatura reads this tree next
    options: dict = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
    if url:
        options["url"] = url
    try:
        found = find_date(page, **options)
    except Exception:  # htmldate raises whatever dateparser and lxml raise on odd pages
        return None
    return _day(found)
