"""The same input gives byte-identical output across runs, orders and processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import newsclean

REPO = Path(__file__).resolve().parent.parent
INPUTS = sorted((REPO / "fixtures").rglob("*.html")) + sorted((REPO / "fixtures").rglob("*.txt"))

SCRIPT = """
import sys
from pathlib import Path
import newsclean
for name in sys.argv[1:]:
    path = Path(name)
    pipeline = newsclean.Pipeline()
    article = (pipeline.clean_text(path.read_text(encoding="utf-8")) if path.suffix == ".txt"
               else pipeline.clean_html(path.read_bytes()))
    sys.stdout.buffer.write(newsclean.to_json(article) + b"\\n")
"""


def _clean(path: Path, pipeline: newsclean.Pipeline) -> bytes:
    if path.suffix == ".txt":
        return newsclean.to_json(pipeline.clean_text(path.read_text(encoding="utf-8")))
    return newsclean.to_json(pipeline.clean_html(path.read_bytes()))


def test_output_is_identical_across_runs_and_orders() -> None:
    assert len(INPUTS) >= 5
    pipeline = newsclean.Pipeline()
    forward = {path: _clean(path, pipeline) for path in INPUTS}
    backward = {path: _clean(path, newsclean.Pipeline()) for path in reversed(INPUTS)}
    again = {path: _clean(path, pipeline) for path in INPUTS}
    assert forward == backward == again


def test_output_is_identical_across_processes_with_different_hash_seeds() -> None:
    outputs = []
    for seed in ("1", "987654"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, *map(str, INPUTS)], capture_output=True, env=env, check=True, timeout=120
        )
        outputs.append(result.stdout)
    in_process = b"".join(_clean(path, newsclean.Pipeline()) + b"\n" for path in INPUTS)
    assert outputs[0] == outputs[1] == in_process
