"""What is not an entity (:func:`is_stop`, URLs, list labels, tails of non-entity terms), and
whether the paper introduces a name (:func:`intro_near`; types: :mod:`.extract_types`).

>>> is_stop("GPU"), is_stop("NeurIPS"), is_stop("FP16"), is_stop("WebRL")
(True, True, True, False)
>>> intro_cue_before("In this paper, we propose ", "", known=False)
True
>>> intro_cue_before("Unlike prior work, we compare with ", "", known=False)
False
"""

from __future__ import annotations

import re
from functools import lru_cache

from .anchored import AnchoredScan
from .candidates import Candidate
from .gazetteer import Gazetteer, match_key, overlapping_matcher
from .sentences import SentenceIndex

# Tokens shaped like names that never name a method, model, dataset or benchmark: units and
# number formats, hardware, venues, organisations, programming/markup formats, human languages,
# and acronyms of fields, tasks and model classes (ANNOTATION.md: not entities).
STOP_TOKENS = {
    # units, formats, hardware
    "FLOP", "FLOPs", "GFLOPs", "TFLOPs", "PFLOPs", "MACs", "GMACs", "FPS", "GB", "MB", "KB", "TB", "GHz",
    "GPU", "GPUs", "TPU", "TPUs", "CPU", "CPUs", "NPU", "RAM", "VRAM", "HBM", "SRAM", "DRAM", "CUDA", "FPGA",
    "ASIC", "H100", "A100", "V100", "H800", "A800", "RTX", "TPUv4", "TPUv3", "NVIDIA", "NVidia", "Nvidia",
    "FP8", "FP16", "FP32", "BF16", "INT2", "INT3", "INT4", "INT8", "TF32", "SIMD", "IO", "I/O",
    # venues and publishers
    "NeurIPS", "NIPS", "ICML", "ICLR", "ACL", "EMNLP", "NAACL", "COLING", "EACL", "AACL", "CVPR", "ICCV",
    "ECCV", "AAAI", "IJCAI", "KDD", "WWW", "SIGIR", "WSDM", "CIKM", "COLT", "STOC", "FOCS", "SODA", "UAI",
    "AISTATS", "TACL", "JMLR", "TPAMI", "IEEE", "ACM", "arXiv", "ArXiv", "BMVC", "WACV", "ICASSP", "MICCAI",
    "CoRL", "RSS", "ICRA", "IROS", "TMLR", "PMLR", "LREC", "INTERSPEECH", "ICLR'", "OpenReview",
    # organisations and platforms
    "OpenAI", "DeepMind", "GitHub", "HuggingFace", "Hugging", "Google", "Microsoft", "Meta", "Anthropic",
    "Alibaba", "Baidu", "Tencent", "ByteDance", "Amazon", "AWS", "IBM", "MIT", "CMU", "UCLA", "UC", "USA",
    "US", "UK", "EU", "AllenAI", "LAION", "PyTorch", "TensorFlow", "JAX", "Kaggle", "YouTube", "Wikipedia",
    "Reddit", "Twitter", "StackOverflow", "LinkedIn", "WeChat", "iPhone", "macOS", "iOS", "Android", "Linux",
    # file formats, languages of computing, misc
    "API", "APIs", "URL", "URLs", "HTML", "CSS", "JSON", "XML", "PDF", "SQL", "CSV", "YAML", "HTTP", "HTTPS",
    "LaTeX", "TeX", "ASCII", "UTF", "ID", "IDs", "OOD", "IID", "iid", "SOTA", "SoTA", "FAQ", "TL;DR", "Q&A",
    "PhD", "MSc", "BSc", "AM", "PM", "OK", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII",
    "README", "TODO", "QA", "VQA", "NER", "POS", "MT", "ASR", "TTS", "OCR", "NLU", "NLG", "NLI", "IR", "RE",
    "AI", "AGI", "ML", "DL", "NLP", "CV", "RL", "LLM", "LLMs", "LM", "LMs", "MLLM", "MLLMs", "VLM", "VLMs",
    "LVLM", "LVLMs", "PLM", "PLMs", "PTM", "PTMs", "DNN", "DNNs", "CNN", "CNNs", "RNN", "RNNs", "GNN", "GNNs",
    "MLP", "MLPs", "NN", "NNs", "ANN", "ANNs", "SNN", "SNNs", "GAN", "GANs", "VAE", "VAEs", "EBM", "EBMs",
    "KV", "SSM", "SSMs", "RAG", "SFT", "ICL", "KD", "CL", "SSL", "PEFT", "PTQ", "QAT", "NAS",
    "MARL", "IRL", "HPO", "AutoML", "XAI", "MDP", "MDPs", "POMDP", "POMDPs", "PDE",
    "PDEs", "ODE", "ODEs", "SDE", "SDEs", "KL", "MSE", "RMSE", "MI", "ELBO",
    "GP", "GPs", "SVM", "SVMs", "MCMC", "EM", "PCA", "ICA", "SVD", "FFT", "DFT", "IB", "NTK", "LoC", "BoW",
    "CLS", "EOS", "BOS", "MRI", "CT", "ECG", "EEG", "fMRI", "DNA", "RNA", "COVID", "ImageNet-scale", "Web",
    "UI", "GUI", "GUIs", "UX", "IoT", "AR", "VR", "XR", "3D", "2D", "1D", "4D", "6D", "HD", "4K", "8K", "RGB",
    "RGB-D", "LiDAR", "GPS", "SLAM", "ROS", "E2E", "T2I", "T2V", "I2V", "TTA", "DA", "DG", "FL", "HCI",
}
HUMAN_LANGUAGES = {
    "English", "Chinese", "French", "German", "Spanish", "Japanese", "Korean", "Russian", "Arabic", "Hindi",
    "Italian", "Portuguese", "Dutch", "Turkish", "Vietnamese", "Thai", "Indonesian", "Swahili", "Bengali",
    "Urdu", "Persian", "Greek", "Hebrew", "Polish", "Czech", "Swedish", "Finnish", "Ukrainian", "Mandarin",
}
_STOP_RX = re.compile(
    r"^(?:[WAK]\d+(?:A\d+)?(?:KV\d+)?|INT\d+|FP\d+|BF\d+|UINT\d+|[A-Z]\d{1,2}|\d+[A-Za-z]{0,2}|[A-Z]{1}|"
    r"(?:" + "|".join(HUMAN_LANGUAGES) + r")(?:-\w+)?|Top-?\d+|top-?\d+|Pass@\d+|pass@\d+|[A-Z]+@\d+|"
    r"Fig(?:ure)?s?|Table|Tab|Eq|Sec(?:tion)?|Appendix|Section|Step|Stage|Phase|Part)$"
)
_YEAR_SUFFIX = re.compile(r"['’]\d+$")
_STOP_FOLD = {s.casefold() for s in STOP_TOKENS}


