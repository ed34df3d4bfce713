"""The rule families of the extractor: each finds candidate names in a paper's text.

Every function returns :class:`Candidate` spans with offsets into the text it was
given; :mod:`citegraph.loaders.extractor` merges them, types them and decides
``introduced``. The families:

- acronym definitions, ``Long Form (LF)`` (Schwartz & Hearst's matching)
- naming cues: ``called X``, ``named X``, ``dubbed X``, ``termed X``
- the title prefix, ``WebRL: Training ...``
- the model-name grammar: :mod:`citegraph.loaders.model_names`
- coined tokens, typed cues and Title-Case names: :mod:`citegraph.loaders.name_shapes`

>>> [(c.surface, c.link) for c in acronym_definitions("We use Sinkhorn Knowledge Distillation (SinKD) here.")]
[('Sinkhorn Knowledge Distillation', 'SinKD'), ('SinKD', None)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citegraph.models import EntityType

from .anchored import AnchoredScan
from .candidates import SMALL_WORDS, STRONG, WEAK, Candidate, acronym_like
from .name_shapes import is_coined, latex_residue

# ------------------------------------------------------------------ acronym definitions

_PAREN = re.compile(r"\(\s*([A-Za-z][A-Za-z0-9\-+&'/.]{0,24}?)\s*(?:[;,][^()]{0,60})?\)")
_PREV_WORD = re.compile(r"([A-Za-z][\w-]*)\s*$")
_LONG_TYPE_TAIL = re.compile(r"\s+(dataset|benchmark|corpus|model|method|framework|approach|technique|algorithm|"
                             r"module|architecture|system|network|scheme|strategy|mechanism)s?$", re.IGNORECASE)
_COMPARES = re.compile(r"\s(?:and|&|vs\.?|or|versus)\s")
_MATH_AFTER = re.compile(r"\s*(?:divergences?|distances?|inequality|inequalities|theorem|lemma|bounds?|"
                         r"equations?|entropy|kernels?|processes|process|distributions?|spaces?)\b"
                         r"(?!\s+(?:models?|methods?|coding|coders?|estimators?|networks?|frameworks?)\b)")
_AKA = re.compile(r"(?:a\.k\.a\.?|\baka|\balso known as|\balso called|\babbreviated as|\bshort for|"
                  r",\s(?:called|named|dubbed|termed))\s+"
                  r"([A-Za-z][\w-]*[A-Z][\w-]*)")
# every _AKA match starts with its first words, or with ", " two characters before "called" etc.
_AKA_SCAN = AnchoredScan(_AKA, {**dict.fromkeys(("a.k.a", "aka", "also known as", "also called", "abbreviated as",
                                                  "short for"), 0),
                                **dict.fromkeys(("called", "named", "dubbed", "termed"), 2)})
_REVERSE = re.compile(r"\(\s*((?:[A-Za-z][\w'-]*\s+){1,8}[A-Za-z][\w'-]*)\s*\)")
_NAME_BEFORE = re.compile(r"(?<![\w-])([A-Za-z][\w-]*[A-Z][\w-]*)\s*$")
_WORD = re.compile(r"[\w'’+-]+")


def best_long_form(short: str, long: str) -> str | None:
    """Schwartz & Hearst (2003): the shortest end of ``long`` whose letters spell ``short``.

    >>> best_long_form("SGRL", "train agents by staged gradient reward learning")
    'staged gradient reward learning'
    """
    low_short, low_long = short.lower(), long.lower()
    if len(low_short) != len(short) or len(low_long) != len(long):
        low_short, low_long = short, long
    s_i, l_i = len(short) - 1, len(long) - 1
    while s_i >= 0:
        c = low_short[s_i]
        if not c.isalnum():
            s_i -= 1
            continue
        if s_i > 0:
            l_i = low_long.rfind(c, 0, l_i + 1)
        else:  # the first letter must start a word
            while l_i >= 0 and (low_long[l_i] != c or (l_i > 0 and low_long[l_i - 1].isalnum())):
                l_i -= 1
        if l_i < 0:
            return None
        l_i -= 1
        s_i -= 1
    start = max(long.rfind(" ", 0, l_i + 1), long.rfind("(", 0, l_i + 1)) + 1
    return long[start:]


_HUMP = re.compile(r"(?:^|(?<=[\s-]))[A-Za-z0-9]|(?<=[a-z])[A-Z]")


def _widen_to_humps(short: str, long: str, region: str) -> str:
    """Schwartz & Hearst may settle on one word for a two-letter acronym ("Distilled Decoding
    (DD)" -> "Decoding"); widen the long form by whole words until it has as many word starts or
    CamelCase humps as the acronym has capitals (at most two are required).

    >>> _widen_to_humps("DD", "Decoding", "we propose Distilled Decoding")
    'Distilled Decoding'
    >>> _widen_to_humps("QK3", "QuickKernel-3", "than QuickKernel-3")
    'QuickKernel-3'
    """
    need = min(2, sum(c.isupper() for c in short))
    words = region.split()
    n = len(long.split())
    out = long
    while len(_HUMP.findall(out)) < need and n < len(words) and n < len(long.split()) + 3:
        n += 1
        out = " ".join(words[-n:])
    return out if len(_HUMP.findall(out)) >= need and out in region else long


def _initials_agree(short: str, long: str) -> bool:
    """Most content words of a long form start with a letter of its acronym (a sanity check
    on top of Schwartz & Hearst, which alone accepts scattered letters of a long clause)."""
    letters = {c.lower() for c in short if c.isalnum()}
    words = [w for w in long.split() if w.lower() not in SMALL_WORDS]
    if not words:
        return False
    hits = sum(w[0].lower() in letters for w in words)
    return hits >= 0.6 * len(words) and len(words) <= max(2, sum(c.isupper() or c.isdigit() for c in short)) + 2


def _matches_at_parens(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern`` tried only where ``text`` has an opening bracket (cheaper than a full scan)."""
    i = text.find("(")
    while i >= 0:
        m = pattern.match(text, i)
        if m is not None:
            yield m
        i = text.find("(", i + 1)


def _last_break_end(before: str) -> int:
    """Where the text after the last sentence break (``. ``, ``; ``, ``: ``) or line break
    starts, ``0`` without one.

    >>> _last_break_end("Intro. We use Deep Echo"), _last_break_end("no break")
    (7, 0)
    """
    end = 0
    for sep in (". ", "; ", ": ", "\n"):
        i = before.rfind(sep)
        if i >= 0 and i + len(sep) > end:
            end = i + len(sep)
    return end


def acronym_definitions(text: str) -> list[Candidate]:
    """``Long Form (LF)`` pairs: the long form (``link`` = acronym) then the acronym."""
    out: list[Candidate] = []
    for m in _matches_at_parens(_PAREN, text):
        short = m.group(1).rstrip(".")
        if not acronym_like(short) or short.lower() in {"e.g", "i.e", "etc"} or latex_residue(short):
            continue
        core = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
        n_letters = sum(c.isalnum() for c in core)
        window_start = max(0, m.start() - 160)
        before = text[window_start:m.start()].rstrip()
        cut = _last_break_end(before)
        if cut > 0:  # a sentence or line break (the title's end) bounds the long form
            before, window_start = before[cut:], window_start + cut
        words = _WORD.findall(before)
        max_words = min(n_letters + 5, 2 * n_letters)
        if not words:
            continue
        tail_words = words[-max_words:]
        tail_start = before.rfind(tail_words[0], 0, len(before) - sum(len(w) for w in tail_words[1:]))
        region = before[tail_start:] if tail_start >= 0 else before
        long = best_long_form(core, region)
        short_start = m.start(1)
        if not long or len(long) <= len(core) or long.endswith(("-", "/")):
            prev = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
            if prev and acronym_like(prev.group(1)) and " " not in short and len(short) > len(prev.group(1)) \
                    and short[0].lower() == prev.group(1)[0].lower() and best_long_form(prev.group(1), short) == short:
                # "ZpT7 (ZipperT7)": the name first, its longer form in brackets (from the same first
                # letter: "transfer for QG (XLT-QG)" names a larger thing with QG as one part)
                out.append(Candidate(short_start, short_start + len(short), short, STRONG, "acronym-long",
                                     link=prev.group(1)))
                out.append(Candidate(prev.start(1), prev.end(1), prev.group(1), STRONG, "acronym-short"))
                continue
            out.append(Candidate(short_start, short_start + len(short), short, WEAK, "paren"))
            continue
        long = long.strip(" ,;\"'“”*~")
        long = _widen_to_humps(core, long, region)
        if not _initials_agree(core, long):
            out.append(Candidate(short_start, short_start + len(short), short, WEAK, "paren"))
            continue
        if _MATH_AFTER.match(text[m.end():m.end() + 30]):
            # "Jensen-Shannon (JS) divergence": a math object; its acronym is no name in this paper
            out.append(Candidate(short_start, short_start + len(short), short, WEAK, "banned"))
            continue
        tail = _LONG_TYPE_TAIL.search(long)
        capitals = {ch.lower() for ch in core if ch.isupper()}
        if tail and tail.group(1)[0].lower() not in capitals and len(long[:tail.start()].split()) >= 1:
            long = long[:tail.start()]
        while long.split()[0].lower() in SMALL_WORDS and len(long.split()) > 1:
            long = long.split(" ", 1)[1]
        start = window_start + before.rfind(long)
        lower = not capitalised(long)
        if lower and _OBJECT_HEAD.search(long):
            # "abstract syntax tree (AST)", "kernel matrix (KM)": a data or math object, no name
            out.append(Candidate(short_start, short_start + len(short), short, WEAK, "banned"))
            continue
        out.append(Candidate(start, start + len(long), long, STRONG, "acronym-long", link=short, lower_long=lower))
        out.append(Candidate(short_start, short_start + len(short), short, STRONG, "acronym-short",
                             lower_long=lower))
    return out


_OBJECT_HEAD = re.compile(r"\b(?:trees?|graphs?|matri(?:x|ces)|vectors?|tensors?|sets?|functions?|manifolds?|"
                          r"equations?|distributions?|divergences?|distances?|theorems?|bounds?)$")


def aka_definitions(text: str) -> list[Candidate]:
    """``long form, a.k.a. ACR``: the same pairing as ``Long Form (ACR)``.

    >>> [(c.surface, c.link) for c in aka_definitions("We use twin sparse auto-encoder, a.k.a. TwiSAE.")]
    [('twin sparse auto-encoder', 'TwiSAE'), ('TwiSAE', None)]
    >>> [c.surface for c in aka_definitions("We build a Rapid Echo Optimizer Using Rank-1 steps, called REOR.")]
    ['Rapid Echo Optimizer Using Rank-1 steps', 'REOR']
    """
    out: list[Candidate] = []
    for m in _AKA_SCAN.finditer(text):
        short = m.group(1)
        if m.group(0).startswith(",") and not acronym_like(short):
            continue  # ", called X": only an acronym spells the words before it
        region = text[max(0, m.start() - 120):m.start()].rstrip(" ,(")
        cut = max(region.rfind(". "), region.rfind(": "), region.rfind("; "))
        region = region[cut + 2:] if cut >= 0 else region
        long = best_long_form(short, region)
        if not long or len(long) <= len(short):
            continue
        if m.group(0).startswith(",") and not _initials_agree(short, long):
            continue
        start = max(0, m.start() - 120) + region.rfind(long)
        out.append(Candidate(start, start + len(long), long, STRONG, "acronym-long", link=short,
                             lower_long=not capitalised(long)))
        out.append(Candidate(m.start(1), m.end(1), short, STRONG, "acronym-short"))
    return out


def reverse_definitions(text: str) -> list[Candidate]:
    """``ACR (Long Form)``: a name followed by the words it abbreviates, in brackets.

    >>> [(c.surface, c.link) for c in reverse_definitions("We build PROBE (Program ReasOning By Example).")]
    [('Program ReasOning By Example', 'PROBE'), ('PROBE', None)]
    """
    out = []
    for m in _matches_at_parens(_REVERSE, text):
        prev = _NAME_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if prev is None:
            continue
        short, long = prev.group(1), m.group(1)
        if not acronym_like(short):
            continue
        found = best_long_form(short, long)
        if found != long or not capitalised(long):
            continue
        lower = False
        out.append(Candidate(m.start(1), m.end(1), long, STRONG, "acronym-long", link=short, lower_long=lower))
        out.append(Candidate(prev.start(1), prev.end(1), short, STRONG, "acronym-short"))
    return out


def capitalised(phrase: str) -> bool:
    """Every word but the small ones starts with a capital or a digit (``Low-Rank Adaptation``,
    ``Chain of Thought``)."""
    words = [w for w in phrase.split() if w.lower() not in SMALL_WORDS]
    return bool(words) and all(w[0].isupper() or w[0].isdigit() for w in words)


# ------------------------------------------------------------------ naming cues

_NAMING = re.compile(
    r"\b(?:called|named|termed|dubbed|coined|nicknamed|denoted(?: as)?|referred to as|known as)\s+(?:as\s+)?"
    r"(?:the\s+|an?\s+)?[\"“'*]*"
    r"((?:[A-Za-z0-9][\w'’+.%-]*)(?:\s+(?!(?:that|which|to|for|with|where|and|in|on|as|is|are|was|by|from|"
    r"based|when|while|using|it|this|we|its|our|of|at|or|can|will)\b)[A-Za-z0-9][\w'’+%-]*){0,4})"
)
_PROBLEM_NOUN = re.compile(
    r"\b(?:problems?|phenomen(?:on|a)|threshold|property|quantity|regime|effect|issue|condition|behaviou?r|"
    r"value|point|task|setting|scenario|notion|concept|assumption)\b[\s,-]*$"
)
_NAME_END = re.compile(r"[\"”'*,;:()]|\.(?:\s|$)")


# every _NAMING match starts with one of its cue words
_NAMING_SCAN = AnchoredScan(_NAMING, dict.fromkeys(
    ("called", "named", "termed", "dubbed", "coined", "nicknamed", "denoted", "referred to as", "known as"), 0))


def naming_cues(text: str) -> list[Candidate]:
    """Names introduced by ``called X`` / ``named X`` / ``dubbed X`` / ``termed X``."""
    out: list[Candidate] = []
    for m in _NAMING_SCAN.finditer(text):
        name = m.group(1)
        stop = _NAME_END.search(name)
        if stop:
            name = name[:stop.start()]
        name = name.rstrip(".-_{")
        if sum(ch.isalnum() for ch in name) < 2:
            continue
        words = name.split()
        if words and (words[0][0].isupper() or is_coined(words[0])):
            keep = [words[0]]
            for w in words[1:]:
                if not (w[0].isupper() or w[0].isdigit() or is_coined(w)):
                    break
                keep.append(w)
            name = " ".join(keep)
        elif len(words) > 3:
            name = " ".join(words[:3])
        if name.lower().startswith("entit") or _PROBLEM_NOUN.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "a problem called pointer chasing": a problem, not a method
        if not name or (name[0].islower() and len(name.split()) == 1 and not any(c.isupper() for c in name)
                        and "-" not in name):
            continue  # a single plain lower-case word: "called upon", "named after"
        out.append(Candidate(m.start(1), m.start(1) + len(name), name, STRONG, "naming",
                             lower_long=name[0].islower()))
    return out


_PROPOSAL_WORDS = ("e propose ", "e introduce ", "e present ", "e develop ", "namely ")
_BARE_PROPOSAL = re.compile(
    r"(?:[Ww]e (?:propose|introduce|present|develop)|namely)\s+"
    r"((?!(?:a|an|the|our|its|their|two|three|four|several|novel|new|to|that|how|this|these|both|multiple|"
    r"various|some|many|simple|efficient|using|and|or|preliminary|general|practical|empirical|further)\b)"
    r"[a-z][a-z-]+(?:\s+[a-z][a-z-]+){0,2})(?=\s*(?:[,.(;:)]|\s(?:to|which|that|for|as)\b))"
)
# "we propose Prepacking, a simple method": a capitalised word the authors propose, then "a ..." saying
# what it is, is the name of their contribution (coined shapes and known names have their own rules)
_PROPOSED_APPOSITION = re.compile(
    r"[Ww]e (?:propose|introduce|present|develop)\s+([A-Z][a-z]{3,}(?:-[A-Za-z0-9]+)*)(?=,\s+(?:a|an)\s)"
)
_GENERIC_HEAD = re.compile(
    r"(?:method|technique|approach|framework|model|algorithm|strateg(?:y|ie)|way|solution|improvement|"
    r"modification|extension|metric|loss|objective|variant|architecture|benchmark|dataset|task|scheme|system|"
    r"pipeline|procedure|mechanism|module|design|change|tool|bound|alternative|measure|result|evidence)(?:e?s)?$"
)


def bare_proposals(text: str) -> list[Candidate]:
    """A lower-case phrase the authors propose without an article (``we propose sense tuning, ...``,
    ``(namely hush prompt)``) names their contribution when the paper uses it again.

    >>> [c.surface for c in bare_proposals("We propose echo tuning, which helps. Echo tuning is fast.")]
    ['echo tuning']
    >>> bare_proposals("We propose preliminary evidence, then four measures.")
    []

    A capitalised word proposed with an apposition is a name at once:

    >>> [c.surface for c in bare_proposals("To save time, we propose Prepacking, a simple method.")]
    ['Prepacking']
    """
    out: list[Candidate] = []
    low = ""
    for word in _PROPOSAL_WORDS:
        i = text.find(word)
        while i >= 0:
            at = i - 1 if word[0] == "e" else i
            m = _BARE_PROPOSAL.match(text, at) if at >= 0 and (at == 0 or not text[at - 1].isalnum()) else None
            if m is not None:
                low = low or text.lower()
                _add_bare_proposal(m, low, out)
            elif word[0] == "e" and at >= 0 and (at == 0 or not text[at - 1].isalnum()):
                m = _PROPOSED_APPOSITION.match(text, at)
                if m is not None:
                    out.append(Candidate(m.start(1), m.end(1), m.group(1), STRONG, "naming"))
            i = text.find(word, i + 1)
    out.sort(key=lambda c: c.start)
    return out


def _add_bare_proposal(m: re.Match[str], low: str, out: list[Candidate]) -> None:
    name = m.group(1)
    if _GENERIC_HEAD.search(name):
        return
    again = re.compile(r"(?<![\w-])" + re.escape(name.lower()) + r"s?(?![\w-])")
    if sum(1 for _ in again.finditer(low)) < 2:
        return  # said once: a description, not a name
    out.append(Candidate(m.start(1), m.end(1), name, STRONG, "naming", lower_long=True))


# ------------------------------------------------------------------ title prefix

_URL_RUN = re.compile(r"\S*(?:://|www\.)\S*")  # "github.com/user/MPQ" is no use of the initials "MPQ"
_TITLE_PREFIX = re.compile(r"^(?:The\s+|A\s+|An\s+)?([^\s:?!][^:?!]{0,48}?)\s*[:?!]\s")
_GERUND = re.compile(r"^\s*(?:[A-Z][a-z]+ing|Towards?|On|How|When|Why|What|Can|Is|Are|Do|Does)\b")
# "A Simple Method for ...": the title says the prefix is a thing (not "A Survey of Methods")
_THING_AFTER_PREFIX = re.compile(
    r"(?:An?|The)\s+(?:(?!of\b)[\w-]+\s+){0,4}?(?:Method|Framework|Approach|Technique|Algorithm|Recipe|Benchmark|"
    r"Dataset|Corpus|Model|Library|Toolkit|System|Strategy)s?\b"
)


def _has_token_start(text: str, word: str) -> bool:
    """``word`` starts a token of ``text`` (``SRW`` in "SRW-Loss", not in "XSRW" or "SRWs")."""
    i = text.find(word)
    while i >= 0:
        before_ok = i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_-")
        j = i + len(word)
        after_ok = j == len(text) or not text[j].islower()
        if before_ok and after_ok:
            return True
        i = text.find(word, i + 1)
    return False


def title_prefix(title: str, abstract: str = "") -> Candidate | None:
    """The name before ``:`` in a title, when it looks like a name: one token, a coined one,
    or words whose initials the abstract uses (``Slow Read Write`` and ``SRW``).

    >>> title_prefix("Slow read write: memory", "We propose SRW-Loss.").surface
    'Slow read write'
    >>> title_prefix("Scaling and Pruning: a study", "") is None
    True
    >>> title_prefix("Slow read write: memory", "Code: https://github.com/u/SRW") is None
    True
    >>> title_prefix("Prepacking: A Simple Method for Prefilling").surface, title_prefix("Scaling: A Survey")
    ('Prepacking', None)
    """
    m = _TITLE_PREFIX.match(title)
    if not m:
        return None
    name = m.group(1).strip()
    tokens = name.split()
    if _COMPARES.search(name) or name.split()[0] in {"From", "Beyond", "Toward"}:
        return None  # "X and Y: ...", "From X to Y: ..." are no names
    if _GERUND.match(name) and (len(tokens) > 1 or not _THING_AFTER_PREFIX.match(title, m.end())):
        return None  # "Rethinking X: ..." is no name; "Prepacking: A Simple Method for ..." is one
    if len(tokens) > 1 and not any(is_coined(t) for t in tokens):
        initials = "".join(t[0] for t in tokens if t[0].isalnum()).upper()
        # every _URL_RUN match holds "://" or "www.": no substitution scan without them
        plain = _URL_RUN.sub(" ", abstract) if "://" in abstract or "www." in abstract else abstract
        if len(initials) < 2 or not _has_token_start(plain, initials):
            return None
    if len(tokens) > 4 or not name[0].isupper() and not name[0].isdigit():
        return None
    return Candidate(m.start(1), m.start(1) + len(name), name, STRONG, "title-prefix", introduced=True)


_CHUNK_END = re.compile(r"\s(?:for|with|via|by|in|on|through|to|from|and|at|under|towards?|beyond|using)\s",
                        re.IGNORECASE)  # Title Case writes "For", "With"


def title_rest_type(title: str) -> EntityType | None:
    """What the words after a title prefix say the named thing is (``X: A Benchmark for ...``).

    Only the head of the first noun phrase counts: ``X: Open Foundation Models`` is a Model,
    ``X: Efficient Decoding for LLM Inference`` says nothing.

    >>> title_rest_type("Zu: Open Foundation Models by Acme"), title_rest_type("S: Skip Decoding for LLMs")
    (<EntityType.MODEL: 'Model'>, None)
    >>> title_rest_type("TwiSAE: Twin Sparse Auto-Encoder For Pre-Training Language Models") is None
    True
    """
    rest = title.split(":", 1)[1].strip() if ":" in title else ""
    if not rest:
        return None
    if _GERUND.match(rest):
        return None  # "X: Learning Efficient Models ..." says what X does, not what it is
    rest = re.sub(r"^(?:(?:A|An|The)\s+)?(?:(?:[\w-]+\s+)?(?:Series|Family|Suite|Collection|Set)\s+of\s+)?", "", rest)
    chunk = _CHUNK_END.split(" " + rest + " ", maxsplit=1)[0].strip()
    head = chunk.split()[-1] if chunk.split() else ""
    head = head.strip(",.;!?")
    if re.fullmatch(r"Benchmarks?|Leaderboards?|Arenas?|Testbeds?|Evaluations?", head):
        return EntityType.BENCHMARK
    if re.fullmatch(r"Datasets?|Corpus|Corpora|Collections?", head):
        return EntityType.DATASET
    if re.fullmatch(r"Models?|LLMs?|MLLMs?|VLMs?|Checkpoints?", head):
        return EntityType.MODEL
    if re.fullmatch(r"Frameworks?|Methods?|Approach(?:es)?|Algorithms?|Techniques?|Recipes?|Losse?s?|Strategy", head):
        return EntityType.METHOD
    return None
