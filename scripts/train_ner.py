"""Train a language model's entity recogniser further on the golden files: the tuned weights
the pipeline loads (``pipeline/data/<language>/model.yaml``, ``tuned_ner``).

    .venv/bin/python scripts/train_ner.py --set data/raw tests/golden \\
        --set tests/holdout/raw tests/holdout/golden [--set RAW GOLD ...] [--language fr] [--out DIR]

Each ``--set`` pairs a folder of bulletins with the folder of their golden files. Only the
development halves may be given: never a blind half (``*/blind``), which estimates accuracy
on bulletins nobody trained or tuned on. The bulletins are read and cut into sections as a run
does (``prepare_document``); documents the pipeline reads in another language than
``--language`` (default English) are left out. Labels are those of the language's model (French:
PER, ORG, LOC), renamed as the pipeline renames them (``data/<language>/model.yaml``).

What the recogniser learns, per section, from the model's own entities and the golden file:

- every occurrence of a golden person's name is PERSON, of an organisation's name or acronym
  ORG, of a place's name GPE (LOC or FAC where the model said so on the same words); the
  longest name wins where names overlap;
- the model's other labels (dates, numbers, nationalities, works...) are kept as they are;
- an ORG, GPE, LOC or FAC of the model's that the golden file does not name is no entity;
- a PERSON of the model's made of a golden person's words ("Ann" after "Ann Carter") stays
  PERSON; another is left unannotated: a golden file names each person once, in one form, and
  teaching the recogniser that the other forms are no one cost more people than it saved
  (three folds of the development files: people F1 0.909 against 0.934 on average);
- words of an ``*_optional`` entry are left unannotated (neither right nor wrong).

Only the recogniser's weights change (it has its own token vectors in en_core_web_sm, so the
tagger and the parser are untouched). The weights are written to ``--out`` with a card beside
them (``ner.yaml``: the base model, the sets, the settings, the SHA-256 of the weights) that the
loader checks. Training is seeded: the same sets and settings give the same weights on one
machine; another CPU or BLAS may differ in the last digits.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example

from pipeline.core.settings import DEFAULT_LANGUAGE, DEFAULT_MODELS, Settings
from pipeline.execute.stages import prepare_document
from pipeline.extract.nlp import entity_labels
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.read.discover import discover
from pipeline.read.hashes import file_sha256
from pipeline.review.evaluate.golden import Golden, load_golden_dir

ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = ROOT / "pipeline" / "data" / "models"
# The model's labels the golden files speak for; its other labels are kept as they are.
GOLD_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
# Golden table, the keys holding its names, and the label they get.
_TABLES = (
    ("people", ("name",), "PERSON"),
    ("organisations", ("name", "acronym"), "ORG"),
    ("places", ("name",), "GPE"),
)


@dataclass(frozen=True)
class TrainingSettings:
    epochs: int = 12
    learn_rate: float = 0.0005
    dropout: float = 0.2
    batch_size: int = 8
    seed: int = 0


def _occurrences(text: str, name: str) -> Iterator[tuple[int, int]]:
    """Where ``name`` stands in ``text`` as whole words."""
    for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        yield match.start(), match.end()


def golden_names(gold: Golden, optional: bool = False) -> list[tuple[str, str]]:
    """(name, label) of every entity of the golden file (its ``*_optional`` entries with
    ``optional``), each alternative of each name key."""
    entries = gold.optional if optional else gold.entries
    names = []
    for table, keys, label in _TABLES:
        for entry in entries.get(table, ()):
            names.extend((text, label) for key in keys for text in entry.texts.get(key, ()) if len(text) > 1)
    return names


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in taken)


def _without_honorific(name: str, honorifics: Collection[str]) -> list[str]:
    """The words of ``name`` less the honorific it opens with ("Ms. Ann Roe" -> Ann, Roe)."""
    words = name.split()
    return (
        words[1:]
        if len(words) > 1 and (words[0] in honorifics or words[0].rstrip(".") in honorifics)
        else words
    )


def reference(
    doc: Doc, gold: Golden, labels: Mapping[str, str] | None = None, honorifics: Collection[str] = ()
) -> Doc:
    """The entities ``doc`` should have (see the module's docstring), on a copy of its tokens;
    ``doc`` is the model's parse of one section. ``labels`` renames the model's labels to the
    English scheme (``entity_labels``: French PER -> PERSON, LOC -> GPE); the reference is
    written back in the model's own. ``honorifics``: the people lexicon's, which open a name."""
    text = doc.text
    to_scheme = dict(labels or {})
    back = {scheme: own for own, scheme in to_scheme.items()}
    model_labels = {(e.start_char, e.end_char): to_scheme.get(e.label_, e.label_) for e in doc.ents}
    found = [(a, b, label) for name, label in golden_names(gold) for a, b in _occurrences(text, name)]
    found.sort(key=lambda span: (span[0] - span[1], span[0]))  # the longest first
    taken: list[tuple[int, int]] = []
    entities: list[tuple[int, int, str]] = []
    for a, b, label in found:
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is None or not len(span) or _overlaps(span.start_char, span.end_char, taken):
            continue
        if label == "GPE" and model_labels.get((span.start_char, span.end_char)) in {"LOC", "FAC"}:
            label = model_labels[(span.start_char, span.end_char)]
        taken.append((span.start_char, span.end_char))
        entities.append((span.start, span.end, label))
    unknown = [(a, b) for name, _ in golden_names(gold, optional=True) for a, b in _occurrences(text, name)]
    person_words = {w for name, label in golden_names(gold) if label == "PERSON" for w in name.split()}
    missing: list[tuple[int, int]] = []
    for ent in doc.ents:
        label = to_scheme.get(ent.label_, ent.label_)
        if _overlaps(ent.start_char, ent.end_char, taken):
            continue
        if label not in GOLD_LABELS:
            entities.append((ent.start, ent.end, label))
        elif _overlaps(ent.start_char, ent.end_char, unknown):
            missing.append((ent.start, ent.end))
        elif label == "PERSON" and set(_without_honorific(ent.text, honorifics)) <= person_words:
            entities.append((ent.start, ent.end, "PERSON"))
        elif label == "PERSON":
            missing.append((ent.start, ent.end))  # another form of a person's name, or not a person
        else:
            continue  # an organisation or place the golden file does not list: no entity
        taken.append((ent.start_char, ent.end_char))
    for a, b in unknown:
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is not None and len(span) and not _overlaps(span.start_char, span.end_char, taken):
            missing.append((span.start, span.end))
            taken.append((span.start_char, span.end_char))
    ref = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
    ents = spacy.util.filter_spans(
        [Span(ref, s, e, label=back.get(label, label)) for s, e, label in entities]
    )
    holes = [Span(ref, s, e) for s, e in missing if not any(s < x.end and x.start < e for x in ents)]
    ref.set_ents(ents, missing=spacy.util.filter_spans(holes), default="outside")
    return ref


def section_texts(
    raw: Path, golds: Sequence[Golden], settings: Settings, language: str = DEFAULT_LANGUAGE
) -> Iterator[tuple[Golden, list[str]]]:
    """Each golden file of ``golds`` whose bulletin is in ``raw`` and read in ``language``, with
    the texts of its sections as a run cuts them."""
    sources = {source.relative_path: source for source in discover(raw).files}
    for gold in golds:
        source = sources.get(gold.source_name)
        if source is None:
            print(f"skipped {gold.path.name}: {gold.source_name} not in {raw}", file=sys.stderr)
            continue
        prepared = prepare_document(source, settings)
        if prepared.read_as != language:
            print(f"skipped {gold.path.name}: read as {prepared.read_as!r}", file=sys.stderr)
            continue
        yield gold, [s.text for s in prepared.sections]


def train(nlp: Language, examples: list[Example], options: TrainingSettings) -> list[float]:
    """Update ``nlp``'s entity recogniser alone on ``examples``; the loss of each epoch."""
    random.seed(options.seed)
    spacy.util.fix_random_seed(options.seed)
    losses_per_epoch = []
    with nlp.select_pipes(enable=["ner"]):
        optimizer = nlp.resume_training()
        optimizer.learn_rate = options.learn_rate
        for _ in range(options.epochs):
            random.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in spacy.util.minibatch(examples, size=options.batch_size):
                nlp.update(batch, drop=options.dropout, sgd=optimizer, losses=losses)
            losses_per_epoch.append(losses.get("ner", 0.0))
    return losses_per_epoch


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", nargs=2, action="append", metavar=("RAW", "GOLD"), type=Path, required=True)
    parser.add_argument("--language", default=DEFAULT_LANGUAGE, help="the bulletins' language (default en)")
    parser.add_argument("--model", help="base spaCy model (default: the language's, pipeline settings)")
    parser.add_argument(
        "--out", type=Path, help="folder of the weights (default pipeline/data/models/LANG/ner)"
    )
    defaults = TrainingSettings()
    parser.add_argument("--epochs", type=int, default=defaults.epochs)
    args = parser.parse_args(argv)
    for _, gold_dir in args.set:
        if "blind" in gold_dir.parts:
            parser.error(f"{gold_dir}: a blind half is never trained on")
    options = TrainingSettings(epochs=args.epochs)
    nlp = spacy.load(args.model or DEFAULT_MODELS[args.language])
    out = args.out or MODELS_DIR / args.language / "ner"
    labels = entity_labels(args.language)
    honorifics = frozenset(load_people_lexicon(args.language).honorifics)
    settings = Settings(progress=False)
    examples = []
    documents = []
    for raw, gold_dir in args.set:
        for gold, texts in section_texts(raw, load_golden_dir(gold_dir), settings, args.language):
            documents.append(f"{gold_dir.as_posix()}/{gold.path.name}")
            for doc in nlp.pipe(texts):
                examples.append(Example(nlp.make_doc(doc.text), reference(doc, gold, labels, honorifics)))
    print(f"{len(documents)} bulletins, {len(examples)} sections")
    losses = train(nlp, examples, options)
    print("loss per epoch:", " ".join(f"{loss:.0f}" for loss in losses))
    out.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe("ner").to_disk(out, exclude=["vocab"])  # the model's own vocabulary serves
    digest = file_sha256(out / "model")
    card = {
        "base_model": f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}",
        "trained_on": sorted(documents),
        "settings": vars(options),
        "sha256": digest,
    }
    header = "# Written by scripts/train_ner.py: how the tuned entity weights beside this file were made.\n"
    out.with_suffix(".yaml").write_text(header + yaml.safe_dump(card, sort_keys=False), encoding="utf-8")
    print(f"weights: {out} (sha256 {digest[:16]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
