"""Demo data: ``coachloop demo`` and the workflow that loads the demo organisation and its events."""

from server.demo.commands import register
from server.kernel.feature import Feature, Ref

FEATURE = Feature(
    name="demo",
    workflows=(Ref("workflows.demo.workflows:LoadDemoDataWorkflow"),),
    activity_classes=(Ref("workflows.demo.activities:DemoActivities"),),
    cli=(register,),
)
