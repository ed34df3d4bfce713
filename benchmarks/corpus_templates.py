"""Vocabulary and sentence templates of the synthetic corpus (see generate_corpus.py).

Two kinds of abstract are built from them:

- *dense* (``BACKGROUND`` .. ``CLOSING``): every sentence names something, about 26 name
  mentions an abstract, above the 99th percentile of real listings: a stress corpus;
- *typical* (``PLAIN_*`` and ``NAMING_*``): sentences without names around a few that name
  models, benchmarks, datasets or earlier methods, so that the name density follows the real
  daily-paper sample (about 6 mentions an abstract, many with none, a long tail of lists).

>>> "{short}" in PROPOSE[0] and all("{" not in s for s in PLAIN_CLOSING)
True
"""

from __future__ import annotations

# ---------------------------------------------------------------- vocabulary
MODEL_FAMILIES: list[tuple[str, list[str], list[str]]] = [
    # family, versions, sizes
    ("Llama", ["-2", "-3", "-3.1", "-3.2", "-3.3"], ["1B", "3B", "7B", "8B", "13B", "70B", "405B"]),
    ("Qwen", ["2", "2.5", "3", "2-VL", "2.5-Math"], ["0.5B", "1.5B", "7B", "14B", "32B", "72B"]),
    ("Mistral", ["-7B-v0.1", "-7B-v0.3", "-Large-2", "-Nemo"], [""]),
    ("Gemma", ["-2", "-3", ""], ["2B", "7B", "9B", "27B"]),
    ("Phi", ["-2", "-3", "-3.5", "-4"], ["mini", "small", "medium"]),
    ("DeepSeek", ["-V2", "-V3", "-R1", "-Coder-V2", "-Math"], ["7B", "16B", "67B", ""]),
    ("Falcon", ["-2", "-3", ""], ["7B", "11B", "40B", "180B"]),
    ("InternLM", ["2", "2.5", "3"], ["1.8B", "7B", "20B"]),
    ("Yi", ["-1.5", ""], ["6B", "9B", "34B"]),
    ("OLMo", ["-1", "-2", ""], ["1B", "7B", "13B"]),
    ("Mixtral", ["-8x7B", "-8x22B"], [""]),
    ("GLM", ["-4"], ["9B", ""]),
    ("BLOOM", [""], ["560M", "3B", "7B1", "176B"]),
    ("T5", ["", "-v1.1"], ["Small", "Base", "Large", "XL", "XXL"]),
    ("Pythia", [""], ["70M", "160M", "410M", "1.4B", "2.8B", "6.9B", "12B"]),
]
CLOSED_MODELS = ["GPT-4o", "GPT-4", "GPT-3.5-Turbo", "GPT-4o-mini", "Claude-3.5-Sonnet", "Claude-3-Opus",
                  "Gemini-1.5-Pro", "Gemini-2.0-Flash", "o1-preview", "BERT-Base", "RoBERTa-Large", "CLIP-ViT-L",
                  "ViT-B/16", "SAM-2", "Whisper-Large-v3", "LLaVA-1.5-7B", "LLaVA-NeXT-34B", "InstructBLIP"]
DATASETS = ["ImageNet", "COCO", "SQuAD", "C4", "The Pile", "RedPajama", "LAION-5B", "OpenWebText", "WikiText-103",
             "Common Crawl", "ShareGPT", "UltraChat", "Alpaca", "OpenOrca", "MetaMathQA", "CodeAlpaca",
             "Visual Genome", "Kinetics-400", "LibriSpeech", "FineWeb", "Dolma", "SlimPajama", "ScienceQA",
             "TextCaps", "Objects365", "ADE20K", "Cityscapes", "nuScenes", "Waymo Open", "HotpotQA"]
BENCHMARKS = ["MMLU", "GSM8K", "HumanEval", "MATH", "BIG-Bench Hard", "ARC-Challenge", "HellaSwag", "TruthfulQA",
               "MT-Bench", "AlpacaEval", "WebArena", "SWE-bench", "MBPP", "GPQA", "MMMU", "MathVista",
               "LongBench", "RULER", "Chatbot Arena", "LiveCodeBench", "AgentBench", "ToolBench", "VQAv2",
               "TextVQA", "DocVQA", "ChartQA", "MMBench", "SEED-Bench", "Winogrande", "PIQA", "BoolQ",
               "Natural Questions", "TriviaQA", "DROP", "IFEval", "Arena-Hard", "AIME 2024", "OlympiadBench"]
