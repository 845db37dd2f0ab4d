"""Text of an HTML fragment (a feed entry's content), keeping block elements as lines.

trafilatura wants whole pages and often returns nothing for a two-paragraph fragment, so
fragments take this lighter path through lxml.
"""

from __future__ import annotations

import html
import re

import lxml.etree
import lxml.html

_BLOCKS = frozenset(
    [
     "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
     "table", "section", "article", "header", "footer", "figure", "pre", "hr", "dd", "dt",
    ]
)
_DROP = frozenset(
    [
     "script", "style", "noscript", "template", "figcaption", "iframe", "object", "svg",
    ]
)
_TAG = re.compile(r"<[^<>]*>")  # stops at the next "<": linear on "<<<<" runs


# lxml refuses strings holding characters XML cannot (controls, surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment)
    fragment = _NOT_XML.sub("", fragment)
    try:
        return _element_text(lxml.html.fragment_fromstring(fragment, create_parent="div"))
    except (lxml.etree.LxmlError, ValueError):
        return html.unescape(_TAG.sub(" ", fragment))


def _element_text(root: lxml.html.HtmlElement) -> str:
    for element in list(root.iter()):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP or not tag:
            if element.getparent() is not None:
                element.drop_tree()
            continue
        if tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return root.text_content()
