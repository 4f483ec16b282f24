"""newsclean's benchmark harness: quality against public gold sets, speed against trafilatura, and a gate.

Run it as ``python -m benchmarks quality|speed|gate|download``. Only ``gate`` and ``speed`` are meant to work
with the runtime dependencies alone; the peers and the plot come from the ``bench`` extra.
"""
