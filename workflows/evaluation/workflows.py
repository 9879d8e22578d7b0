"""The team review schedule: a durable timer to each period's end, a review, and continue-as-new to keep history short.

A workflow with timers rather than a Temporal Schedule, so it runs on the time-skipping
test server too (months of weekly reviews in seconds). Its id is ``team-review-<team>``,
so a second start joins the running one; the review of a period has an id derived from
the team and the period, so a retried activity writes it once.
"""

from datetime import timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from server.timefmt import to_us
    from workflows.evaluation.activities import ReviewActivities
    from workflows.evaluation.inputs import DAY_US, CompiledReview, CompileReviewInput, TeamReviewScheduleInput

REVIEW_TIMEOUT = timedelta(minutes=30)
REVIEW_RETRY = RetryPolicy(initial_interval=timedelta(seconds=5), maximum_interval=timedelta(minutes=10), maximum_attempts=20)
READ_TIMEOUT = timedelta(minutes=1)


def schedule_workflow_id(team_id: str) -> str:
    return f"team-review-{team_id}"


@workflow.defn
class TeamReviewScheduleWorkflow:
    """Every period: wait for its end, read the team's cadence, write the review of the period that ended."""

    @workflow.run
    async def run(self, schedule: TeamReviewScheduleInput) -> list[str]:
        written = list(schedule.review_ids)
        periods, period_end_us = schedule.periods_done, schedule.period_end_us
        for _period in range(schedule.reviews_per_history):
            if schedule.runs is not None and periods >= schedule.runs:
                return written
            wait_us = period_end_us - to_us(workflow.now())
            if wait_us > 0:
                await workflow.sleep(timedelta(microseconds=wait_us))
            state = await workflow.execute_activity_method(
                ReviewActivities.schedule_of, schedule.team_id, start_to_close_timeout=READ_TIMEOUT, retry_policy=REVIEW_RETRY,
            )
            interval_us = state.interval_days * DAY_US
            if state.enabled:
                review: CompiledReview = await workflow.execute_activity_method(
                    ReviewActivities.compile,
                    CompileReviewInput(schedule.team_id, period_end_us - interval_us, period_end_us, to_us(workflow.now())),
                    start_to_close_timeout=REVIEW_TIMEOUT, retry_policy=REVIEW_RETRY,
                )
                if schedule.runs is not None:
                    written.append(review.review_id)
            periods, period_end_us = periods + 1, period_end_us + interval_us
        workflow.continue_as_new(TeamReviewScheduleInput(
            team_id=schedule.team_id, period_end_us=period_end_us, runs=schedule.runs,
            reviews_per_history=schedule.reviews_per_history, review_ids=written, periods_done=periods,
        ))