SYNTH_BENCH_ROOTS = ["Reason", "Agent", "Code", "Vision", "Long", "Tool", "Math", "Plan", "Web", "Chart",
                      "Safety", "Med", "Legal", "Fin", "Audio", "Video", "Graph", "Table", "Science", "Robot"]
SYNTH_BENCH_SUFFIX = ["Bench", "Eval", "Arena", "QA"]
METHOD_WORDS_A = ["Adaptive", "Sparse", "Hierarchical", "Contrastive", "Progressive", "Dynamic", "Latent",
                   "Curriculum", "Self-Supervised", "Multi-Scale", "Retrieval-Augmented", "Mixture", "Federated",
                   "Gradient", "Token", "Layer-wise", "Reward", "Preference", "Causal", "Structured", "Modular",
                   "Iterative", "Uncertainty-Aware", "Memory", "Spectral", "Recursive", "Visual", "Temporal",
                   "Cross-Modal", "Efficient", "Robust", "Implicit", "Conditional", "Decoupled", "Hybrid"]
METHOD_WORDS_B = ["Attention", "Routing", "Distillation", "Alignment", "Pruning", "Quantization", "Decoding",
                   "Planning", "Reasoning", "Sampling", "Merging", "Calibration", "Compression", "Prompting",
                   "Retrieval", "Replay", "Search", "Fusion", "Adaptation", "Verification", "Exploration",
                   "Regularization", "Tokenization", "Scheduling", "Optimization", "Editing", "Grounding"]
METHOD_WORDS_C = ["Tuning", "Learning", "Training", "Policy", "Network", "Framework", "Transformer", "Optimization",
                   "Inference", "Adapter", "Model", "Estimation", "Pretraining", "Refinement"]
TASKS = ["long-context reasoning", "mathematical reasoning", "code generation", "instruction following",
          "visual question answering", "web navigation", "tool use", "machine translation", "summarization",
          "open-domain question answering", "image captioning", "video understanding", "speech recognition",
          "robotic manipulation", "text-to-image generation", "retrieval", "multi-turn dialogue",
          "theorem proving", "table understanding", "document parsing", "autonomous driving"]
PROBLEMS = ["high inference cost", "catastrophic forgetting", "reward hacking", "hallucination",
             "poor length generalization", "distribution shift", "quadratic attention cost",
             "limited labeled data", "brittle multi-step planning", "noisy supervision"]

