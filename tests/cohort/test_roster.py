"""Roster import: good files, every bad case named by its line, nothing written on error,
idempotent re-import."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlab.cohort.roster import RosterError, import_roster, parse


def _write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _students(db_url: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    from nbgrader.api import Gradebook

    with Gradebook(db_url, "coachlab") as gradebook:
        return {s.id: (s.first_name, s.last_name, s.email) for s in gradebook.students}


GOOD = """id,first name,last name,email
amara,Amara,Okafor,amara@example.org
ben,Ben,Brandt,
"""


def test_parse_good_file_with_either_header(tmp_path: Path) -> None:
    spaced = parse(_write(tmp_path, GOOD))
    underscored = parse(_write(tmp_path, GOOD.replace("first name,last name",
                                                      "first_name,last_name"), "b.csv"))
    assert [(x.id, x.first_name, x.email) for x in spaced] == [
        ("amara", "Amara", "amara@example.org"), ("ben", "Ben", "")]
    assert [x.id for x in underscored] == ["amara", "ben"]


@pytest.mark.parametrize(("body", "line", "words"), [
    ("amara,Amara,Okafor,amara@example.org\n,No,Id,x@example.org\n", 3, "missing id"),
    ("amara,Amara,Okafor,a@example.org\namara,Again,Okafor,b@example.org\n", 3,
     "duplicate id 'amara' (first on line 2)"),
    ("amara,Amara,Okafor,not-an-email\n", 2, "bad email 'not-an-email'"),
    ("amara,Amara,Okafor\n", 2, "expected 4 columns, found 3"),
    ("amara,Amara,Okafor,a@example.org,extra\n", 2, "expected 4 columns, found 5"),
    ("am ara,Amara,Okafor,a@example.org\n", 2, "may hold only"),
])
def test_each_problem_names_its_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    path = _write(tmp_path, "id,first_name,last_name,email\n" + body)
    with pytest.raises(RosterError) as caught:
        parse(path)
    assert [(p.line, words in p.message) for p in caught.value.problems] == [(line, True)]
    assert f"line {line}: " in str(caught.value)


def test_missing_header_and_every_problem_listed(tmp_path: Path) -> None:
    with pytest.raises(RosterError) as caught:
        parse(_write(tmp_path, "amara,Amara,Okafor,amara@example.org\n"))
    assert caught.value.problems[0].line == 1
    body = "id,first name,last name,email\n\n,A,B,a@example.org\nx,A,B,bad\nx,A,B\n"
    with pytest.raises(RosterError) as caught:
        parse(_write(tmp_path, body, "many.csv"))
    assert [p.line for p in caught.value.problems] == [3, 4, 5]


def test_import_is_all_or_nothing_and_idempotent(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    bad = _write(tmp_path, GOOD + "carla,Carla,Costa,carla@\n", "bad.csv")
    with pytest.raises(RosterError, match="line 4"):
        import_roster(bad, db_url)
    assert _students(db_url) == {}

    first = import_roster(_write(tmp_path, GOOD), db_url)
    assert (sorted(first.added), first.updated) == (["amara", "ben"], [])
    changed = GOOD.replace("amara@example.org", "amara.okafor@example.org")
    again = import_roster(_write(tmp_path, changed + "carla,Carla,Costa,c@example.org\n",
                                 "again.csv"), db_url)
    assert (again.added, sorted(again.updated)) == (["carla"], ["amara", "ben"])
    students = _students(db_url)
    assert sorted(students) == ["amara", "ben", "carla"]
    assert students["amara"] == ("Amara", "Okafor", "amara.okafor@example.org")
