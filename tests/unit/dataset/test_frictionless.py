"""An independent check: the Frictionless reference implementation accepts the data package,
and rejects the same broken copies our validator rejects."""
from __future__ import annotations

import frictionless
import pytest

from atlas.dataset.validate import validate
from tests.helpers import DATA, rewrite


def frictionless_errors(folder):
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    return [(task.name, error.type) for task in report.tasks for error in task.errors] + \
           [("package", error.type) for error in report.errors]


def test_bundled_package_is_valid_for_frictionless():
    assert frictionless_errors(DATA) == []


@pytest.mark.parametrize("file,row_id,changes,error_type", [
    ("events.csv", "unscr-2254", {"date": "2015-13-40"}, "type-error"),
    ("demands.csv", "snc-fsa-2016-09-d09", {"category": "world-peace"}, "constraint-error"),
    ("mentions.csv", "snc-fsa-2016-09-m03", {"place_id": "atlantis"}, "foreign-key"),
    ("statements.csv", "snc-fsa-2016-09", {"summary": ""}, "constraint-error"),
])
def test_both_validators_reject_the_same_breakage(data_copy, file, row_id, changes, error_type):
    rewrite(data_copy / file, row_id, **changes)
    assert any(p.file == file for p in validate(data_copy))
    assert (file.removesuffix(".csv"), error_type) in frictionless_errors(data_copy)
