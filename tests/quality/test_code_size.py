"""Modules stay argument spec + documentation + a call; shared code stays in files one can read whole.

Lines of logic: the lines of a module outside its DOCUMENTATION/EXAMPLES/RETURN strings that hold code, not counting
blank lines, comments and docstrings. ``python tests/quality/test_code_size.py`` prints them per module.
"""

import ast
import io
import statistics
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / "plugins" / "modules"
MODULE_UTILS = ROOT / "plugins" / "module_utils"
DOC_STRINGS = ("DOCUMENTATION", "EXAMPLES", "RETURN")
MOST_LOGIC_PER_MODULE = 120
MOST_LINES_PER_MODULE_UTILS_FILE = 400


def not_logic(tree):
    """The line numbers of the documentation strings and of every docstring."""
    lines = set()
    for node in ast.walk(tree):
        documented = isinstance(node, ast.Assign) and any(getattr(t, "id", None) in DOC_STRINGS for t in node.targets)
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        if documented or docstring:
            lines.update(range(node.lineno, node.end_lineno + 1))
    return lines


def logic_lines(path):
    """How many lines of ``path`` hold code (see the module docstring)."""
    text = Path(path).read_text()
    skipped = not_logic(ast.parse(text))
    code = set()
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        if token.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
            continue
        code.update(line for line in range(token.start[0], token.end[0] + 1) if line not in skipped)
    return len(code)


def module_logic():
    return dict((path.stem, logic_lines(path)) for path in sorted(MODULES.glob("*.py")) if path.stem != "__init__")


def test_every_module_is_a_short_call_into_module_utils():
    too_long = dict((name, count) for name, count in module_logic().items() if count > MOST_LOGIC_PER_MODULE)
    assert not too_long, "modules over %d lines of logic (move the work into module_utils): %s" % (MOST_LOGIC_PER_MODULE, too_long)


def test_no_module_utils_file_is_too_long_to_read_whole():
    sizes = dict((path.name, len(path.read_text().splitlines())) for path in MODULE_UTILS.glob("*.py")
                 if "GENERATED" not in path.read_text()[:400])  # generated data tables are not read, they are regenerated
    too_long = dict((name, lines) for name, lines in sizes.items() if lines > MOST_LINES_PER_MODULE_UTILS_FILE)
    assert not too_long, "module_utils files over %d lines (split them by concern): %s" % (MOST_LINES_PER_MODULE_UTILS_FILE, too_long)


def test_the_counter_skips_documentation_docstrings_comments_and_blank_lines(tmp_path):
    source = tmp_path / "sample.py"
    source.write_text('DOCUMENTATION = r"""\nmodule: x\n"""\n\n\ndef main():\n    """Doc."""\n    # a comment\n'
                      '    value = dict(\n        a=1,\n    )\n    return value\n')
    assert logic_lines(source) == 5  # def, the three lines of dict(...), return


if __name__ == "__main__":
    counts = module_logic()
    for name, count in sorted(counts.items(), key=lambda item: -item[1]):
        print("%5d  %s" % (count, name))
    largest = max((path for path in MODULE_UTILS.glob("*.py") if "GENERATED" not in path.read_text()[:400]),
                  key=lambda path: len(path.read_text().splitlines()))
    print("modules: max %d, median %s; largest module_utils file: %s (%d lines)" % (
        max(counts.values()), statistics.median(counts.values()), largest.name, len(largest.read_text().splitlines())))
    sys.exit(0)
