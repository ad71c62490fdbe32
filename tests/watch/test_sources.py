"""Reading what a source lists: RSS, Atom, news sitemaps, sitemap indexes and OPML, safely."""

from __future__ import annotations

from newsweave.watch import Listing, read_listing, read_opml

BASE = "http://news.example.org/feeds/world.xml"

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example World</title>
<id>urn:x</id><updated>2025-12-22T10:00:00Z</updated>
<entry><title>Talks resume &amp; stall</title><link href="/2025/12/22/talks.html"/>
<id>urn:1</id><updated>2025-12-22T09:00:00Z</updated><published>2025-12-21T23:30:00Z</published>
<author><name>A. Writer</name></author><category term="Politics"/><category term="Europe"/></entry>
</feed>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>http://news.example.org/a.html</loc>
  <news:news><news:publication><news:name>Example News</news:name><news:language>en</news:language>
  </news:publication><news:publication_date>2025-12-20T08:00:00+00:00</news:publication_date>
  <news:title>Envoy heads to Miami</news:title>
  <news:keywords>Ukraine, talks</news:keywords></news:news>
 </url>
 <url><loc>http://news.example.org/b.html</loc><lastmod>2025-12-19</lastmod></url>
</urlset>"""


def test_atom_entry_metadata_and_relative_links() -> None:
    listing = read_listing(ATOM.encode(), BASE)
    assert isinstance(listing, Listing) and listing.kind == "feed"
    (item,) = listing.items
    assert item.url == "http://news.example.org/2025/12/22/talks.html"
    assert item.title == "Talks resume & stall"
    assert item.published == "2025-12-21"
    assert item.author == "A. Writer"
    assert item.categories == ("Politics", "Europe")
    assert item.outlet == "Example World"
    assert item.hints() == {
        "feed_title": "Talks resume & stall",
        "feed_published": "2025-12-21",
        "feed_author": "A. Writer",
        "feed_outlet": "Example World",
        "feed_categories": "Politics\nEurope",
    }


def test_news_sitemap_and_plain_sitemap_entries() -> None:
    listing = read_listing(NEWS_SITEMAP.encode(), "http://news.example.org/sitemap.xml")
    assert isinstance(listing, Listing) and listing.kind == "sitemap"
    news, plain = listing.items
    assert (news.url, news.title, news.published, news.outlet) == (
        "http://news.example.org/a.html", "Envoy heads to Miami", "2025-12-20", "Example News"
    )  # fmt: skip
    assert news.categories == ("Ukraine", "talks")
    assert (plain.url, plain.published, plain.title) == ("http://news.example.org/b.html",
                                                          "2025-12-19", None)  # fmt: skip


def test_sitemap_index_names_its_sitemaps() -> None:
    body = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<sitemap><loc>http://x.org/s1.xml</loc></sitemap>"
        "<sitemap><loc>http://x.org/s2.xml</loc></sitemap></sitemapindex>"
    )
    listing = read_listing(body.encode(), "http://x.org/index.xml")
    assert isinstance(listing, Listing)
    assert listing.kind == "sitemap-index"
    assert listing.sources == ("http://x.org/s1.xml", "http://x.org/s2.xml")


def test_opml_lists_nested_feeds_once() -> None:
    body = b"""<opml version="2.0"><head><title>Mine</title></head><body>
      <outline text="World"><outline text="A" type="rss" xmlUrl="http://a.org/rss"/>
      <outline text="B" xmlUrl="http://b.org/atom"/></outline>
      <outline text="A again" xmlUrl="http://a.org/rss"/><outline text="folder"/></body></opml>"""
    assert read_opml(body) == ["http://a.org/rss", "http://b.org/atom"]
    listing = read_listing(body, "http://x.org/list.opml")
    assert isinstance(listing, Listing) and listing.kind == "opml"
    assert listing.sources == ("http://a.org/rss", "http://b.org/atom")


def test_entity_expansion_and_external_entities_are_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
      <rss><channel><title>&b;</title></channel></rss>"""
    found = read_listing(bomb, BASE)
    assert isinstance(found, str) and "never expands" in found
    xxe = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <opml><body><outline xmlUrl="&x;"/></body></opml>"""
    assert "never expands" in str(read_opml(xxe))


def test_malformed_xml_is_read_leniently_or_rejected_with_a_reason() -> None:
    sloppy = (  # an unescaped ampersand: not XML, but a feed all the same
        b'<rss version="2.0"><channel><title>Q & A</title><item><title>One</title>'
        b"<link>http://q.org/1</link></item></channel></rss>"
    )
    listing = read_listing(sloppy, BASE)
    assert isinstance(listing, Listing)
    assert [i.url for i in listing.items] == ["http://q.org/1"]
    assert listing.warning is not None and "malformed XML" in listing.warning
    broken = read_listing(b"<rss><channel><item><title>cut off", BASE)
    assert isinstance(broken, str) and "malformed XML" in broken
    other = read_listing(b"<html><body>hello</body></html>", BASE)
    assert isinstance(other, str) and "<html>" in other
    assert "cannot read the OPML" in str(read_opml(b"<opml><body>"))
