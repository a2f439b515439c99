"""quotes.html: a news page read without its boilerplate, and its metadata read right.

Small pages check one mechanism each; the saved pages in ../shared/pages (real sites' HTML, never
copied here) check what a person read off each page by hand."""

import pytest

from quotes.html import read_page

from .conftest import ROOT

PAGES = ROOT.parent / "shared" / "pages"

BODY = "".join(
    f"<p>{sentence}</p>"
    for sentence in (
        "The harbour authority closed the northern quay on Tuesday after inspectors found cracks in the "
        "concrete piles that hold up the old ferry terminal, officials said.",
        "Engineers had warned for years that the piles were failing, and the council had set aside money "
        "to replace them, but the work was delayed twice by disputes over the contract.",
        "\"We cannot let the public walk on a structure we do not trust,\" said Maria Ostrowska, the "
        "authority's chief engineer, standing beside the fenced-off quay on Tuesday afternoon.",
        "Ferries will use the southern berth until the repairs are finished, which the authority expects "
        "to take at least four months, and timetables will change from next week.",
    )
)


def page(body: str = BODY, head: str = "", title: str = "Harbour quay closed after inspectors find cracks") -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Harbour quay closed after inspectors find cracks</h1>{body}</article>"
        "<footer>Copyright 2025 The Harbour Gazette. All rights reserved.</footer></body></html>"
    )


def meta(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def test_article_text_is_read_and_the_frame_left_out():
    text = read_page(page()).text
    assert "Maria Ostrowska, the authority's chief engineer" in text
    assert "All rights reserved" not in text and "Home" not in text


def test_the_same_page_read_twice_keeps_its_text():
    """trafilatura's deduplication cache is process-global: with it on, a page read a second time
    (a retry, a test, a second ingest into another directory) loses the paragraphs seen before."""
    first, second = read_page(page()), read_page(page())
    assert second.text == first.text and "Ferries will use the southern berth" in second.text


def test_text_after_an_empty_marker_span_stays():
    marked = BODY.replace("<p>Engineers", '<p><span id="more-265087"></span>Engineers')
    assert "Engineers had warned for years" in read_page(page(marked)).text


def test_a_teaser_card_for_another_article_is_dropped():
    card = (
        '<div class="card"><h3><a href="/2025/03/other">Mayor says budget will balance</a></h3>'
        "<p>The mayor told reporters the budget would balance \"without a single new tax\" next year.</p></div>"
    )
    body = BODY.replace("<p>Ferries", card + "<p>Ferries")
    text = read_page(page(body)).text
    assert "without a single new tax" not in text and "Mayor says budget" not in text
    assert "Ferries will use the southern berth" in text


def test_a_heading_with_a_link_inside_a_long_block_is_kept():
    """A card is short; a section of the article whose heading is a link is not one."""
    section = f'<div><h3><a href="/topics/harbour">The harbour</a></h3>{BODY}</div>'
    assert "Engineers had warned for years" in read_page(page(section)).text


STANDFIRST = (
    "The northern quay is closed for at least four months after inspectors found cracks in the concrete "
    "piles under the old ferry terminal."
)


def test_the_articles_own_standfirst_in_a_teaser_block_is_kept():
    head = meta("og:description", STANDFIRST)
    body = f'<div class="story-teaser"><p>{STANDFIRST}</p></div>{BODY}'
    assert "The northern quay is closed for at least four months" in read_page(page(body, head)).text


def test_a_teaser_block_saying_something_else_is_not_kept():
    head = meta("og:description", STANDFIRST)
    other = "Council votes to sell the old tram depot to a developer, ending a decade of argument over its future."
    body = f'{BODY}<div class="story-teaser"><p>{other}</p></div>'
    assert "tram depot" not in read_page(page(body, head)).text


@pytest.mark.parametrize(
    ("title", "head", "expected"),
    [
        ("Quay closed after cracks found | CNN", meta("og:site_name", "CNN"), "Quay closed after cracks found"),
        ("Quay closed - The Boston Globe", meta("og:site_name", "The Boston Globe"), "Quay closed"),
        ("Quay closed - Boston Globe", meta("og:site_name", "The Boston Globe"), "Quay closed"),
        ("Quay closed - CNN.com", meta("og:url", "https://www.cnn.com/2025/quay"), "Quay closed"),
        ("Quay closed | Watch News Videos Online", meta("og:site_name", "Global News"),
         "Quay closed | Watch News Videos Online"),
        ("Quay closed - a long wait ahead", meta("og:site_name", "The Harbour Gazette"),
         "Quay closed - a long wait ahead"),
    ],
)
def test_the_sites_name_is_cut_from_titles_only_when_it_is_the_site(title: str, head: str, expected: str):
    assert read_page(page(head=head + meta("og:title", title), title=title)).title == expected


def test_the_outlet_is_the_publisher_or_site_name_never_a_twitter_handle():
    handle = '<meta name="twitter:site" content="@CNN">' + meta("og:url", "https://edition.cnn.com/2025/quay")
    assert read_page(page(head=handle)).outlet == "edition.cnn.com"
    named = handle + meta("og:site_name", "CNN International")
    assert read_page(page(head=named)).outlet == "CNN International"
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
          '{"@type": "Organization", "name": "The Harbour Gazette"}}</script>')
    assert read_page(page(head=named + ld)).outlet == "The Harbour Gazette"


