"""Everything a notebook cell calls: quick checks, hidden scorers and value handling."""
