"""A test-wise learner cannot pass the exercises' multiple-choice items by picking the longest one.

Every single-letter item is read from the solution notebooks (options from the part's text, keys
from the hidden test), so a new or rewritten item is covered without editing this file. In each
exercise part, the key may be the longest option at most as often as chance predicts, plus one item.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from coachlab.course import assignments
from tests.helpers.choices import length_giveaways, option_blocks, read_items

ROOT = Path(__file__).resolve().parent.parent


def _all_items() -> list:
    items = []
    for name in assignments(ROOT):
        for notebook in sorted((ROOT / "solutions" / name).glob("*.ipynb")):
            items += read_items(notebook)
    return items


def test_the_reader_finds_the_multiple_choice_items() -> None:
    items = _all_items()
    parts = {(item.notebook, item.part) for item in items}
    assert len(parts) >= 3 and len(items) >= 11, (len(parts), len(items))
    for item in items:
        assert len(item.options) >= 3, f"{item.notebook} {item.name}: {item.options}"
        assert item.keys <= set(item.options)


def test_no_part_gives_its_keys_away_by_length() -> None:
    problems = length_giveaways(_all_items())
    assert not problems, "\n".join(problems)


def test_no_part_gives_its_keys_away_by_brevity() -> None:
    """Padding distractors must not swap one cue for its mirror image."""
    problems = length_giveaways(_all_items(), shortest=True)
    assert not problems, "\n".join(problems)


def _fixture(path: Path, options: list[list[str]], keys: list[str]) -> Path:
    """A solution notebook with one part of letter items, one option list per item."""
    text = "## Part B\n\n" + "\n\n".join(
        f"**Question {n}.**\n\n"
        + "\n".join(f"- **{chr(65 + i)}.** {o}" for i, o in enumerate(opts))
        for n, opts in enumerate(options, start=1))
    names = [f"choice_{n}" for n in range(1, len(keys) + 1)]
    solution = "### BEGIN SOLUTION\n" + "\n".join(
        f'{n} = "{k}"' for n, k in zip(names, keys, strict=True)) + "\n### END SOLUTION"
    hidden = ("### BEGIN HIDDEN TESTS\nscore_accepts(answers, "
              + repr({n: k.lower() for n, k in zip(names, keys, strict=True)})
              + ", points_each=2)\n### END HIDDEN TESTS")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(text, id="part-b"),
                nbformat.v4.new_code_cell(solution, id="answers-b"),
                nbformat.v4.new_code_cell(hidden, id="grade-b")]
    nbformat.write(nb, path)
    return path


def test_a_part_keyed_on_its_longest_options_fails(tmp_path: Path) -> None:
    short = ["No.", "Not yet.", "Later."]
    long = "The thoughtful, specific, carefully qualified answer that an author wrote last."
    options = [[*short[:i], long, *short[i:]] for i in (0, 1, 2, 3)]
    keys = ["A", "B", "C", "D"]
    items = read_items(_fixture(tmp_path / "fixture.ipynb", options, keys))
    assert [item.key_is_longest() for item in items] == [True] * 4
    (problem,) = length_giveaways(items)
    assert "4 of 4 items" in problem and "2.00" in problem
    assert length_giveaways(items, shortest=True) == []


def test_a_part_keyed_on_its_shortest_options_fails(tmp_path: Path) -> None:
    longs = ["A long and careful distractor.", "Another long, careful distractor.",
             "A third long and careful distractor."]
    options = [[*longs[:i], "Short.", *longs[i:]] for i in (0, 1, 2, 3)]
    items = read_items(_fixture(tmp_path / "fixture.ipynb", options, ["A", "B", "C", "D"]))
    (problem,) = length_giveaways(items, shortest=True)
    assert "shortest option in 4 of 4 items" in problem


def test_a_part_whose_keys_vary_in_length_passes(tmp_path: Path) -> None:
    options = [["A short key.", "A distractor as long as any key.", "Another long distractor."],
               ["Middling answer.", "The longest option, and it is keyed.", "Short one."],
               ["Brief.", "A longer distractor than the key.", "Keyed, medium."]]
    items = read_items(_fixture(tmp_path / "fixture.ipynb", options, ["A", "B", "C"]))
    assert length_giveaways(items) == []


@pytest.mark.parametrize("markdown, expected", [
    ("- **A.** one\n- **B.** two\n  continued\n\ntext\n- **A.** three",
     [{"A": "one", "B": "two continued"}, {"A": "three"}]),
    ("no options here", []),
])
def test_option_blocks(markdown: str, expected: list[dict[str, str]]) -> None:
    assert option_blocks(markdown) == expected
