"""The published JSON Schema agrees with our validator: examples pass both, and anything the
schema rejects our validator rejects too (ours adds checks a schema cannot express)."""

import copy
import json

import jsonschema
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vipscene_sim.cli.commands import schema_text
from vipscene_sim.validate import schema_valid, validate_document

SCHEMA = json.loads(schema_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
BASE = json.loads(EXAMPLES[0].read_text())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.floats(-1e3, 1e3, allow_nan=False)
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


def test_schema_is_valid_and_examples_pass():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for path in EXAMPLES:
        doc = json.loads(path.read_text())
        assert not list(VALIDATOR.iter_errors(doc)), path
        assert validate_document(doc) == [], path


def _locations(doc, prefix=()):
    """Every (container, key) pair in a JSON tree."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield doc, k
            yield from _locations(v)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield doc, i
            yield from _locations(v)


@st.composite
def mutated(draw):
    doc = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        locs = list(_locations(doc))
        container, key = locs[draw(st.integers(0, len(locs) - 1))]
        action = draw(st.sampled_from(["replace", "delete", "negate", "extra"]))
        if action == "replace":
            container[key] = draw(json_values)
        elif action == "delete":
            del container[key]
        elif action == "negate" and isinstance(container[key], (int, float)) and not isinstance(container[key], bool):
            container[key] = -container[key] - 1
        elif action == "extra" and isinstance(container, dict):
            container[draw(st.text(min_size=1, max_size=6))] = draw(json_values)
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_whatever_the_schema_rejects_the_validator_rejects(doc):
    rejected = bool(list(VALIDATOR.iter_errors(doc)))
    assert schema_valid(doc) == (not rejected), "the compiled fast check and jsonschema disagree"
    if rejected:
        assert validate_document(doc), "schema rejected a document our validator accepted"