@lru_cache(maxsize=1 << 16)
def is_stop(name: str) -> bool:
    """Units, hardware, venues, organisations, human languages, generic acronyms."""
    s = name.strip()
    if "'" in s or "’" in s:
        s = _YEAR_SUFFIX.sub("", s)
    if not s or s in STOP_TOKENS or _STOP_RX.match(s):
        return True
    return len(s) <= 6 and s.casefold() in _STOP_FOLD  # "SotA", "Gpus"


_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|io|ai|net|edu)\b|@")
_URL_HINT_SCAN = AnchoredScan(_URL_HINT, dict.fromkeys(  # every match starts with one of these
    ("://", "www.", ".com", ".org", ".io", ".ai", ".net", ".edu", "@"), 0))


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (the whitespace-free run around ``://``, ``www.``,
    ``.com``, ``@``): nothing inside them is an entity.

    >>> t = "Code: https://github.com/JegZheng/x and mail a@b.org."
    >>> [t[a:b] for a, b in url_spans(t)]
    ['https://github.com/JegZheng/x', 'a@b.org.']
    """
    spans: list[tuple[int, int]] = []
    for m in _URL_HINT_SCAN.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        a = m.start()
        while a > 0 and not text[a - 1].isspace() and text[a - 1] not in "(\"'":
            a -= 1
        b = m.end()
        n = len(text)
        while b < n and not text[b].isspace() and text[b] not in ")\"'":
            b += 1
        spans.append((a, b))
    return spans


# ------------------------------------------------------------------ introduced

INTRO_BEFORE = re.compile(
    r"\b(?:we|this (?:paper|work|study|article|report)|here(?:in)?|our work)\b[^.;]{0,60}?"
    r"\b(?:propos|introduc|present|releas|develop|design|build|built|construct|curat|creat|collect|contribut|"
    r"offer|devis|formulat|establish|put forward|train|open-sourc|publish|crowdsourc|annotat)\w*",
    re.IGNORECASE,
)
COMPARE_BEFORE = re.compile(
    r"\b(?:than|unlike|outperform\w*|surpass\w*|beat\w*|compared (?:to|with)|comparison (?:to|with)|versus|vs\.?|"
    r"baselines?(?: such as| like| including)?|such as|including|e\.g\.,?)\s+(?:the\s+)?"
    r"(?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
    re.IGNORECASE,
)
_INTRO_VERB = (
    r"(?:propos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|present(?:s|ed|ing)?|releas(?:e|es|ed|ing)|"
    r"develop(?:s|ed|ing)?|design(?:s|ed|ing)?|build(?:s|ing)?|built|construct(?:s|ed|ing)?|"
    r"curat(?:e|es|ed|ing)|creat(?:e|es|ed|ing)|collect(?:s|ed|ing)?|contribut(?:e|es|ed|ing)|"
    r"devis(?:e|es|ed|ing)|dubbed|named|(?<!so-)called|termed|coined|denoted as|referred to as|"
    # the authors naming their own thing: "which we call X", "we name it X", "we refer to it as X"
    r"(?<=\bwe )(?:name|call|term|dub|coin)|(?<=\bwe )refer to (?:[\w-]+\s+){0,3}?as)\b"
)
_VERB_OR_OUR = re.compile(rf"\b(?:{_INTRO_VERB}|our\b)", re.IGNORECASE)
_FILLER = re.compile(r"(?:[\s:(),]|\d)+(?:[\w'’-]+[\s,:()]+(?:\d\)\s*)?){0,8}[(\"“'*]?\s*")
_NOT_OURS = re.compile(
    r"\b(?:inspired by|following|follow|unlike|like|compared|than|existing|prior|previous(?:ly)?|original(?:ly)?|"
    r"recent(?:ly)?|popular|baselines?|such as|including|e\.g\.|(?<!-)based|built (?:up)?on|extend\w*|improv\w*|"
    r"outperform\w*|surpass\w*|beat\w*|"
    r"apply|applying|use|using|leverag\w*|adopt\w*|adapt\w*|modify\w*|revisit\w*|stud\w+|analy[sz]\w*|"
    r"extensions?|variants?|versions?|modifications?|generali[sz]ations?|"
    r"vs\.?|versus|against|over|to|for|on|into|with|from|within|across|by|in|at|between|under|upon|via|"
    r"concept|notion|idea|principle|standard|conventional|traditional|widely|well-known|state-of-the-art|sota|other|both|several)\b",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:recently|previously|originally|widely|commonly|been|was|were|is|are|being|already|"
    r"recent|existing|popular|prior|previous|other|later)\s+$",
    re.IGNORECASE,
)
_AUTHORIAL = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Tt]his (?:paper|work|study|report)|[Hh]ere(?:in)?)\b")
_NAMING_VERB = re.compile(r"(?:dubbed|named|called|termed|coined|denoted|referred|name|call|term|dub|coin|refer)\b",
                          re.IGNORECASE)
_OLD_THING = re.compile(r"\b(?:recent|existing|popular|prior|previous|well-known|widely|standard|classic|"
                        r"known|famous|established)\b", re.IGNORECASE)
_INTRO_AFTER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:which|that)?\s*(?:is|are)?\s*(?:a|an)\s+(?:new|novel)\b|"
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:is|are)\s+(?:proposed|introduced|presented|released)\b|"
    r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:our|a)\s+(?:new|novel|proposed)\b",
    re.IGNORECASE,
)


INTRO_VERB_REACH = 120  # characters from a proposing verb to the name it proposes


def intro_cue_after(after: str) -> bool:
    """The words right after a name say it is new (``X, a novel method``, ``X is proposed``).

    >>> intro_cue_after(", a novel loss for ..."), intro_cue_after(" improves accuracy")
    (True, False)
    """
    return after[:1] in " ,(" and _INTRO_AFTER.match(after) is not None  # every branch is anchored at ^


def intro_cue_before(before: str, after: str, known: bool,
                     verb: tuple[int, int] | None | bool = True) -> bool:
    """Whether the words around a name say the paper proposes it (``we propose X``, ``our X``).

    ``known`` names (in the gazetteer) need the verb right before them. ``verb`` may give the
    span (in ``before``) of the nearest proposing verb when the caller found it already
    (``None``: there is none).
    """
    if not known and intro_cue_after(after):
        return True
    if verb is True:
        found = None
        for found in _VERB_OR_OUR.finditer(before, max(0, len(before) - 120)):  # noqa: B007 (keep the last)
            continue
        verb = (found.start(), found.end()) if found is not None else None
    if verb is None or not isinstance(verb, tuple) or len(before) - verb[0] > INTRO_VERB_REACH:
        return False
    vs, ve = verb
    rest = before[ve:]
    if not _FILLER.fullmatch(rest):
        return False
    between = before[vs:]
    if _NOT_OURS.search(rest):
        return False
    if known and (not _ARTICLE_ONLY.fullmatch(rest) or not _AUTHORIAL.search(before, 0, vs)):
        # a known name is ours only when "we/our/this paper" proposes it right there: "we release
        # GPT-9", not "we propose expanding the shared Transformer module"
        return False
    if between[:3].casefold() == "our" and known:
        return False
    pre = before[max(0, vs - 60):vs]
    if _PASSIVE_BEFORE.search(pre):
        return False  # "recently proposed X", "X was introduced", "a model called X"
    if _NAMING_VERB.match(between):
        return not known and not _OLD_THING.search(pre[-50:])
    return True


_ARTICLE_ONLY = re.compile(r"\s*(?:(?:the|a|an)\s+)?", re.IGNORECASE)

_VERB_STEMS = ("propos", "introduc", "present", "releas", "develop", "design", "build", "built", "construct",
              "curat", "creat", "collect", "contribut", "devis", "dub", "name", "call", "term", "coin",
              "denoted", "refer", "our")
_VERB_FINDER = overlapping_matcher(_VERB_STEMS, dfa=True)


def verb_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of proposing/naming verbs and "our" in a sentence (see :func:`intro_cue_before`).

    >>> verb_spans("Our model, which we propose here, is fast.")
    [(0, 3), (20, 27)]
    """
    out = []
    low = sentence.lower()
    if len(low) != len(sentence):
        return [(m.start(), m.end()) for m in _VERB_OR_OUR.finditer(sentence)]
    for _, start, _ in _VERB_FINDER.find_matches_as_indexes(low, overlapping=True):
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            continue
        m = _VERB_OR_OUR.match(sentence, start)
        if m is not None:
            out.append((m.start(), m.end()))
    return out


