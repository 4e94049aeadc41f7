"""Figures leave the package as PNG bytes at the resolution asked for."""

from __future__ import annotations

import struct

from matplotlib.figure import Figure

from coachlab.figures import png


def _size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])  # the PNG header's IHDR chunk
    return width, height


def test_png_bytes_at_the_requested_dpi() -> None:
    figure = Figure(figsize=(2, 1))
    figure.add_subplot().plot([0, 1], [1, 0])
    data = png(figure, dpi=50)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert _size(data) == (100, 50)
    assert _size(png(figure, dpi=100, tight=True)) == (200, 100)
