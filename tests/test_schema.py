"""Reading YAML as plain data (``coachlab.schema.load_yaml``)."""

from __future__ import annotations

import pytest
import yaml

from coachlab.schema import load_yaml


def test_reads_plain_data_as_safe_load_does() -> None:
    text = "a: 1\nb: [x, 2.5, true, null]\nc: {d: 'e'}\n"
    assert load_yaml(text) == yaml.safe_load(text) == {
        "a": 1, "b": ["x", 2.5, True, None], "c": {"d": "e"}}
    assert load_yaml("") is None


@pytest.mark.parametrize("text", [
    "!!python/object/apply:os.system ['true']",
    "x: !!python/name:os.system",
])
def test_refuses_python_objects(text: str) -> None:
    with pytest.raises(yaml.YAMLError):
        load_yaml(text)


def test_reads_with_libyaml_when_it_is_built_in() -> None:
    from coachlab import schema

    assert schema._SAFE_LOADER is yaml.CSafeLoader  # the course's environment has libyaml
