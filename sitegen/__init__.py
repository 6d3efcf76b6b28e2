"""The handbook's build: plain functions that run before and after the site generator, whichever it is.

`python -m sitegen build [--generator mkdocs|zensical]` (what `make site` runs; `run.py`):

1. before the generator (`generate.py`, `config.py`): docs/ and the rule files in, finished Markdown out in
   build/docs/, and build/mkdocs.yml with the menu's policy lines;
2. the generator (MkDocs + Material, or Zensical) renders build/docs/ into site/;
3. after it (`finish.py`): the HTML steps inside each page's article, the paragraph-level search index in the
   generator's format, and a check that no page keeps a marker.

- `markers`: the one registry of the `<!-- family:name … -->` markers a page may carry; an unknown or misplaced
  marker stops the build, naming the file and line.
- `links`: the sources (`Sources`), where a page is (`Where`) and links from it, and which pages are policy
  pages (from the rulebook, never a typed list).
- `tables`: the tables generated from the rulebook (`<!-- rules:… -->`, `<!-- topic:requirements … -->`), and
  the count of policies (`<!-- policies:count -->`).
- `topics`: the comparison tables written in words, from each rule file's `[topics]` (`<!-- topic:says … -->`).
- `rule_refs`: one requirement quoted in running text (`<!-- rule:ID -->`).
- `crosslinks`: topic pages and policy paragraphs linked both ways.
- `glossary`: the glossary page (`<!-- glossary:abbr … -->`, `<!-- glossary:term … -->`).
- `review_notice`: the review-date notice; `checklists`, `modal_verbs`, `table_labels`: the induction
  checklists' tick-boxes, must/should/will marks and phone labels, on the built HTML; `search_paragraphs`:
  paragraph-level search entries.

Every step raises `errors.BuildError` with the file (and line) to fix; the command prints it without a traceback.
"""
