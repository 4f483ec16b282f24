"""Batch cleaning: process-pool runner, file-to-file jobs with resume, site boilerplate pass. See docs/batch.md."""

from ._api import clean_batch
from ._job import BatchConfig, OutputLockedError, run_batch
from ._pool import ProcessPool, WorkerStartError, run_in_process
from ._site import SiteBoilerplate, SiteOptions
from ._stats import BatchStats
from ._worker import Outcome, PipelineSettings, clean_one

__all__ = [
    "BatchConfig",
    "BatchStats",
    "Outcome",
    "OutputLockedError",
    "PipelineSettings",
    "ProcessPool",
    "SiteBoilerplate",
    "SiteOptions",
    "WorkerStartError",
    "clean_batch",
    "clean_one",
    "run_batch",
    "run_in_process",
]