def weak_cue(c: Candidate, text: str, idx: SentenceIndex) -> bool:
    """A bare acronym compared against or proposed in its sentence names a method or model."""
    s_start = idx.sentences[idx.at(c.start)][0]
    before = text[s_start:c.start]
    if COMPARE_BEFORE.search(before[-60:]):
        return True
    intro = None
    for intro in INTRO_BEFORE.finditer(before):  # noqa: B007 (keep the last)
        continue
    # "we present two new encodings, X and Y": the object of the verb, not a name in a later clause
    return intro is not None and len(before) - intro.end() <= 100 and not _CLAUSE_WORD.search(before, intro.end())


_CLAUSE_WORD = re.compile(r"\b(?:using|to|across|from|with|for|in|on|of|by|via|that|which|where|while)\b|[:;]")


def intro_near(c: Candidate, text: str, idx: SentenceIndex, known: bool = False) -> bool:
    """The words around the span ``c`` say the paper proposes it (``we propose X``, ``our X``,
    ``X, a novel ...``, ``a new X``); ``known`` names need the verb right before them. Cached
    per span in ``idx.memo``."""
    key = (c.start, c.end, known)
    cached = idx.memo.get(key)
    if cached is not None:
        return cached
    result = _intro_near_uncached(c, text, idx, known)
    idx.memo[key] = result
    return result


