"""Judging one probe, pure: its facts from the stored messages (analysis: times, new text, language),
which questions were answered (completeness), the etiquette checks (etiquette), and the verdict per criterion
under each standard (scoring).
"""
