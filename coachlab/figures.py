"""Charts as pictures with a text alternative, for notebooks and widgets.

JupyterLab shows an ``image/png`` output as an ``<img>`` without ``alt`` text, so a screen reader
hears nothing of a chart. Every chart of the course is therefore shown through
:func:`image_bundle`: an ``<img>`` with ``alt`` text that states the chart's data (HTML, which
JupyterLab prefers), with the PNG and the same text kept beside it for other front ends.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any


def png(figure: Any, dpi: float | None = None, *, tight: bool = False) -> bytes:
    """``figure`` rendered as PNG bytes, at ``dpi`` (default: the figure's own): the one way
    charts leave the package. Figures use matplotlib's object API (``Figure``), never pyplot."""
    if tight:
        figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def img_html(png: bytes, alt: str) -> str:
    """An ``<img>`` carrying the PNG inline and ``alt`` as its text alternative."""
    if not alt.strip():
        raise ValueError("a chart needs alt text that says what it shows")
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width: 100%">')


def image_bundle(png: bytes, alt: str) -> dict[str, str]:
    """A display bundle: the chart as HTML with ``alt``, as PNG, and as plain text (``alt``)."""
    return {"text/html": img_html(png, alt),
            "image/png": base64.b64encode(png).decode("ascii"),
            "text/plain": alt}


def output_record(png: bytes, alt: str) -> dict[str, Any]:
    """One ``display_data`` output holding :func:`image_bundle`, for ``Output.outputs``."""
    return {"output_type": "display_data", "data": image_bundle(png, alt), "metadata": {}}


def display_chart(png: bytes, alt: str) -> None:
    """Display the chart in the current cell (inside a kernel)."""
    # Deferred: IPython.display took 0.18 s to import (``python -X importtime``); the cohort report
    # makes PNGs here outside any notebook.
    from IPython.display import display

    display(image_bundle(png, alt), raw=True)
