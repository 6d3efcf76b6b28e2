"""The handbook's build steps, as one package of MkDocs hooks.

MkDocs loads one file, `hooks/handbook/events.py` (listed under `hooks:` in mkdocs.yml), by its path; that file
imports this package in the ordinary way (the repository root is on the import path: `make` writes
`handbook.pth` into the virtual environment) and calls its modules in a fixed order. No module here is loaded
by path or changes `sys.path`.

- `markers`: the one registry of the `<!-- family:name … -->` markers a page may carry; an unknown or misplaced
  marker stops the build, naming the file and line.
- `links`: where a page is (`Where`: its MkDocs `File` and the site's `Files`), links from it resolved through
  MkDocs' own file objects, and which pages are policy pages (from the rulebook, never a typed list).
- `tables`: the tables generated from the rulebook (`<!-- rules:… -->`, `<!-- topic:requirements … -->`).
- `rule_refs`: one requirement quoted in running text (`<!-- rule:ID -->`).
- `crosslinks`: topic pages and policy paragraphs linked both ways.
- `glossary`: the glossary page (`<!-- glossary:abbr … -->`, `<!-- glossary:term … -->`).
- `review_notice`, `checklists`, `modal_verbs`, `search_paragraphs`: the review-date notice, the induction
  checklists' tick-boxes, must/should/will marks, and paragraph-level search entries.
"""
