"""The findings page (``--format html``): one self-contained HTML file showing
each finding where it is — the form tables as the official form draws them,
with the faulty cells marked, the sections, and the prose quoted.

:mod:`.anchors` says which cells a finding points at, :mod:`.model` builds
what the template shows, :mod:`.chart` the inline SVG bars, :mod:`.render`
fills the Jinja2 template shipped in ``templates/``.
"""
