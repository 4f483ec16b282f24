"""The learned paragraph filter: its model file, its features, deterministic inference, and its pipeline hook.

Models here are built by hand (a stump on one feature, a logistic weight on one feature) so that each test knows
what the filter must do; no test depends on the shipped model's scores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import newsclean
from newsclean.cleaners._classifier import (
    FEATURES,
    MODEL_FORMAT,
    MODEL_FORMAT_VERSION,
    RULE,
    ModelError,
    ParagraphClassifier,
    ParagraphModel,
    hashed_tokens,
    is_headline_shaped,
    paragraph_features,
)

REPO = Path(__file__).resolve().parent.parent
BODY = [
    "The council voted on Tuesday to close the old bridge for two years while engineers rebuild it.",
    "Residents said the detour would add half an hour to their commute, and shops feared lost trade.",
    "The mayor promised a free shuttle bus across the river until the new bridge opens in 2027.",
]
PIPED = "Home | News | Local | Weather | Contact"
TITLE = "Council closes the old bridge"


def column(name: str) -> int:
    return FEATURES.index(name)


def stump_model(feature: str, *, above: float = 4.0, below: float = -4.0, threshold: float = 0.9) -> dict[str, Any]:
    """One tree, one split: ``feature > 0.5`` scores ``above``, anything else ``below``."""
    return {
        "format": MODEL_FORMAT,
        "format_version": MODEL_FORMAT_VERSION,
        "version": "test-stump",
        "kind": "trees",
        "features": list(FEATURES),
        "threshold": threshold,
        "base": 0.0,
        "trees": {
            "depth": 1,
            "roots": [0],
            "feature": [column(feature), -1, -1],
            "threshold": [0.5, 0.0, 0.0],
            "left": [1, -1, -1],
            "right": [2, -1, -1],
            "value": [0.0, below, above],
        },
    }


def logistic_model(feature: str, weight: float, *, buckets: int = 0) -> dict[str, Any]:
    coef = [0.0] * len(FEATURES)
    coef[column(feature)] = weight
    return {
        "format": MODEL_FORMAT,
        "format_version": MODEL_FORMAT_VERSION,
        "version": "test-logistic",
        "kind": "logistic",
        "features": list(FEATURES),
        "threshold": 0.5,
        "base": 0.0,
        "mean": [0.0] * len(FEATURES),
        "scale": [1.0] * len(FEATURES),
        "coef": coef,
        "hash_buckets": buckets,
        "hashed_coef": [0.0] * buckets,
    }


def write(tmp_path: Path, data: Any, name: str = "model.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


# -- the model file ----------------------------------------------------------------------------------------


def test_packaged_model_loads_and_matches_the_features() -> None:
    model = ParagraphModel.default()
    raw = json.loads((REPO / "newsclean" / "cleaners" / "paragraph_model.json").read_text())
    assert raw["features"] == list(FEATURES)
    assert model.version == raw["version"] and model.version
    assert model.kind in {"logistic", "trees"}
    assert 0.5 <= model.threshold <= 1.0
    assert set(raw["meta"]["trained_on"]) == {"naeb", "wcxb_dev_articles"}
    scores = model.scores([*BODY, PIPED], TITLE)
    assert scores.shape == (4,)
    assert np.all((scores >= 0) & (scores <= 1))


def test_model_file_round_trips_through_load(tmp_path: Path) -> None:
    model = ParagraphModel.load(write(tmp_path, stump_model("pipe")))
    assert (model.version, model.kind, model.threshold) == ("test-stump", "trees", 0.9)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "something-else"}, "not a newsclean-paragraph-model"),
        ({"format_version": 99}, "not a newsclean-paragraph-model v1"),
        ({"features": list(FEATURES[:-1])}, "trained on features"),
        ({"features": list(reversed(FEATURES))}, "trained on features"),
        ({"kind": "forest"}, "unknown model kind"),
        ({"threshold": 0.0}, "threshold"),
        ({"threshold": "high"}, "malformed model"),
        ({"version": None, "kind": None, "trees": None}, "unknown model kind"),
    ],
)
def test_a_bad_model_file_gives_a_typed_error(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    path = write(tmp_path, stump_model("pipe") | change)
    with pytest.raises(ModelError, match=message) as caught:
        ParagraphModel.load(path)
    assert isinstance(caught.value, newsclean.NewscleanError)
    assert str(path) in str(caught.value)


def test_broken_tree_arrays_are_rejected(tmp_path: Path) -> None:
    data = stump_model("pipe")
    data["trees"]["left"] = [7, -1, -1]  # points past the last node
    with pytest.raises(ModelError, match="outside the model"):
        ParagraphModel.load(write(tmp_path, data))
    data = stump_model("pipe")
    data["trees"]["value"] = [0.0, 1.0]
    with pytest.raises(ModelError, match="equal length"):
        ParagraphModel.load(write(tmp_path, data))
    del data["trees"]
    with pytest.raises(ModelError, match="malformed model: KeyError"):
        ParagraphModel.load(write(tmp_path, data))


def test_logistic_vectors_must_match_the_features(tmp_path: Path) -> None:
    data = logistic_model("pipe", 5.0)
    data["coef"] = data["coef"][:-1]
    with pytest.raises(ModelError, match="coef must hold"):
        ParagraphModel.load(write(tmp_path, data))
    data = logistic_model("pipe", 5.0)
    data["scale"][0] = 0.0
    with pytest.raises(ModelError, match="scale must be positive"):
        ParagraphModel.load(write(tmp_path, data))


def test_missing_or_unreadable_model_file(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the model file"):
        ParagraphModel.load(tmp_path / "absent.json")
    (tmp_path / "broken.json").write_text('{"format": ')
    with pytest.raises(ModelError, match="not valid JSON"):
        ParagraphModel.load(tmp_path / "broken.json")
    (tmp_path / "garbage.json").write_bytes(b"\xff\xfe{not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        ParagraphModel.load(tmp_path / "garbage.json")
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(ModelError, match="expected a JSON object"):
        ParagraphModel.load(tmp_path / "list.json")


def test_pipeline_reports_a_bad_model_path_at_construction(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        newsclean.Pipeline(paragraph_classifier=tmp_path / "absent.json")
    with pytest.raises(TypeError, match="paragraph_classifier"):
        newsclean.Pipeline(paragraph_classifier=3)  # type: ignore[arg-type]


# -- features ----------------------------------------------------------------------------------------------


def test_features_describe_shape_position_and_title() -> None:
    paragraphs = [TITLE, *BODY, PIPED, "© 2024 Example Media. All rights reserved.", "WATCH LIVE", BODY[0]]
    features = paragraph_features(paragraphs, TITLE)
    assert features.shape == (len(paragraphs), len(FEATURES))
    assert features.dtype == np.float64

    def f(row: int, name: str) -> float:
        return float(features[row, column(name)])

    assert f(0, "title_share") == 1.0 and f(0, "title_jaccard") == 1.0
    assert f(1, "title_share") < 0.5
    assert f(0, "is_first") == 1.0 and f(0, "relative_position") == 0.0
    assert f(len(paragraphs) - 1, "is_last") == 1.0 and f(len(paragraphs) - 1, "relative_position") == 1.0
    assert f(1, "sentence_end") == 1.0 and f(4, "sentence_end") == 0.0
    assert f(4, "pipe") == 1.0 and f(1, "pipe") == 0.0
    assert f(5, "copyright_sign") == 1.0 and f(5, "year") == 1.0
    assert f(6, "all_caps") == 1.0 and f(6, "words_1_3") == 1.0 and f(1, "all_caps") == 0.0
    assert f(1, "duplicate") == 1.0 and f(7, "duplicate") == 1.0 and f(2, "duplicate") == 0.0
    assert f(2, "prev_log_words") == f(1, "log_words") and f(2, "next_log_words") == f(3, "log_words")
    assert f(0, "prev_sentence_end") == 1.0  # the start of the text counts as a sentence boundary
    assert f(1, "ratio_to_longest") <= 1.0 and np.isclose(features[:, column("share_of_page_words")].sum(), 1.0)


def test_features_of_odd_paragraphs_are_finite() -> None:
    paragraphs = ["", "…", "12:30", "https://example.com/a?b=c", "写真は記事と関係ありません。", "a" * 5000]
    features = paragraph_features(paragraphs, None)
    assert np.all(np.isfinite(features))
    assert features[2, column("clock_time")] == 1.0
    assert features[3, column("url_or_email")] == 1.0
    assert paragraph_features([], TITLE).shape == (0, len(FEATURES))


def test_headline_shape() -> None:
    assert is_headline_shaped("Supreme Court Set To Decide Cases On Election Rules")
    assert not is_headline_shaped("The Court Will Decide Soon, Lawyers Said.")
    assert not is_headline_shaped("the court will decide on the rules soon")
    assert not is_headline_shaped("- Supreme Court Set To Decide Cases On Election Rules")


def test_hashed_tokens_mark_the_first_word_and_stay_in_range() -> None:
    rows, columns = hashed_tokens(["By Jane Doe", "Written by Jane Doe"], 64)
    assert rows.tolist() == [0, 0, 0, 1, 1, 1, 1]
    assert np.all((columns >= 0) & (columns < 64))
    # "by" leading a paragraph is hashed apart from "by" inside it
    by_first, by_inside = columns[0], columns[4]
    assert columns[1:3].tolist() == columns[5:7].tolist()
    assert by_first != by_inside


def test_inference_is_the_same_in_another_process() -> None:
    script = (
        "import sys, json; from newsclean.cleaners._classifier import hashed_tokens, ParagraphModel; "
        "paragraphs = json.loads(sys.argv[1]); "
        "print(json.dumps([hashed_tokens(paragraphs, 4096)[1].tolist(), "
        "ParagraphModel.default().scores(paragraphs, 'A title').tolist()]))"
    )
    paragraphs = [*BODY, PIPED, "Read More Stories From Our Newsroom"]
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run(
            [sys.executable, "-c", script, json.dumps(paragraphs)], capture_output=True, text=True, env=env, check=True
        )
        runs.append(done.stdout)
    assert runs[0] == runs[1]
    columns, scores = json.loads(runs[0])
    assert columns == hashed_tokens(paragraphs, 4096)[1].tolist()
    assert scores == ParagraphModel.default().scores(paragraphs, "A title").tolist()


def test_tree_and_logistic_inference_follow_the_weights(tmp_path: Path) -> None:
    paragraphs = [*BODY, PIPED]
    stump = ParagraphModel(stump_model("pipe", above=3.0, below=-2.0))
    assert np.allclose(stump.scores(paragraphs, TITLE), 1 / (1 + np.exp(-np.array([-2.0, -2.0, -2.0, 3.0]))))
    logistic = ParagraphModel(logistic_model("pipe", 5.0))
    expected = 1 / (1 + np.exp(-np.array([0.0, 0.0, 0.0, 5.0])))
    assert np.allclose(logistic.scores(paragraphs, TITLE), expected)
    hashed = logistic_model("pipe", 0.0, buckets=16)
    first_bucket = int(hashed_tokens(["Home"], 16)[1][0])
    hashed["hashed_coef"][first_bucket] = 7.0
    scores = ParagraphModel(hashed).scores([PIPED, "Home"], TITLE)
    assert scores[0] > 0.99 and scores[1] > 0.99  # both start with "home"
    # Every other paragraph moves by 7 for each of its head words that lands in that bucket, and only then.
    rows, columns = hashed_tokens(BODY, 16)
    hits = np.bincount(rows[columns == first_bucket], minlength=len(BODY))
    assert np.allclose(ParagraphModel(hashed).scores(BODY, TITLE), 1 / (1 + np.exp(-7.0 * hits)))


def test_scores_do_not_depend_on_what_was_scored_before() -> None:
    model = ParagraphModel.default()
    first = model.scores([*BODY, PIPED], TITLE)
    model.scores(["Something else entirely | with pipes"] * 30, "Other")
    assert model.scores([*BODY, PIPED], TITLE).tolist() == first.tolist()


# -- the pipeline hook -------------------------------------------------------------------------------------


def test_removals_are_recorded_with_rule_and_category() -> None:
    filter_ = ParagraphClassifier(ParagraphModel(stump_model("pipe")))
    headline_stump = ParagraphClassifier(ParagraphModel(stump_model("headline_shaped")))
    kept, removed = filter_.clean([*BODY, PIPED], TITLE)
    assert kept == BODY
    assert [(r.rule, r.category, r.stage, r.text) for r in removed] == [(RULE, "other", "text", PIPED)]
    teaser = "Local Bakery Wins National Bread Prize"
    kept, removed = headline_stump.clean([BODY[0], teaser, BODY[1]], TITLE)
    assert kept == [BODY[0], BODY[1]]
    assert [(r.rule, r.category) for r in removed] == [(RULE, "heading")]


def test_pipeline_hook_and_off_switch(tmp_path: Path) -> None:
    text = "\n\n".join([*BODY, PIPED])
    path = write(tmp_path, stump_model("pipe"))
    on = newsclean.Pipeline(paragraph_classifier=path).clean_text(text, title=TITLE)
    assert on.paragraphs == tuple(BODY)
    assert [(r.rule, r.text) for r in on.removed] == [(RULE, PIPED)]
    off = newsclean.Pipeline(paragraph_classifier=False).clean_text(text, title=TITLE)
    assert off.paragraphs == (*BODY, PIPED)
    assert all(r.rule != RULE for r in off.removed)
    stats = newsclean.Pipeline(paragraph_classifier=ParagraphClassifier(path))
    stats.clean_text(text, title=TITLE)
    assert stats.stats.removals_by_rule[RULE] == 1


def test_threshold_override_keeps_everything_below_it() -> None:
    model = ParagraphModel(stump_model("pipe", above=1.0))  # P = 0.73 for the piped line
    assert ParagraphClassifier(model).clean([*BODY, PIPED], TITLE)[0] == [*BODY, PIPED]
    assert ParagraphClassifier(model, threshold=0.7).clean([*BODY, PIPED], TITLE)[0] == BODY


def test_filter_runs_before_the_min_words_check() -> None:
    # Once the filter drops the menu line, nine words are left: below min_words, so the page has no content.
    text = "\n\n".join(["Nine words of text stand here, and no more.", PIPED])
    article = newsclean.Pipeline(paragraph_classifier=ParagraphModel(stump_model("pipe"))).clean_text(text, title=TITLE)
    assert article.status == "no_content"
    assert [r.rule for r in article.removed] == [RULE, "pipeline.min-words"]