# ---------------------------------------------------------------- templates
BACKGROUND = [
    "Large language models have achieved remarkable progress in {task}, yet they still suffer from {problem}.",
    "Recent advances in {task} have been driven by models such as {model} and {model2}.",
    "Despite strong results on {bench}, existing approaches to {task} remain limited by {problem}.",
    "Scaling models like {model} has improved {task}, but {problem} remains a central obstacle.",
    "Prior work such as {prior} addresses {problem} only partially and requires costly supervision.",
    "A growing body of work studies {task}, motivated by the success of {model} on {bench}.",
    "However, most existing methods for {task} rely on proprietary systems such as {model3}, which limits "
    "reproducibility and makes it difficult to analyse where the gains actually come from.",
    "Progress in {task} is commonly measured on {bench} and {bench2}, where {problem} dominates the error.",
]
PROPOSE = [
    "In this paper, we propose {long} ({short}), a simple and general approach to {task}.",
    "We introduce {long} ({short}), which tackles {problem} without additional supervision.",
    "To address this, we present {long} ({short}), a framework for {task} built on {model}.",
    "This work introduces {long} ({short}) to mitigate {problem} in {task}.",
]
METHOD = [
    "{short} decomposes each input into sub-problems and routes them to specialised modules.",
    "The key idea of {short} is to reuse intermediate representations across layers at negligible cost.",
    "Unlike {prior}, {short} requires no reward model and trains in a single stage.",
    "We further release {dataset_new}, a dataset of {num}K curated examples for {task}.",
    "{short} is trained on {dataset} and {dataset2} with a curriculum over difficulty.",
    "Our analysis shows that {short} reduces memory usage by {pct}% while preserving accuracy.",
    "We also construct {bench_new}, a benchmark of {num} tasks covering {task}.",
    "Concretely, {short} estimates the difficulty of each example online and allocates more computation to the "
    "hardest ones, which keeps the training budget fixed.",
    "We provide a theoretical analysis showing that {short} converges under mild assumptions and that its error "
    "bound improves with the number of retrieved examples.",
    "In contrast to {prior2}, which relies on hand-crafted heuristics, {short} learns when to stop from data.",
]
EVAL = [
    "We evaluate {short} on {bench}, {bench2} and {bench3} using {model} as the backbone.",
    "Experiments on {bench} and {bench2} show that {short} outperforms {prior} by {pct}%.",
    "Applied to {model}, {short} improves accuracy on {bench} from {score1}% to {score2}%.",
    "{short} outperforms {model2} on {bench} and matches {model3} on {bench2}.",
    "On {bench}, {short} with {model} surpasses strong baselines including {prior} and {prior2}.",
    "Fine-tuning {model} with {short} on {dataset} yields gains of {pct}% on {bench}.",
    "Compared with {model2} and {model3}, our {size} model achieves state-of-the-art results on {bench}.",
    "Extensive ablations on {bench2} confirm that each component of {short} contributes to the final performance, "
    "and that the gains hold across model scales from 1B to 70B parameters.",
    "Human evaluation further shows that outputs of {short} are preferred over those of {model2} in {pct}% of cases.",
]
CLOSING = [
    "Code and models are publicly available.",
    "These results suggest that {short} is a practical recipe for {task}.",
    "We hope {short} will serve as a strong baseline for future research on {task}.",
    "Our findings highlight the importance of {problem} for the next generation of models.",
]
TITLES = [
    "{short}: {long} for {Task}",
    "{short}: Towards Efficient {Task} with {long}",
    "{long} Improves {Task} in {model_family} Models",
    "Mitigating {Problem} in {Task} via {long}",
]

