"""The app-state continuation switched off where newsclean runs: the CLI, a batch, the table adapters."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import newsclean
from newsclean.batch import clean_batch
from newsclean.cli import main
from newsclean.integrations.ray import Cleaner
from newsclean.integrations.table import pipeline_settings

PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.",
    "Council members argued for hours over the transit line and the money for the schools of the city.",
    "The mayor said she would sign the budget on Friday, before the start of the next fiscal year.",
    "Opponents of the transit line said they would take the question to the voters in the spring.",
    "The budget also adds money for road repairs, which the residents had asked for at every hearing.",
    "A final vote on the school funding formula is expected at the council's next meeting in March.",
)
STATE = {
    "props": {"story": {"body": [{"type": "paragraph", "text": paragraph} for paragraph in PARAGRAPHS]}},
    "navigation": [{"label": f"Section {number}", "href": f"/section-{number}"} for number in range(60)],
}
PAGE = (
    "<html><head><title>Council approves budget</title></head><body><article><h1>Council approves budget</h1>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[:2])
    + "<div class='paywall'><p>Subscribe now to keep reading this story.</p></div></article>"
    + f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(STATE)}</script></body></html>'
)
HIDDEN = PARAGRAPHS[-1]


def test_the_cli_continues_a_cut_article_unless_told_markup_only(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(PAGE, encoding="utf-8")
    continued = CliRunner().invoke(main, ["clean", str(page)])
    markup_only = CliRunner().invoke(main, ["clean", "--markup-only", str(page)])
    assert continued.exit_code == 0 and markup_only.exit_code == 0, continued.output + markup_only.output
    assert HIDDEN in json.loads(continued.stdout)["paragraphs"]
    assert HIDDEN not in json.loads(markup_only.stdout)["paragraphs"]


def test_a_batch_and_the_adapters_pass_the_option_to_their_pipelines() -> None:
    records = [{"id": "a", "html": PAGE, "url": "https://news.example.com/budget"}]
    (on,) = clean_batch(records, workers=0)
    (off,) = clean_batch(records, workers=0, read_app_state=False)
    assert isinstance(on, newsclean.Article) and isinstance(off, newsclean.Article)
    assert HIDDEN in on.paragraphs and HIDDEN not in off.paragraphs
    assert pipeline_settings(read_app_state=False).build().read_app_state is False
    assert pipeline_settings().build().read_app_state is True
    assert Cleaner(read_app_state=False).pipeline.read_app_state is False
