"""Mainland China specifics: ID numbers, phones, masking, working days, opening hours, file types."""
