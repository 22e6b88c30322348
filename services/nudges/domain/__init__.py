"""The coach's pure core: the member's picture, the rules, the scheduling decisions.

Nothing in this package does I/O or reads the clock; every function takes `now`.
"""
