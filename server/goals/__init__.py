"""Goals: targets on catalogue metrics, decomposed to teams and agents, checked at milestones."""
