"""Live voting: motions, elections, votes of confidence and shows of hands."""
