#!/usr/bin/python3
"""Writes the hostile-label fixtures into OUTDIR: hostile.xml (TKG-XML) and hostile.tsv
(ICEWS quadruples, the only input that can carry C0 controls: XML 1.0 cannot).

Every label, id, kind, quote and URL below is text a writer must carry without breaking its
format: quotes, backslashes (also trailing), Graphviz's escapes (\\N \\G \\E \\T \\H \\L),
entities (&beta;), line breaks, C0 controls, markup (</svg><script>), DOT injection
("]; evil [label="x), a 20,000-character label, right-to-left and combining characters.

Usage: make_hostile.py OUTDIR
"""

import os
import sys
from xml.sax.saxutils import quoteattr, escape

LABELS = {
    "quotes": 'He said "hello" and \'bye\'',
    "backslashes": "C:\\path\\to\\dir\\",
    "trailing": "ends with a backslash \\",
    "escapes": "\\N \\G \\E \\T \\H \\L \\n \\l \\r \\\\N",
    "entities": "&beta; &amp; &#65; &lt;b&gt; &nbsp;",
    "lines": "line one\nline two\r\nline three\rfour",
    "script": "</svg><script>alert(1)</script><![CDATA[x]]>",
    "dot-injection": '"]; evil [label="x',
    "html": "<B>bold</B> <TABLE><TR><TD>x</TD></TR></TABLE>",
    "rtl": "\u0645\u0627\u0644\u064a \u05de\u05d0\u05dc\u05d9 Mali \u202eevil\u202c",
    "combining": "e\u0301te\u0301 Z\u0324\u0354\u0367\u0311 n\u0303",
    "astral": "\U0001f1f2\U0001f1f1 Mali \U0001d510",
    "long": "\u03a9" * 19990 + " end\\",
    # DOT keywords, a port-like id, a numeral-like id
    "node": "node",
    "graph": "graph",
    "a:b": "a port?",
    "2013-07": "a numeral?",
}


def write_xml(path):
    ents = []
    for ident, label in LABELS.items():
        # Line breaks and CR survive XML only as character references.
        attr = quoteattr(label).replace("\n", "&#10;").replace("\r", "&#13;")
        ents.append(f'  <entity id="{ident}" kind="state" label={attr}>\n'
                    f'    <cite source="src">{escape(label)}</cite>\n  </entity>')
    ids = list(LABELS)
    rels = []
    for i, ident in enumerate(ids):
        other = ids[(i + 1) % len(ids)]
        # A relation id "e1" collides with the id tkg would generate for row 1.
        rid = ' id="e1"' if i == 3 else ""
        rels.append(f'  <relation{rid} kind="allied_with" from="{ident}" to="{other}" '
                    f'start="2020-0{i % 9 + 1}" end="2023">\n'
                    f'    <cite source="src">{escape(LABELS[ident][:200])}</cite>\n'
                    f'  </relation>')
    rels.append('  <relation kind="accused" from="quotes" to="script" date="2024-02">'
                '<attr key="label" type="string">a &quot;reserved&quot; key\\</attr>'
                '<attr key="attr_x" type="int">-42</attr></relation>')
    url = quoteattr("https://example.org/a?b=1&c=\"2\"<x>'y z\\")
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n<tkg xmlns="urn:tkg:1">\n'
            f'  <source id="src" title={quoteattr(LABELS["dot-injection"] + LABELS["escapes"])}'
            f' publisher={quoteattr(LABELS["script"])} url={url}/>\n'
            + "\n".join(ents) + "\n" + "\n".join(rels) + "\n</tkg>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_tsv(path):
    lines = [
        ["Bad\x01Name", "Make \"statement\" \\", "Other\x1fName", "2014-11-04"],
        ["\x1b[31mred\x1b[0m", "Make \"statement\" \\", "Bad\x01Name", "2014-11-05"],
        ["John Kerry", "Express intent\x0b to meet", "ends\\", "2014-11-06"],
        ["ünïcödé ·B7", "Consult", "John Kerry", "2014-11-07"],
        ["a\x7fdel", "Consult", "\u0645\u0627\u0644\u064a", "2014-11-08"],
    ]
    with open(path, "w", encoding="utf-8", newline="") as f:
        for cells in lines:
            f.write("\t".join(cells) + "\n")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_xml(os.path.join(out, "hostile.xml"))
    write_tsv(os.path.join(out, "hostile.tsv"))


if __name__ == "__main__":
    main()
