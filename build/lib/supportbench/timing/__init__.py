"""Time as the benchmark reads it (pure): the injectable clock, weekly business hours, `7d`-style durations,
and business days and hours elapsed in a vendor's calendar (time zone, public holidays, DST-correct).
"""
