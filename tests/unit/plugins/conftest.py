"""Hypothesis (test_answers_property.py) keeps its caches in a temporary directory, not in the checkout.

Set here, before the test modules import hypothesis_jsonschema (whose import already builds strategies that cache).
"""

import tempfile

from hypothesis.configuration import set_hypothesis_home_dir

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))
