"""The printable workbook: every lesson plus blank worksheets, as one PDF for paper.

Why: some learners and many groups work better with paper (no screen in the room, notes in the
margin, a plan on the fridge). `python3 run.py build-workbook` prints the running course with its
print stylesheet and adds the worksheets made in `workbook.sheets` (words in sheets.toml).
"""