# ---------------------------------------------------------------- typical abstracts
# Sentences that name nothing: most of a real abstract. Slots: {task}, {problem}, {pct}, {num}.
PLAIN_BACKGROUND = [
    "Large language models have become a general-purpose tool for {task}.",
    "{Task} remains challenging because models must combine knowledge, planning and precise execution.",
    "A central obstacle in {task} is {problem}, which grows with the difficulty of the input.",
    "Existing approaches either rely on expensive human annotation or on heuristics that do not transfer "
    "across domains.",
    "Recent work has shown that scaling data and compute improves {task}, but the gains are uneven and "
    "costly to obtain.",
    "Most current systems are evaluated in narrow settings, so it is unclear how well they generalize.",
    "At the same time, {problem} makes deployed systems unreliable in practice.",
    "Understanding why models fail at {task} is therefore an important open question.",
]
PLAIN_GAP = [
    "However, little is known about how these methods behave when the training distribution shifts.",
    "These limitations call for methods that are both efficient and robust.",
    "In particular, current methods treat every input the same way, regardless of its difficulty.",
    "This leaves a gap between what models can do in controlled experiments and what users need.",
]
PLAIN_PROPOSE = [
    "In this paper, we propose a simple and general approach to {task} that addresses {problem}.",
    "We introduce a new training framework that mitigates {problem} without additional supervision.",
    "To address this, we present a method that learns when to allocate more computation to hard inputs.",
    "This work studies {task} from a data-centric perspective and proposes a lightweight alternative.",
]
PLAIN_DETAIL = [
    "Our approach first decomposes each input into smaller steps and then verifies each step before "
    "combining the results.",
    "The key idea is to reuse intermediate representations across layers, which adds negligible cost.",
    "We formulate the problem as a sequential decision process and optimise it with a learned critic.",
    "A lightweight scoring module estimates the difficulty of each example and adapts the budget online.",
    "We further provide a theoretical analysis showing convergence under mild assumptions.",
    "The method requires no additional labels and can be combined with existing training pipelines.",
    "We collect about {num} thousand examples with an automatic pipeline and filter them for quality.",
    "Training proceeds in two stages: supervised warm-up followed by reinforcement learning from feedback.",
    "To reduce cost, we distil the resulting behaviour into a smaller model that runs on a single device.",
    "We also analyse the failure cases and find that most errors come from {problem}.",
    "Rather than fine-tuning the whole network, we update a small set of parameters, which keeps memory usage "
    "low and makes the approach practical on commodity hardware.",
    "We design a curriculum that gradually increases the difficulty of training examples, so that the model "
    "first acquires basic skills and then learns to compose them.",
    "The resulting objective can be optimised with standard gradient methods and introduces only two "
    "hyperparameters, both of which are robust across tasks.",
    "To make the evaluation reliable, we decontaminate the test data and report the mean and variance over "
    "several random seeds.",
    "We additionally study how performance scales with the amount of training data and the size of the model.",
    "Our analysis reveals that a small fraction of the training examples accounts for most of the improvement.",
]
PLAIN_RESULT = [
    "Experiments across a range of settings show consistent improvements of up to {pct}% over strong baselines.",
    "Our method reduces inference cost by {pct}% while matching the accuracy of much larger systems.",
    "Ablation studies confirm that each component contributes to the final performance.",
    "The gains hold across model scales and are largest on the hardest examples.",
    "Human evaluation further shows that our outputs are preferred in {pct}% of comparisons.",
]
PLAIN_CLOSING = [
    "Code and data are publicly available.",
    "We hope our findings will inform future work on robust and efficient systems.",
    "Our results suggest a practical recipe for building more reliable models.",
    "We release our code, models and evaluation scripts to facilitate future research.",
]
# Sentences that name things. {names} is a list ("A", "A and B", "A, B and C") of one kind.
NAMING_PROPOSE = [
    "In this paper, we propose {long} ({short}), a simple and general approach to {task}.",
    "We introduce {long} ({short}), which tackles {problem} without additional supervision.",
    "To address this, we present {long} ({short}), a framework for {task}.",
    "This work introduces {long} ({short}) to mitigate {problem} in {task}.",
]
NAMING_REUSE = [  # the coined method named again later in the abstract
    "{short} requires no reward model and trains in a single stage.",
    "Experiments show that {short} consistently outperforms strong baselines.",
    "We find that {short} is especially effective on long and complex inputs.",
    "Notably, {short} adds less than {pct}% overhead at inference time.",
    "Beyond accuracy, {short} also improves calibration and robustness to paraphrased inputs.",
    "We show that {short} scales gracefully with model size and data.",
    "Further analysis reveals that {short} learns interpretable intermediate steps.",
    "In addition, {short} transfers to unseen tasks without retraining.",
]
NAMING_AGAIN = [  # one of the listed names named again
    "The improvement is largest with {name}, where errors drop by {pct}%.",
    "Interestingly, {name} benefits the most from the additional computation.",
    "A closer analysis on {name} shows where the remaining errors come from.",
]
NAMING_EVALUATION = [  # a model or the coined method evaluated on benchmarks: an EVALUATED_ON edge
    "{subject} improves accuracy on {names} by {pct}%.",
    "{subject} achieves state-of-the-art results on {names}.",
    "{subject} reaches {score}% on {names}, ahead of larger systems.",
]
NAMING_KIND: dict[str, list[str]] = {
    "model": [
        "We apply our method to {names} and observe consistent gains.",
        "Experiments with {names} as backbones show the approach is model-agnostic.",
        "Our best model matches the performance of {names} at a fraction of the cost.",
    ],
    "bench": [
        "We evaluate on {names}, where our approach improves accuracy by {pct}%.",
        "Results on {names} show clear improvements over prior work.",
        "On {names}, our method sets a new state of the art among open models.",
    ],
    "dataset": [
        "We train on {names} and evaluate generalization to unseen domains.",
        "Our training data combines {names} with synthetic examples.",
    ],
    "prior": [
        "Unlike {names}, our method needs no hand-crafted heuristics.",
        "Compared with {names}, our approach converges faster and uses less memory.",
    ],
}
PLAIN_TITLES = [  # {long}: a method described in words, without a coined name
    "{long} for {Task} under {Problem}",
    "Towards Reliable {Task}: {long} against {Problem}",
    "Mitigating {Problem} in {Task} with {long}",
    "Rethinking {Task} under {Problem} through {long}",
]
