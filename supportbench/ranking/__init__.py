"""From verdicts to a ranking, pure: Wilson intervals and Kaplan-Meier estimates (statistics) and the
leaderboard with its censoring, provisional vendors, ties and rank ranges (ranks); a vendor's row as
text the store keeps between evaluations (summaries); figures as written (formatting).
"""
