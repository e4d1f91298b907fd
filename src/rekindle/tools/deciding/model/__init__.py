"""The deciding-together worksheet's pure model: stdlib and rekindle.shared only, no I/O.

- `table`: the shapes of the worksheet (areas, choices, firmness, reasons) and its checks.
- `items`: the worksheet itself, in Rekindle's own words (one data table).
- `answers`: the page's raw answers, parsed; drafts may be partial, answers are complete.
- `codes`: share codes (prefix RD) and the `#share=` link.
- `summary`, `compare`, `topics`: what the reader sees; never a score or a verdict.
"""
