"""Articles that report rounds: one GET per article, bytes handed to the pure parser."""

from __future__ import annotations

from eewatch.domain.announcement import ARTICLE, Announcement
from scraper.parsing.bounded import parse_article
from scraper.spiders.pages import AnnouncementSpider


class ArticlesSpider(AnnouncementSpider):
    """Articles (HTML or plain text) that report rounds of invitations."""

    name = "articles"
    kind = ARTICLE

    @staticmethod
    def parse_document(body: bytes, url: str) -> Announcement:
        return parse_article(body, url)