def test_the_date_is_the_articles_own():
    head = meta("article:published_time", "2025-03-14T09:30:00-05:00")
    assert read_page(page(head=head)).published == "2025-03-14"


def test_an_image_paths_date_is_no_date():
    picture = '<div class="thumbs"><img src="http://img.example/jpg/2010/28303870/1814.jpg"></div>'
    assert read_page(page(BODY + picture)).published is None


def test_a_utc_time_after_midnight_keeps_the_local_date_the_url_gives():
    head = meta("article:published_time", "2014-12-19T04:38:49+00:00") + meta(
        "og:url", "https://nypost.example/2014/12/18/amazon-macmillan-make-peace/")
    assert read_page(page(head=head)).published == "2014-12-18"


def test_a_teasers_date_is_not_the_date():
    card = ('<div class="card"><h3><a href="/2014/04/tornado-facts">Ten facts about tornadoes</a></h3>'
            '<time datetime="2014-04-26T13:58:00Z">April 26, 2014</time></div>')
    assert read_page(page(BODY + card)).published is None


def test_a_list_of_links_to_other_articles_is_dropped():
    related = ("<p>More from AllBusiness.com:</p><ul><li><a href='/a'>The Gift of a Bright Business Idea</a></li>"
               "<li><a href='/b'>Five Key Business Predictions for 2015</a></li></ul>")
    text = read_page(page(BODY + related)).text
    assert "Bright Business Idea" not in text and "More from" not in text


def test_a_list_with_links_in_its_sentences_is_kept():
    listing = ("<ul><li>Ferries to the islands leave from <a href='/s'>the southern berth</a> at six.</li>"
               "<li>Cargo ships wait at <a href='/a'>the anchorage</a> outside the harbour wall.</li></ul>")
    assert "Cargo ships wait at the anchorage" in read_page(page(BODY + listing)).text


def test_a_pictures_caption_and_credit_are_no_body():
    picture = ('<span class="image-container"><img src="/quay.jpg"><span class="source">Anna Lis/REUTERS</span>'
               "<span>The northern quay, fenced off on Tuesday</span></span>")
    body = BODY.replace("<p>Engineers", f"<p>{picture}Engineers")
    text = read_page(page(body)).text
    assert "REUTERS" not in text and "fenced off on Tuesday" not in text
    assert "Engineers had warned for years" in text


def test_a_tracking_pixel_in_the_head_takes_nothing_with_it():
    """A picture's block is never the page's head (the title is in it) nor a headline's block."""
    head = '<noscript><img src="/pixel.gif" width="1" height="1"></noscript>' + meta("og:title", "Quay closed")
    assert read_page(page(head=head, title="Quay closed")).title == "Quay closed"


def test_text_running_on_from_a_picture_is_kept():
    """A quotation set after a quote mark's image (the Telegraph's live pages) is body."""
    quoted = '<p><i><img alt="Quote" src="/quote.gif">It is already six now, it is hard to find anything in the dark.</i></p>'
    assert "hard to find anything in the dark" in read_page(page(BODY + quoted)).text


def test_social_buttons_and_loading_lines_are_no_body():
    site = "<p>Like us on Facebook</p><p>Follow us on Twitter &amp; Instagram</p><p>Loading Photo Gallery</p>"
    text = read_page(page(BODY + site)).text
    assert "Facebook" not in text and "Twitter" not in text and "Loading" not in text
    assert text.rstrip().endswith("timetables will change from next week.")


# What the saved pages say, read off each page by hand.
needs_pages = pytest.mark.skipif(not PAGES.is_dir(), reason="the saved pages (../shared/pages) are not here")


def saved(name: str):
    return read_page((PAGES / name).read_text(encoding="utf-8", errors="replace"))


@needs_pages
def test_cnn_page_without_highlights_and_related_coverage():
    got = saved("cnn_article.html")
    assert got.title == "After storm, forecasters see smooth sailing for Thanksgiving"
    assert got.outlet == "CNN" and got.published == "2013-11-27"
    assert "Forecasters see mostly smooth sailing into Thanksgiving." in got.text
    assert "STORY HIGHLIGHTS" not in got.text and "Part of complete coverage" not in got.text
    assert "Loading weather data" not in got.text


