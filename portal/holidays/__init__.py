"""Official holiday arrangements: the years an admin loaded on top of portal/data/holidays.yaml,
and the working-day calendar built from both."""
