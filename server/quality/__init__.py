"""Quality inspection (质检): auto-QA rules, scorecards, sampling, manual review, disputes and calibration."""
