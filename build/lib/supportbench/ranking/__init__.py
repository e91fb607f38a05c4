"""From verdicts to a ranking, pure: Wilson intervals and Kaplan-Meier estimates (statistics) and the
leaderboard with its censoring, provisional vendors and ties (ranks).
"""
