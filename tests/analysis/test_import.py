"""`import coachlab.analysis` stays light: no notebook or plotting stack."""

import json
import subprocess
import sys

HEAVY = ("ipywidgets", "IPython", "jupyter", "jupyter_core", "matplotlib", "nbgrader", "sklearn",
         "numpy", "pydantic", "yaml")


def test_import_does_not_load_heavy_modules():
    code = (
        "import json, sys; import coachlab.analysis; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    heavy = [name for name in loaded if name.split(".")[0] in HEAVY]
    assert heavy == []
