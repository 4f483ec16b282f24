"""The Ray Data adapter on a real local Ray instance, compared with the single-process result."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from _scaleout import KEYS, assert_rows_match_single_process, records

ray = pytest.importorskip("ray", reason="Ray cannot be installed here: pip install 'newsclean[ray]' to run this test")
pytest.importorskip("ray.data", reason="ray[data] is not installed: pip install 'newsclean[ray]'")
pa = pytest.importorskip("pyarrow")

from newsclean.integrations.ray import Cleaner  # noqa: E402


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        yield
    finally:
        ray.shutdown()


@pytest.mark.timeout(120)
def test_ray_map_batches_equals_single_process(local_ray: None) -> None:
    dump = records()
    dataset = ray.data.from_items(dump, override_num_blocks=4)
    cleaned = dataset.map_batches(
        Cleaner,
        batch_format="pyarrow",
        batch_size=4,
        compute=ray.data.ActorPoolStrategy(size=2),  # the docs' form: Ray 2.60 deprecates concurrency=
        fn_constructor_kwargs={"keys": KEYS},
    )
    assert_rows_match_single_process(cleaned.take_all(), dump)
