"""Demo data: ``coachloop demo`` and the workflow that loads the demo organisation and its events."""

from server.demo.cli import register
from server.kernel.feature import Feature
from workflows.demo.activities import DemoActivities
from workflows.demo.workflows import LoadDemoDataWorkflow

FEATURE = Feature(
    name="demo",
    workflows=(LoadDemoDataWorkflow,),
    activity_classes=(DemoActivities,),
    cli=(register,),
)
