"""Reliability suite: faults, check-mode parity, secrets, bad input, failure hygiene, concurrency.

A package so that its test files may share basenames with tests elsewhere (tests/unit/simulator/test_faults.py).
"""
