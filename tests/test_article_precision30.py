"""Session 15, before its fresh set: a writer telling of their own invitation ("I received my ITA in the
draw of 23 May 2018 with 452 points") gives their own score, not the round's cut-off, unless they call it
the cut-off. Our words, in the shape of forum posts and journey blogs; each test fails without its rule.
Facts from the feed: #90 (May 23, 2018, 3,500 at 440)."""

from __future__ import annotations

from tests.support import articles


def test_the_writers_own_score_is_not_the_cut_off() -> None:
    text = (
        "My Express Entry timeline\n\n"
        "I received my ITA in the draw of 23 May 2018 with 452 points. AOR came in June.\n"
    )
    assert all(r[3] is None for r in articles.rows(text))


def test_a_score_the_writer_calls_the_cut_off_is_taken() -> None:
    text = (
        "Finally invited!\n\n"
        "We got our ITA on May 23, 2018. The cut-off was 440 and 3,500 people were invited.\n"
    )
    assert (None, "2018-05-23", 3500, 440, None, None) in articles.rows(text)
