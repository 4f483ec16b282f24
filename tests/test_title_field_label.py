"""A page that prints its field's label in the headline ("Title: …", as arXiv's <h1> does): the label is no part of
the title, as a genre label ("Opinion: …") is not."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.metadata._title import clean_title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("Title: Merging Language Models by Geometry", "Merging Language Models by Geometry"),
        ("Headline: Markets fall for a third day", "Markets fall for a third day"),
        ("Title IX: the new rule explained", "Title IX: the new rule explained"),  # a law's name, not a label
        ("The Title: a novel of the sea", "The Title: a novel of the sea"),
    ],
)
def test_a_field_label_before_the_headline_goes(raw: str, title: str) -> None:
    assert clean_title(raw) == title


def test_a_page_whose_h1_prints_the_label_is_titled_without_it() -> None:
    body = "<p>" + "We study how two models can be merged while keeping what each was aligned to do. " * 8 + "</p>"
    html = (
        "<html><head><title>Merging Language Models by Geometry</title></head><body>"
        '<h1 class="title"><span class="descriptor">Title:</span>Merging Language Models by Geometry</h1>'
        f"{body}</body></html>"
    )
    article = newsclean.clean_html(html, url="https://example.org/abs/2501.00001")
    assert article.title == "Merging Language Models by Geometry"
