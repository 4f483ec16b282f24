"""benchmarks/batch_bench.py's memory windows: what "RSS growth over a long batch" is measured as."""

from __future__ import annotations

import time

import pytest

from benchmarks.batch_bench import RssSampler, Sample, window_peaks

MB = 2**20


def _run(main: list[int], children: list[int]) -> list[Sample]:
    """One sample a second, RSS given in MB."""
    return [(float(second), m * MB, c * MB) for second, (m, c) in enumerate(zip(main, children, strict=True))]


def test_first_and_last_windows_are_the_peaks_of_the_first_and_last_tenth_of_the_time() -> None:
    # The figure the target was set on stays what it was: peaks of the summed RSS, by wall-clock tenths.
    main = [100] * 101
    children = [500] * 101
    children[3] = 560  # in the first tenth (seconds 0-10)
    children[50] = 900  # a spike half-way: only in the overall peak and the middle window
    children[95] = 530  # in the last tenth (seconds 90-100)
    windows = window_peaks(_run(main, children))
    assert (windows.first, windows.middle, windows.last, windows.peak) == (660, 1000, 630, 1000)


def test_caches_that_warm_in_the_first_half_grow_first_to_last_but_not_middle_to_last() -> None:
    # Two workers' RSS rising for the first 30% of the run (each worker's RE2 DFA filling as it meets pages it
    # has not met), then flat: first -> last counts the warm-up, middle -> last is flat.
    children = [600 + min(second, 30) * 3 for second in range(101)]
    windows = window_peaks(_run([200] * 101, children))
    assert windows.last - windows.first == pytest.approx(60)
    assert windows.last - windows.middle == 0


def test_a_leak_still_shows_middle_to_last_at_half_its_first_to_last_size() -> None:
    children = [600 + second for second in range(101)]  # 1 MB a second, to the end
    windows = window_peaks(_run([200] * 101, children))
    assert windows.last - windows.first == pytest.approx(90)
    assert windows.last - windows.middle == pytest.approx(50)


def test_the_main_process_and_its_children_are_told_apart() -> None:
    main = [200 + second for second in range(101)]  # the main process grows
    children = [600] * 101
    samples = _run(main, children)
    assert window_peaks(samples, "main").last - window_peaks(samples, "main").first == pytest.approx(90)
    assert window_peaks(samples, "children").last - window_peaks(samples, "children").first == 0
    assert window_peaks(samples).last - window_peaks(samples).first == pytest.approx(90)
    with pytest.raises(ValueError, match="part"):
        window_peaks(samples, "workers")


def test_the_sampler_reads_this_process_apart_from_its_children() -> None:
    pytest.importorskip("psutil")
    sampler = RssSampler()
    sampler.start()
    deadline = time.monotonic() + 10
    while len(sampler.samples) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    sampler.stop_event.set()
    sampler.join()
    assert len(sampler.samples) >= 2
    _, main, children = sampler.samples[0]
    assert main > 10 * MB  # this Python process, newsclean imported
    assert children >= 0
