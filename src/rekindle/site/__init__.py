"""Build-time code: Markdown fences, vendoring Pyodide and our wheel. Never shipped to browsers."""
