"""Properties that hold for every valid input (hypothesis, bounded and deterministic)."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from netralitas.rules.behaviours import ALL_BEHAVIOURS
from netralitas.rules.catalogue import default_catalogue
from netralitas.rules.engine import EmployeeType, Facts, assess
from netralitas.rules.model import LEVEL_ORDER, Track

CAT = default_catalogue()
ASN_TRACKS = {Track.ETHICS, Track.DISCIPLINE, Track.DISMISSAL}

facts_strategy = st.builds(
    Facts,
    behaviours=st.frozensets(st.sampled_from(ALL_BEHAVIOURS), min_size=1, max_size=4),
    act_on=st.dates(min_value=date(2016, 1, 1), max_value=date(2027, 12, 31)),
    election_id=st.one_of(st.none(), st.sampled_from(sorted(CAT.elections))),
    employee_type=st.sampled_from(list(EmployeeType)),
    qualifiers=st.frozensets(st.sampled_from(sorted(CAT.qualifiers)), max_size=3),
    candidate_stage=st.sampled_from([None, "bakal_calon", "calon"]),
    candidate_stage_reason=st.sampled_from([None, "alasan petugas"]),
    position=st.one_of(
        st.none(),
        st.sampled_from(
            ["Camat Jekan Raya", "Kepala Desa Suka", "lurah", "guru", "Sekda", "Pjs Bupati", "honorer"]
        ),
        st.text(max_size=20),
    ),
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(facts_strategy)
def test_assessment_invariants(facts: Facts) -> None:
    a = assess(facts, CAT)
    json.dumps(a.to_dict())
    for f in a.findings:
        assert f.legal_basis, f.rule_id
        violation = CAT.violation(f.rule_id)
        assert violation.version_on(facts.act_on) is not None
        assert violation.conditions.behaviours_any & facts.behaviours
        if facts.employee_type is EmployeeType.NON_ASN:
            assert f.track not in ASN_TRACKS
    graded = [f for f in a.findings if f.track in ASN_TRACKS and f.level in LEVEL_ORDER]
    if graded:
        assert a.overall_level == max((f.level for f in graded), key=LEVEL_ORDER.index)
    if len(graded) > 1:
        assert a.overall_review_status == "needs_review"
    if facts.behaviours == {"none"}:
        assert not a.findings
    if any(f.review_status == "needs_review" for f in graded if f.level == a.overall_level):
        assert a.overall_review_status == "needs_review"


@settings(max_examples=100, deadline=None, derandomize=True)
@given(facts_strategy)
def test_position_derivations_never_override_the_officer(facts: Facts) -> None:
    a = assess(facts, CAT)
    assert a.facts.qualifiers == facts.qualifiers  # the given facts are kept as given
    if a.position is None:
        return
    assert a.position.qualifiers_added <= a.position.position.qualifiers
    assert not a.position.qualifiers_added & facts.qualifiers
    if facts.employee_type is not EmployeeType.UNKNOWN:
        assert a.position.employee_type_added is None
    if a.position.employee_type_added is EmployeeType.NON_ASN:
        assert not [f for f in a.findings if f.track in ASN_TRACKS]
    assert any("Jabatan" in line for line in a.trace)
