"""Pure domain logic: stdlib only, no I/O, no clock (time is always an argument).

Runs unchanged on CPython (tests, build) and on Pyodide (the reader's browser).
"""
