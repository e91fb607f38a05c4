"""The demo's simulated world: desks that answer probes in five languages (desks, phrases), what they
really did (truth), and the demo that drives the production steps on a simulated clock (demo).
"""