# "our general preference model (GPM)": the authors' own thing, spelt out in lower case
OUR_BEFORE = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# "through a novel Straight-Through Factorizer (STF) algorithm": a name the authors call new
_NEW_BEFORE = re.compile(r"\b(?:a|an)\s+(?:new|novel)\s+$", re.IGNORECASE)


def _intro_near_uncached(c: Candidate, text: str, idx: SentenceIndex, known: bool) -> bool:
    si = idx.at(c.start)
    s_start = idx.sentences[si][0]
    if not known and _NEW_BEFORE.search(text, max(s_start, c.start - 16), c.start):
        return True
    verbs = idx.verbs.get(si)
    if verbs is None:
        verbs = idx.verbs[si] = verb_spans(idx.sentences[si][2])
    rel = c.start - s_start
    nearest = None
    for vs, ve in verbs:
        if ve > rel:
            break
        nearest = (vs, ve)
    if nearest is None or rel - nearest[0] > INTRO_VERB_REACH:  # only "X, a new ..." can say it
        return not known and intro_cue_after(text[c.end:c.end + 80])
    return intro_cue_before(text[s_start:c.start], text[c.end:c.end + 80], known, nearest)


_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*) $")


def tail_of_not_entity(c: Candidate, text: str, gaz: Gazetteer) -> bool:
    """The capitalised words are the tail of a term that is no entity ("Neural Tangent Kernel" at the
    start of a title, where the title-case rule dropped the first word).

    >>> t = "Neural Tangent Kernel: Convergence"
    >>> tail_of_not_entity(Candidate(7, 21, "Tangent Kernel", 2, "titlecase"), t,
    ...                    Gazetteer([], [], ["Neural Tangent Kernel"]))
    True
    """
    m = _WORD_BEFORE.search(text, max(0, c.start - 30), c.start)
    return m is not None and gaz.is_not_entity(f"{m.group(1)} {c.surface}")


_LABEL = re.compile(r"\(([A-Z]{1,3})(\d{1,2})\)")


def enumeration_labels(text: str) -> set[str]:
    """Keys of list labels such as (O1), (O2), (RQ1), (RQ2): a letter prefix used in brackets with
    two or more numbers labels points of the paper, not models.

    >>> sorted(enumeration_labels("three issues: (O1) cost, (O2) speed. We address O1."))
    ['o1', 'o2']
    """
    if "(" not in text:
        return set()
    seen: dict[str, set[str]] = {}
    for m in _LABEL.finditer(text):
        seen.setdefault(m.group(1), set()).add(m.group(2))
    return {match_key(p + d) for p, ds in seen.items() if len(ds) >= 2 for d in ds}
