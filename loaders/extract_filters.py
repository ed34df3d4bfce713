"""What is not an entity, what type a name has in context, and whether the paper introduces it.

>>> is_stop("GPU"), is_stop("NeurIPS"), is_stop("FP16"), is_stop("WebRL")
(True, True, True, False)
>>> intro_cue_before("In this paper, we propose ", "", known=False)
True
>>> intro_cue_before("Unlike prior work, we compare with ", "", known=False)
False
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

import ahocorasick

from citegraph.models import EntityType

from .candidates import Candidate
from .gazetteer import Gazetteer, overlapping_matcher
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


_TLD_HINT = re.compile(r"\.(?:com|org|io|ai|net|edu)\b")
_URL_HINT = re.compile(r"://|www\.|\.(?:com|org|io|ai|net|edu)\b|@")


def url_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses (the whitespace-free run around ``://``, ``www.``,
    ``.com``, ``@``): nothing inside them is an entity.

    >>> t = "Code: https://github.com/JegZheng/x and mail a@b.org."
    >>> [t[a:b] for a, b in url_spans(t)]
    ['https://github.com/JegZheng/x', 'a@b.org.']
    """
    spans: list[tuple[int, int]] = []
    if "://" not in text and "www." not in text and "@" not in text and not _TLD_HINT.search(text):
        return spans
    for m in _URL_HINT.finditer(text):
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
    r"\b(?:than|outperform\w*|surpass\w*|beat\w*|compared (?:to|with)|comparison (?:to|with)|versus|vs\.?|"
    r"baselines?(?: such as| like| including)?|such as|including|e\.g\.,?)\s+(?:the\s+)?"
    r"(?:[\w-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
    re.IGNORECASE,
)
_INTRO_VERB = (
    r"(?:propos(?:e|es|ed|ing)|introduc(?:e|es|ed|ing)|present(?:s|ed|ing)?|releas(?:e|es|ed|ing)|"
    r"develop(?:s|ed|ing)?|design(?:s|ed|ing)?|build(?:s|ing)?|built|construct(?:s|ed|ing)?|"
    r"curat(?:e|es|ed|ing)|creat(?:e|es|ed|ing)|collect(?:s|ed|ing)?|contribut(?:e|es|ed|ing)|"
    r"devis(?:e|es|ed|ing)|dubbed|named|called|termed|coined|denoted as|referred to as)\b"
)
_VERB_OR_OUR = re.compile(rf"\b(?:{_INTRO_VERB}|our\b)", re.IGNORECASE)
_FILLER = re.compile(r"(?:[\s:(),]|\d)+(?:[\w'’-]+[\s,:()]+(?:\d\)\s*)?){0,8}[(\"“'*]?\s*")
_NOT_OURS = re.compile(
    r"\b(?:inspired by|following|follow|unlike|like|compared|than|existing|prior|previous(?:ly)?|original(?:ly)?|"
    r"recent(?:ly)?|popular|baselines?|such as|including|e\.g\.|based|built (?:up)?on|extend\w*|improv\w*|"
    r"apply|applying|use|using|leverag\w*|adopt\w*|adapt\w*|modify\w*|revisit\w*|stud\w+|analy[sz]\w*|"
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
_NAMING_VERB = re.compile(r"(?:dubbed|named|called|termed|coined|denoted|referred)\b", re.IGNORECASE)
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

_VERB_STEMS: Any = ahocorasick.Automaton()
for _stem in ("propos", "introduc", "present", "releas", "develop", "design", "build", "built", "construct",
              "curat", "creat", "collect", "contribut", "devis", "dubbed", "named", "called", "termed", "coined",
              "denoted", "referred", "our"):
    _VERB_STEMS.add_word(_stem, _stem)
_VERB_STEMS.make_automaton()
_VERB_FINDER = overlapping_matcher(list(_VERB_STEMS.keys()), dfa=True)  # same hits, same order, faster


def verb_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of proposing/naming verbs and "our" in a sentence (see :func:`intro_cue_before`).

    >>> verb_spans("Our model, which we propose here, is fast.")
    [(0, 3), (20, 27)]
    """
    out = []
    low = sentence.lower()
    if len(low) != len(sentence):
        return [(m.start(), m.end()) for m in _VERB_OR_OUR.finditer(sentence)]
    if _VERB_FINDER is not None:
        hits = [hit[1] for hit in _VERB_FINDER.find_matches_as_indexes(low, overlapping=True)]
    else:
        hits = [end_idx + 1 - len(stem) for end_idx, stem in _VERB_STEMS.iter(low)]
    for start in hits:
        if start and (low[start - 1].isalnum() or low[start - 1] == "_"):
            continue
        m = _VERB_OR_OUR.match(sentence, start)
        if m is not None:
            out.append((m.start(), m.end()))
    return out


# ------------------------------------------------------------------ types

_NOUN_AFTER = re.compile(
    r"^\s*(?:\([^)]{1,40}\)\s*)?(?:,\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,5}?)?"
    r"(dataset|data set|corpus|corpora|benchmark|leaderboard|suite|test set|evaluation|"
    r"model|models|LLM|checkpoint|method|framework|algorithm|approach|technique|loss|strategy|module|"
    r"mechanism|architecture|prompting|objective|estimator|metric|regulari[sz]er|optimizer|layer|block)s?\b"
    r"(?!-|\s*\([^()]{0,20}\)-)",  # not "a language model (LLM)-based metric"
    re.IGNORECASE,
)
_NOUN_BEFORE = re.compile(
    r"\b(dataset|data set|corpus|benchmark|leaderboard|suite|test set|model|method|framework|algorithm|"
    r"approach|technique|loss|strategy|module|mechanism|architecture|metric|estimator)s?"
    r"\s*(?:,\s*)?(?:called|named|dubbed|termed|coined|denoted as)?\s*(?:the\s+)?[(\"“'*]?\s*$",
    re.IGNORECASE,
)
_NOUN_STEMS = ("data", "corpus", "bench", "leaderboard", "suite", "test set", "model", "method", "framework",
               "algorithm", "approach", "technique", "loss", "strategy", "module", "mechanism", "architecture",
               "metric", "estimator")
_NOUN_STEM_RX = re.compile("|".join(_NOUN_STEMS), re.IGNORECASE)


def _has_noun_stem(text: str, pos: int) -> bool:
    """``_NOUN_STEM_RX.search(text, pos)`` as a truth value; on ASCII text (where ignoring case
    is lower-casing) a substring test per stem, which is much faster than the regex.

    >>> _has_noun_stem("the new Model ", 0), _has_noun_stem("we use ", 0)
    (True, False)
    """
    if not text.isascii():
        return _NOUN_STEM_RX.search(text, pos) is not None
    low = text[pos:].lower()
    return any(stem in low for stem in _NOUN_STEMS)


_NOUN_TYPE = {
    "dataset": EntityType.DATASET, "data set": EntityType.DATASET, "corpus": EntityType.DATASET,
    "corpora": EntityType.DATASET, "benchmark": EntityType.BENCHMARK, "leaderboard": EntityType.BENCHMARK,
    "suite": EntityType.BENCHMARK, "test set": EntityType.BENCHMARK, "evaluation": EntityType.BENCHMARK,
    "model": EntityType.MODEL, "models": EntityType.MODEL, "llm": EntityType.MODEL,
    "checkpoint": EntityType.MODEL,
}
_BENCH_SHAPE = re.compile(
    r"(?:Bench|Benchmark|Eval|Arena|GLUE|(?<=[a-z-])QA|Leaderboard)(?:-[\w.]+)?$|^(?:MMLU|BIG-?[Bb]ench)"
)
_DATA_SHAPE = re.compile(r"(?:-\d+(?:\.\d+)?[KkM]|Data|Corpus|-Instruct-\d+[Kk])$")
_MODEL_SHAPE = re.compile(
    r"(?:^|[-\s])\d+(?:\.\d+)?[BM]$|-(?:XL|L|B|S|H|G)/\d+$|(?:GPT|BERT|LLaMA|Llama|T5)\b|LLMs?$|-LM$"
)
_EVAL_BEFORE = re.compile(
    r"\b(?:evaluat\w*|results?|experiments?|performance|accuracy|scores?|benchmark(?:s|ed|ing)?|tested|"
    r"state-of-the-art|SOTA|sota|gains?|improvements?|outperform\w*|test\w*)\b(?:\s+[\w-]+){0,3}?"
    r"\s+(?:on|across|over)\s+(?:the\s+|both\s+)?(?:[\w'’.-]+(?:\s*,\s*|\s+and\s+|\s+or\s+))*$",
    re.IGNORECASE,
)
_TRAIN_BEFORE = re.compile(
    r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*|finetun\w*|distill\w*|sampled|collected|drawn)\s+"
    r"(?:\w+\s+){0,3}(?:on|from|with)\s+(?:the\s+)?(?:[\w'’.-]+(?:\s*,\s*|\s+and\s+))*$",
    re.IGNORECASE,
)


_FAMILY_ENDINGS: dict[int, tuple[set[str], list[int]]] = {}
_VERSION_TAIL = re.compile(r"-?v?\d+(?:\.\d+)*$")


def ends_with_model_family(name: str, gaz: Gazetteer) -> bool:
    """A coined name ending in a pure model family (``AutoShopGLM``, ``CodeBERT``, ``ZpT5``); families
    that are also methods (``Mamba``) do not count.

    >>> from citegraph.loaders.gazetteer import Gazetteer
    >>> g = Gazetteer.from_rows([("BERT", "Model", "", "")], ["BERT"], [])
    >>> ends_with_model_family("GraphCodeBERT", g), ends_with_model_family("BERT", g)
    (True, False)
    """
    cached = _FAMILY_ENDINGS.get(id(gaz))
    if cached is None:
        fams: set[str] = set()
        for f in gaz.families:
            entry = gaz.lookup(gaz.family_of.get(f, f))
            pure_model = entry is None or (entry.type == EntityType.MODEL and entry.alt_type != EntityType.METHOD)
            if len(f) >= 3 and not f.islower() and pure_model:
                fams.add(f)
        cached = _FAMILY_ENDINGS[id(gaz)] = (fams, sorted({len(f) for f in fams}))
    fams, lengths = cached
    stem = _VERSION_TAIL.sub("", name) if name[-1:].isdigit() else name
    for n in lengths:
        if n < len(stem) and stem[-n:] in fams and stem[-n - 1].islower():
            return True
    return False


def type_noun_beside(c: Candidate, text: str, idx: SentenceIndex) -> EntityType | None:
    """The type a noun right beside the name gives it (``X dataset``, ``a novel method, X``,
    ``X, a lightweight speech model``), or ``None``.

    >>> t = "We introduce a novel method, ZapLM, and ZapSet, a corpus of forms."
    >>> ix = SentenceIndex(t)
    >>> spans = [(t.index(n), t.index(n) + len(n), n) for n in ("ZapLM", "ZapSet")]
    >>> [type_noun_beside(Candidate(a, b, n, 2, "token"), t, ix) for a, b, n in spans]
    [<EntityType.METHOD: 'Method'>, <EntityType.DATASET: 'Dataset'>]
    """
    key = ("noun", c.start, c.end)  # a span is asked about several times per paper
    try:
        return idx.memo[key]  # type: ignore[no-any-return]
    except KeyError:
        t = idx.memo[key] = _type_noun_beside(c.start, c.end, text, idx)
        return t


def _type_noun_beside(start: int, end: int, text: str, idx: SentenceIndex) -> EntityType | None:
    s_start, s_end, _ = idx.sentences[idx.at(start)]
    after = text[end:min(s_end, end + 60)]
    m = _NOUN_AFTER.match(after)
    noun = m.group(1).lower() if m else None
    if noun is None:
        before = text[max(s_start, start - 80):start]
        if _has_noun_stem(before, max(0, len(before) - 48)):
            mb = _NOUN_BEFORE.search(before, max(0, len(before) - 48))
            noun = mb.group(1).lower() if mb else None
            if mb is not None and "," in mb.group(0) and not _APPOSITION_END.match(after):
                noun = None  # "with a reference model, X improves": a clause, not "a new model, X, ..."
    return None if noun is None else _NOUN_TYPE.get(noun, EntityType.METHOD)


_APPOSITION_END = re.compile(r"\s*(?:[,.;:(]|$|(?:that|which|to|for)\b)")


@lru_cache(maxsize=1 << 16)
def type_from_shape(name: str, gaz: Gazetteer) -> EntityType | None:
    """The type the gazetteer or the name's shape gives (``...Bench``, ``...-7B``, ``CodeBERT``),
    or ``None``: a pure function of the name, cached because names repeat across abstracts.

    >>> from citegraph.loaders.gazetteer import Gazetteer
    >>> g = Gazetteer.from_rows([("BERT", "Model", "", "")], ["BERT"], [])
    >>> [type_from_shape(n, g) for n in ("ZapBench", "Zap-7B", "ZapBERT", "Zap")]  # doctest: +NORMALIZE_WHITESPACE
    [<EntityType.BENCHMARK: 'Benchmark'>, <EntityType.MODEL: 'Model'>, <EntityType.MODEL: 'Model'>, None]
    """
    entry = gaz.lookup(name)
    if entry is not None:
        return entry.type
    if _BENCH_SHAPE.search(name):
        return EntityType.BENCHMARK
    if _DATA_SHAPE.search(name):
        return EntityType.DATASET
    if _MODEL_SHAPE.search(name) or (" " not in name and ends_with_model_family(name, gaz)):
        return EntityType.MODEL  # "Llama-2-7B", "AutoShopGLM", "CodeBERT": a family name at the end
    return None


def decide_type_from_context(c: Candidate, text: str, idx: SentenceIndex, gaz: Gazetteer,
                             explicit_only: bool = False) -> EntityType | None:
    """Type of a name: a type noun beside it, then its shape, then the verbs before it.

    With ``explicit_only`` only a type noun beside the name counts (``None`` otherwise).
    """
    t = type_noun_beside(c, text, idx)
    if t is not None and (not explicit_only or t != EntityType.METHOD):
        return t
    if explicit_only:
        return None
    if c.type is not None:
        return c.type
    shaped = type_from_shape(c.surface, gaz)
    if shaped is not None:
        return shaped
    if c.source in {"acronym-long", "titlecase", "naming"}:
        return EntityType.METHOD
    s_start = idx.sentences[idx.at(c.start)][0]
    before = text[max(s_start, c.start - 80):c.start]
    if " on " in before or " across " in before or " over " in before or " from " in before \
            or " with " in before:
        if _EVAL_BEFORE.search(before):
            return EntityType.BENCHMARK
        if _TRAIN_BEFORE.search(before):
            return EntityType.DATASET
    return EntityType.METHOD


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/\s*|&\s*)$")


_LIST_TYPED_SOURCES = {"gazetteer", "model-grammar", "model-size", "typed"}
_MAX_LIST_GAP = 8


class ListNeighbours:
    """The type of the list a name stands in (``GLUE, SuperGLUE and XNLI``), from a neighbour
    with a non-Method type from the gazetteer, the model grammar or a type noun.

    Built once from the chosen spans: the typed neighbours are sorted by where they end and
    start, so a question bisects to the few within reach of the name instead of scanning every
    span of the paper. Those neighbours must keep their types while list
    members are typed (the extractor only retypes other sources).

    >>> t = "We test on GLUE, SuperGLUE and XNLI."
    >>> spans = [(t.index(n), t.index(n) + len(n), n) for n in ("GLUE", "SuperGLUE", "XNLI")]
    >>> glue, sg, xnli = [Candidate(a, b, n, 2, "token") for a, b, n in spans]
    >>> glue.source, glue.type = "gazetteer", EntityType.BENCHMARK
    >>> ListNeighbours([glue, sg, xnli], t).type_of(sg), ListNeighbours([glue, sg, xnli], t).type_of(xnli)
    (<EntityType.BENCHMARK: 'Benchmark'>, None)
    """

    def __init__(self, chosen: list[Candidate], text: str) -> None:
        self.text = text
        typed = [(order, other) for order, other in enumerate(chosen)
                 if other.type not in (None, EntityType.METHOD) and other.source in _LIST_TYPED_SOURCES]
        self._by_end = sorted(typed, key=lambda o: o[1].end)
        self._ends = [other.end for _, other in self._by_end]
        self._by_start = sorted(typed, key=lambda o: o[1].start)
        self._starts = [other.start for _, other in self._by_start]

    def type_of(self, c: Candidate) -> EntityType | None:
        """The type of the first neighbour (in the order of the chosen spans) that a list gap
        (``, ``, `` and ``, ``/``) joins to ``c``, or ``None``."""
        text = self.text
        found: list[tuple[int, Candidate]] = []
        lo = bisect_left(self._ends, c.start - _MAX_LIST_GAP)
        hi = bisect_left(self._ends, c.start, lo)
        for order, other in self._by_end[lo:hi]:
            if other is not c and _LIST_GAP.match(text[other.end:c.start]):
                found.append((order, other))
        lo = bisect_left(self._starts, c.end + 1)
        hi = bisect_right(self._starts, c.end + _MAX_LIST_GAP, lo)
        for order, other in self._by_start[lo:hi]:
            if other is not c and _LIST_GAP.match(text[c.end:other.start]):
                found.append((order, other))
        return min(found, key=lambda o: o[0])[1].type if found else None