@needs_pages
def test_reuters_page_without_its_teasers_and_share_buttons():
    got = saved("reuters.com1.html")
    assert got.title == "Sensex ends flat; weaker Asian markets offset reform hopes"
    assert got.outlet == "in.reuters.com" and got.published == "2014-12-30"  # no site name; @ReutersIndia is a handle
    assert "The BSE Sensex and Nifty ended flat on Tuesday" in got.text
    assert "Jaitley" not in got.text and "Tweet this" not in got.text and "Trending On Reuters" not in got.text


@pytest.mark.parametrize(
    ("name", "title", "outlet"),
    [
        ("technologyreview.com1.html", "CRISPR Patents Spark Fight to Control Genome Editing", "MIT Technology Review"),
        ("telegraph.co.uk1.html", "AirAsia plane found in Java Sea: latest", "Telegraph.co.uk"),
        ("wired.com1.html", "How Butterflies Get Their Shine", "WIRED"),
        ("newyorker.com1.html", "Climate-Change Christmas Carols", "The New Yorker"),
        ("talkingpointsmemo.com1.html", "The Small Miracle You Haven't Heard About Amid the Carnage in Syria",
         "Talking Points Memo"),
    ],
)
@needs_pages
def test_saved_titles_without_the_site_name(name: str, title: str, outlet: str):
    got = saved(name)
    assert (got.title, got.outlet) == (title, outlet)


@needs_pages
def test_usnews_video_page_has_no_date_from_its_thumbnails():
    """The page dates nothing; its thumbnails' paths (/jpg/2010/...) are no date."""
    assert saved("usnews.com2.html").published is None


@pytest.mark.parametrize(
    ("name", "published"),
    [("nypost.com1.html", "2014-12-18"), ("foxnews.com1.html", "2014-12-29"), ("dallasnews.com1.html", "2014-12-24"),
     ("space.com1.html", "2014-11-04"), ("mashable.com1.html", "2010-01-01")],
)
@needs_pages
def test_saved_pages_dates(name: str, published: str):
    assert saved(name).published == published


@needs_pages
def test_pew_paragraph_after_an_empty_span_is_read():
    assert "The new policy also expands eligibility for the president’s Deferred Action" in saved(
        "pewresearch.org1.html").text


@needs_pages
def test_tpm_opening_paragraph_in_its_teaser_block_is_read():
    assert saved("talkingpointsmemo.com1.html").text.startswith("It’s a familiar scene: Young people")


@needs_pages
def test_business_insider_lead_without_its_photo_credit():
    got = saved("businessinsider.com1.html")
    assert got.text.startswith("The UK may be forced to review its Falkland Islands air defenses")
    assert "Zhumatov" not in got.text


@needs_pages
def test_live_science_without_caption_and_follow_lines():
    got = saved("livescience.com1.html")
    assert got.text.startswith("Magic mushrooms may give users trippy experiences")
    assert "Shutterstock" not in got.text and "Follow Tia Ghose" not in got.text
    assert "said Mitul Mehta, a psychopharmacology researcher at King's College London" in got.text


@needs_pages
def test_fox_pages_without_related_links_and_social_lines():
    business = saved("foxbusiness.com1.html").text
    assert "More from AllBusiness.com" not in business and "The Gift of a Bright Business Idea" not in business
    assert "Gail Gardner is the Small Business Marketing Strategist" in business
    latino = saved("foxnews.com1.html").text
    assert "Like us on Facebook" not in latino and "Follow us on Twitter" not in latino
    assert "“I’ve signed away my organs,” he joked" in latino


@needs_pages
def test_telegraph_live_page_keeps_quotations_set_after_quote_marks():
    text = saved("telegraph.co.uk1.html").text
    assert "This morning, we recovered a total of four bodies" in text
    assert "AirAsia plane missing: profile of airline boss Tony Fernandes" not in text



def test_json_ld_date_published_comes_before_an_older_date_in_the_url():
    """A story filed under one date and published later (Slate's /2014/10/ page of Dec. 29) is dated
    as its publisher declares."""
    ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
          '"datePublished": "2025-02-03T10:00:00-05:00"}]}</script>')
    head = ld + meta("og:url", "https://harbourgazette.example/2025/01/30/quay/")
    assert read_page(page(head=head)).published == "2025-02-03"


def test_footer_contact_lines_and_credited_captions_are_no_body():
    site = ("<p>Relatives wait for news at the ferry terminal in Gdynia (AFP/Getty)</p>"
            "<p>To contact the reporter on this story: Anna Lis in Gdansk at alis@gazette.example</p>"
            "<p>Anna Lis may be reached at alis@gazette.example. Follow her on Twitter @annalis.</p>")
    text = read_page(page(BODY + site)).text
    assert "AFP/Getty" not in text and "alis@" not in text
    assert text.rstrip().endswith("timetables will change from next week.")


def test_a_sentence_ending_with_a_quoted_credit_stays():
    quoted = "<p>\"We were told to wait,\" one relative said at the terminal (AP)</p>"
    assert "We were told to wait" in read_page(page(BODY + quoted)).text
