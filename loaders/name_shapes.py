"""Name shapes: coined tokens, typed cues and capitalised multi-word names.

- coined tokens: CamelCase (``HopCache``), acronym compounds (``SRW-Loss``), suffixes (``...Bench``)
- typed cues: ``the X dataset``, ``the X benchmark``, ``X Arena``
- Title-Case names inside a sentence (``Textual Inversion``), minus field-like heads

>>> [c.surface for c in coined_tokens("We add HopCache and SRW-Loss to an LLM-based GPU kernel.")]
['HopCache', 'SRW-Loss', 'LLM', 'GPU']
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from typing import Any

from citegraph.models import EntityType

from .anchored import LITERALS, AnchoredScan
from .candidates import COINED, STRONG, WEAK, Candidate, acronym_like

ADJ_SUFFIXES = {
    "based", "like", "style", "level", "wise", "aware", "free", "specific", "only", "scale", "sized",
    "shot", "agnostic", "friendly", "efficient", "driven", "guided", "oriented", "centric", "related",
    "generated", "induced", "powered", "assisted", "enabled", "augmented", "compatible", "native",
    "trained", "tuned", "derived", "bound", "intensive", "heavy", "light", "dependent", "independent",
    "invariant", "equivariant", "conditioned", "informed", "specialized", "inspired", "type", "sensitive",
    "language", "languages", "speaking", "head", "bit", "bits", "way", "step", "stage", "layer", "time",
    "weight", "weights", "activation", "activations", "cache", "caches", "grained", "context", "domain",
}

NAME_SUFFIX_PARTS = {"Bench", "Eval", "Arena", "Data", "Net", "Former", "GPT", "BERT", "LM", "QA", "Instruct",
                     "Chat", "Coder", "Diff", "Agent", "Gen", "Zero", "VL", "Prompt", "Loss"}

# ------------------------------------------------------------------ coined tokens

_TOKEN = re.compile(r"[A-Z][a-z]*[A-Z0-9\-/'][A-Za-z0-9']*(?:[\-/][A-Za-z0-9]+)*(?:\\?%\s?[A-Z][a-z]+)?")
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}[A-Z]|[A-Z]{2}[a-z]|^[A-Z][a-z]+[0-9]")
_PLAIN_WORD = re.compile(r"^[A-Z]?[a-z]+$")


def _is_acronym(part: str) -> bool:
    p = part[:-1] if part.endswith("s") and len(part) > 2 else part
    return len(p) >= 2 and p.isupper() and any(c.isalpha() for c in p)


def is_coined(token: str) -> bool:
    """CamelCase, an acronym with digits or lower-case letters mixed in, or a hyphen compound with one."""
    parts = _PART_SEP.split(token)
    if len(parts) == 1:
        return bool(_CAMEL.search(token)) or (any(c.isdigit() for c in token) and token[0].isupper()
                                             and any(c.isalpha() for c in token))
    if parts[-1].lower() in ADJ_SUFFIXES or parts[-1].isdigit() and len(parts) == 2 and _PLAIN_WORD.match(parts[0]):
        return parts[-1].isdigit() and parts[0][0].isupper()  # "Vega-3" yes; "LLM-based" no
    if parts[0][:1].isupper() and parts[-1] in NAME_SUFFIX_PARTS:
        return True  # "Chem-Eval", "Mirror-Net": a capitalised stem with a name suffix
    parts = [p for p in parts if not _EMPHASIS.fullmatch(p)]  # "Embedding-COrrupted"
    return any(_is_acronym(p) or bool(_CAMEL.search(p)) or (len(p) == 1 and p.isupper())
               or (any(c.isdigit() for c in p) and any(c.isalpha() for c in p)) for p in parts)


_SENTENCE_END = re.compile(r"[.!?\n]\s*$")
_PART_SEP = re.compile(r"[-/]")
_APOS_DIGIT = re.compile(r"'\d")
_APOS_YEAR = re.compile(r"'\d+$")
_SLASH_DIGITS = re.compile(r"/\d+$")
_EMPHASIS = re.compile(r"[A-Z]{2,6}[a-z]{4,}")
_TOPK = re.compile(r"(?i)top-?k$")
_DATA_SIZE_END = re.compile(r"[A-Z][A-Z0-9]+-\d+(?:\.\d+)?[KM]$")
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_LATEX = re.compile(r"^(?:wide|math|frac|tilde|hat|bar|left|right|operatorname|text|sqrt|mathrm|mathbf|"
                    r"Theta|Omega|Delta|Sigma|Lambda|Gamma|Phi|Psi|Pi|Xi)[A-Za-z]*[A-Z]|"
                    r".(?:rightarrow|leftarrow|cdot|times|mathcal|mathbb|infty|approx|sim|leq|geq)")


def latex_residue(token: str) -> bool:
    """A LaTeX command left in the text when its backslash and dollars went (``EnglishrightarrowGerman``,
    ``mathcalL``): no name.

    >>> latex_residue("EnglishrightarrowGerman"), latex_residue("mathbfX"), latex_residue("SimCLR")
    (True, True, False)
    """
    return _LATEX.search(token) is not None


def _adjective_part(part: str) -> bool:
    low = part.lower()
    return part.islower() and (low in ADJ_SUFFIXES or low.endswith(("ed", "ing")) and len(low) > 4)


def coined_tokens(text: str) -> list[Candidate]:
    """Tokens shaped like names: CamelCase and compounds are ``COINED``, bare acronyms ``WEAK``."""
    out = []
    caps_words: list[str] | None = None
    for m in _TOKEN.finditer(text):
        i = m.start()
        if i and (text[i - 1].isalnum() or text[i - 1] in "_-/."):
            continue  # inside a word ("word2vec", "modelA") or after a dot
        tok = m.group(0)
        if _EMPHASIS.fullmatch(tok):
            if caps_words is None:
                caps_words = _CAPS_WORD.findall(text)
            if not _spells_an_acronym(tok, caps_words):
                out.append(Candidate(i, i + len(tok), tok, COINED, "token"))
            continue
        for start, end, *rest in _token_names(tok):  # offsets relative to the token
            out.append(Candidate(i + start, i + end, *rest))
    return out


_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")


def _spells_an_acronym(token: str, caps_words: list[str]) -> bool:
    """Capitals opening a word spell part of an acronym of the text (``INSTruction`` in a text
    naming INSTINCT): emphasis, no name. ``MPCFormer`` or ``RPSPArena`` open with an acronym
    and go on with a word: names.

    >>> _spells_an_acronym("INSTruction", ["INSTINCT"]), _spells_an_acronym("MPCFormer", ["MPC"])
    (True, False)
    """
    head = token[:len(token) - len(token.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    return any(head in word for word in caps_words)


# "PointNet++", "RETRO++": the field's way of naming an improved X; "C++" and "i++" are no such names
_PLUS_PLUS = re.compile(r"(?<![\w+-])([A-Za-z][\w.-]*[A-Za-z0-9])\+\+(?![\w+])")


def plus_plus_names(text: str) -> list[Candidate]:
    """Names ending in ``++`` (``RETRO++``, ``ZapNet++``): a thing of its own, not its base, so
    ``STRONG`` (longer than the base, they win its span).

    >>> [c.surface for c in plus_plus_names("RETRO++ beats RETRO; C++ and i++ are code.")]
    ['RETRO++']
    """
    if "++" not in text:
        return []
    return [Candidate(m.start(), m.end(), m.group(0), STRONG, "plus-plus")
            for m in _PLUS_PLUS.finditer(text) if len(m.group(1)) >= 2 and not m.group(1).islower()]


_CANDIDATE_FIELDS = tuple(f.name for f in fields(Candidate))


@lru_cache(maxsize=1 << 16)
def _token_names(tok: str) -> tuple[tuple[Any, ...], ...]:
    """The candidates one matched token yields, as field tuples with offsets relative to the
    token: a pure function of the token, cached because tokens repeat across abstracts."""
    rest = tok[1:]
    if rest.islower() or not rest or (tok.isalpha() and rest.islower()):
        return ()  # "word", "Word": no capital inside, nothing coined
    if tok.islower() or (tok.isalpha() and tok[0].isupper() and rest.islower()):
        return ()
    tok = tok.rstrip("'")
    if "'" in tok and not _APOS_DIGIT.search(tok):
        tok = tok.split("'")[0]
    pieces = [tok]
    if "/" in tok and not _SLASH_DIGITS.search(tok):
        pieces = tok.split("/")
    names = []
    offset = 0
    for piece in pieces:
        start = offset
        offset += len(piece) + 1
        cand = _shape_candidate(piece, start)
        if cand is not None:
            names.append(tuple(getattr(cand, f) for f in _CANDIDATE_FIELDS))
    return tuple(names)


def _shape_candidate(tok: str, start: int) -> Candidate | None:
    if tok[:1].isdigit():
        return None  # "10-K", "3D-aware": numbers first are not names
    if _EMPHASIS.fullmatch(tok):
        return None  # "INtegration", "TEmporal": capitals that spell out an acronym, not a name
    if not tok or latex_residue(tok) or _TOPK.match(tok):
        return None
    if "'" in tok and _APOS_YEAR.search(tok) and not acronym_like(tok.split("'")[0]):
        return None
    parts = tok.split("-")
    if len(parts) > 1 and _adjective_part(parts[-1]):
        head = tok[: tok.rfind("-")]
        if _is_acronym(head) or _CAMEL.search(head):
            return Candidate(start, start + len(head), head, WEAK if _is_acronym(head) else COINED, "token")
        return None
    if _is_acronym(tok):
        # "SEED-163K", "LAION-400M": a count of examples ends the name of a data set
        strength = COINED if _DATA_SIZE_END.search(tok) else WEAK
        return Candidate(start, start + len(tok), tok, strength, "token")
    if is_coined(tok):
        return Candidate(start, start + len(tok), tok, COINED, "token")
    return None


# ------------------------------------------------------------------ typed cues and multi-word names

_CAP = r"(?:[A-Z][\w'’.+]*(?:-[\w]+)*|[0-9][\w'’.]*[A-Za-z][\w'’]*)"
_TYPE_NOUN = re.compile(
    r"\s(datasets?|data sets?|benchmarks?|corpus|corpora|leaderboards?|suites?|test sets?|challenge)\b"
    r"|\s(Arena|Bench|Eval|Benchmark|Leaderboard)\b"
)
# every _TYPE_NOUN match is a whitespace character then one of these heads (case-sensitive); a
# small automaton finds them in one pass, much faster than trying the regex at every character
_TYPE_NOUN_HEADS = ("data", "bench", "corp", "leaderboard", "suite", "test set", "challenge",
                    "Arena", "Bench", "Eval", "Leaderboard")
_TYPE_NOUN_WORDS = LITERALS.group(_TYPE_NOUN_HEADS)


def _type_noun_matches(text: str) -> list[re.Match[str]]:
    """``_TYPE_NOUN.finditer(text)``: the same matches in the same order, with the regex tried
    only on the character before a head word.

    >>> [m.group(0) for m in _type_noun_matches("the X dataset and Chatbot Arena, no databases")]
    [' dataset', ' Arena']
    """
    out = []
    pos = 0
    for start in sorted(hit[1] for hit in _TYPE_NOUN_WORDS.find(text)):
        p = start - 1
        if p < pos:  # also skips a head at offset 0 (no character before it)
            continue
        m = _TYPE_NOUN.match(text, p)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


_CAPS_BEFORE = re.compile(rf"(?<![\w-])((?:{_CAP}\s+){{0,3}}{_CAP}(?:\s\d{{1,4}})?)$")  # "LoRe 30 benchmark"
LEADING_WORDS = {
    "The", "A", "An", "This", "These", "Those", "Our", "Its", "Their", "Each", "Both", "New", "Two", "Three",
    "Four", "Five", "Several", "Many", "All", "Such", "Other", "We", "In", "On", "For", "To", "With", "By",
    "From", "At", "As", "It", "And", "Most", "Some", "Existing", "Popular", "Standard", "Common", "Various",
    "Recent", "Extensive", "Experiments", "Results", "Finally", "Furthermore", "Moreover", "However",
    "Additionally", "Specifically", "Overall", "Further", "Then", "Next", "First", "Second", "Third", "Also",
    "Here", "Unlike", "Like", "Using", "Across", "Over", "Under", "Among", "Public", "Large", "Real", "Open",
}


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos]
    return pos == 0 or bool(_SENTENCE_END.search(before))


TYPE_NOUNS = {
    "dataset": EntityType.DATASET, "datasets": EntityType.DATASET, "data set": EntityType.DATASET,
    "data sets": EntityType.DATASET, "corpus": EntityType.DATASET, "corpora": EntityType.DATASET,
}


_METHOD_NOUN = re.compile(r" (?:framework|algorithm|architecture|optimi[sz]er|estimator|loss|objective|sampler|"
                          r"technique)s?\b")
_METHOD_NOUN_SCAN = AnchoredScan(_METHOD_NOUN, dict.fromkeys(  # every match is a space then one of these
    ("framework", "algorithm", "architecture", "optimiser", "optimizer", "estimator", "loss", "objective", "sampler",
     "technique"), 1))
_ARTICLE_BEFORE = re.compile(r"\b[Aa]n?\s+$")
_METHOD_CUE_BEFORE = re.compile(r"(?<![\w-])[Tt]he ([A-Z][a-z]{3,}(?:[A-Z][a-z]+)*)$")
_ADJECTIVE_END = re.compile(r"(?:ian|ic|al|ive|ous|ed|ing|ar)$")


def typed_cues(text: str) -> list[Candidate]:
    """``the X dataset`` / ``X benchmark`` / ``X Arena``: the capitalised words before the type noun;
    ``the X framework`` / ``the X algorithm``: a capitalised proper word before a method noun.

    >>> [(c.surface, str(c.type)) for c in typed_cues("We adopt the Acorn framework, not the Bayesian one.")]
    [('Acorn', 'Method')]
    """
    out = []
    for n in _METHOD_NOUN_SCAN.finditer(text):
        m = _METHOD_CUE_BEFORE.search(text, max(0, n.start() - 40), n.start())
        if m is None:
            continue
        word = m.group(1)
        if not _ADJECTIVE_END.search(word) and word not in LEADING_WORDS:
            out.append(Candidate(m.start(1), m.end(1), word, COINED, "typed", type=EntityType.METHOD))
    for m in _type_noun_matches(text):
        cm = _CAPS_BEFORE.search(text, max(0, m.start() - 90), m.start())
        if cm is None:
            continue
        words = cm.group(1).split()
        if "A" in words or "An" in words or _ARTICLE_BEFORE.search(text, max(0, cm.start(1) - 3), cm.start(1)):
            continue  # "XBench: A Comprehensive Benchmark for ...": capitals after "a" describe, names take no "a"
        if m.group(2):  # "Chatbot Arena", "Graph Puzzle Benchmark": part of the name
            while len(words) > 1 and words[0] in LEADING_WORDS | {"A", "An"}:
                words = words[1:]
            if not words or words[0] in LEADING_WORDS:
                continue
            name = " ".join(words) + " " + m.group(2)
            start = m.start() - len(" ".join(words))
            out.append(Candidate(start, m.end(), name, COINED, "typed", type=EntityType.BENCHMARK))
            continue
        while words and words[0] in LEADING_WORDS:
            words = words[1:]
        if not words or (len(words) == 1 and _PLAIN_WORD.match(words[0])
                         and _sentence_initial(text, cm.end() - len(words[0]))):
            continue
        name = " ".join(words)
        start = cm.end() - len(name)
        type_ = TYPE_NOUNS.get(m.group(1), EntityType.BENCHMARK)
        out.append(Candidate(start, start + len(name), name, COINED, "typed", type=type_))
    return out


_TITLECASE = re.compile(
    r"[A-Z][a-z]+(?:-[A-Za-z]+)*(?:\s+(?:of\s+|for\s+)?[A-Z][a-z]+(?:-[A-Za-z]+)*){1,4}"
)
GENERIC_HEADS = {
    "models", "model", "learning", "processing", "recognition", "generation", "intelligence", "vision",
    "language", "languages", "tasks", "task", "methods", "method", "approach", "approaches", "framework",
    "frameworks", "algorithm", "algorithms", "problem", "problems", "analysis", "theory", "research",
    "science", "sciences", "engineering", "university", "institute", "laboratory", "lab", "inc", "systems",
    "system", "agents", "agent", "reconstruction", "translation", "retrieval", "detection", "classification",
    "segmentation", "estimation", "optimization", "optimisation", "inference", "reasoning", "understanding",
    "answering", "synthesis", "prediction", "forecasting", "tracking", "control", "planning", "search",
    "modeling", "modelling", "representation", "representations", "networks", "network", "data",
    "conference", "workshop", "challenge", "competition", "award", "society", "association", "states",
}


FIELD_HEADS = {
    "learning", "processing", "recognition", "imaging", "sensing", "programming", "computing", "mining",
    "retrieval", "detection", "classification", "segmentation", "estimation", "optimization", "optimisation",
    "inference", "reasoning", "understanding", "answering", "translation", "generation", "synthesis",
    "prediction", "forecasting", "tracking", "control", "planning", "modeling", "modelling", "intelligence",
    "vision", "bandits", "bandit", "information", "neighbor", "neighbors", "neighbour", "neighbours",
    "regression", "equation", "equations", "process", "processes", "divergence", "analysis", "theory",
    "descent", "distribution", "distributions", "science", "engineering", "entropy", "problem", "problems",
    # organisations
    "commission", "agency", "institute", "university", "association", "foundation", "organization",
    "organisation", "council", "department", "bureau", "administration", "center", "centre", "laboratory",
    "laboratories", "corporation", "inc", "ltd", "society", "committee", "ministry", "office", "group",
    # math and theory
    "theorem", "hypothesis", "lemma", "conjecture", "variance", "fairness", "minimization", "maximization",
    "carlo", "relaxation", "hard", "mind", "score", "scores", "interfaces", "interface", "zeta", "law", "laws",
}


def field_like(name: str) -> bool:
    """A name whose head word is a field, task or math object (``Compressed Sensing``,
    ``Magnetic Resonance Imaging``, ``Approximate Nearest Neighbor``): not an entity
    unless the paper itself coins it.

    >>> field_like("Parallel Imaging"), field_like("Textual Inversion")
    (True, False)
    """
    words = name.replace("-", " ").split()
    head = words[-1].lower() if words else ""
    return head in FIELD_HEADS or (len(words) > 1 and head.endswith("ing") and len(head) > 5)


_FUNCTION_WORDS = {
    "Is", "Are", "Was", "Were", "Be", "All", "You", "Your", "We", "Our", "The", "A", "An", "It", "Its", "This",
    "That", "These", "Those", "Do", "Does", "Can", "Not", "No", "Yes", "How", "What", "Why", "When", "Where",
    "Who", "Which", "Need", "Needs", "Via", "With", "And", "Or", "In", "On", "At", "To", "By", "From",
}


def _inside_sentence(text: str, i: int) -> bool:
    """A lower-case letter, digit or , ; ( then one space before ``i``."""
    return i >= 2 and text[i - 1] == " " and (text[i - 2].islower() or text[i - 2].isdigit() or text[i - 2] in ",;(")


def _skip_word(text: str, pos: int) -> int:
    m = _TITLECASE.search(text, pos)
    if m is None:
        return len(text)
    sp = text.find(" ", m.start())
    return len(text) if sp < 0 else sp + 1


MEASURE_HEADS = {"accuracy", "coverage", "precision", "recall", "error", "rate", "ratio", "latency", "throughput"}


def titlecase_names(text: str) -> list[Candidate]:
    """Runs of 2-5 capitalised words inside a sentence (not at its start), e.g. ``Textual Inversion``."""
    out: list[Candidate] = []
    pos = 0
    while True:
        m = _TITLECASE.search(text, pos)
        if m is None:
            break
        while m is not None and not _inside_sentence(text, m.start()):
            # "The Textual Inversion": drop the first word and try again from the next one
            nxt_word = text.find(" ", m.start(), m.end())
            m = _TITLECASE.match(text, nxt_word + 1) if nxt_word >= 0 else None
            if m is not None and m.end() > pos:
                pos = m.start()
        if m is None:
            pos = _skip_word(text, pos)
            continue
        pos = m.end()
        name = m.group(0)
        last = name.split()[-1].lower()
        if last in GENERIC_HEADS or last in FIELD_HEADS or any(w in _FUNCTION_WORDS for w in name.split()):
            continue  # "Central Limit Theorem", "Is All You Need"
        if last in MEASURE_HEADS or (m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-")):
            continue  # "Top-1 Accuracy": a descriptive measure, or the tail of a hyphenated token
        nxt = _NEXT_WORD.match(text, m.end(), m.end() + 20)
        if nxt and (nxt.group(1) in FIELD_HEADS or nxt.group(1) in GENERIC_HEADS):
            continue  # "Deep Gaussian processes": the capitals start a generic phrase
        out.append(Candidate(m.start(), m.end(), name, COINED, "titlecase"))
    return out
