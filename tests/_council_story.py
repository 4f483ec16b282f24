"""A council story's headline and paragraphs, and a fetch time, for tests that set a line above its body and read
the dates or names the pipeline takes from it."""

from __future__ import annotations

from datetime import UTC, datetime

FETCHED = datetime(2025, 1, 1, tzinfo=UTC)
TITLE = "Council approves the new budget"
PROSE = (
    "The city council voted on Tuesday to approve a new budget that increases spending on public transport and "
    "housing across the region, after a debate that lasted several months.",
    "Officials said the plan would take effect next year, once the remaining details are settled by the finance "
    "committee and the mayor signs the final version of the bill.",
    "Critics argued that the measure would raise taxes for small businesses, while supporters said that it was "
    "long overdue for a city whose population has grown quickly in recent years.",
    "Residents who spoke at the hearing asked for more buses on the routes that serve the outer districts, where "
    "many workers still spend more than an hour getting to their jobs each day.",
    "The mayor said the first new routes would open in the spring, and that the council would review the spending "
    "again at the end of the year to see whether the plan had worked.",
)
