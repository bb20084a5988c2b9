"""What a page or the API may show of a case: personal data masked unless the viewer handles the case."""

from __future__ import annotations

from gongkai.applications import crypto, legal
from gongkai.applications.permissions import may_see_personal_data


def applicant_view(perms, case) -> dict:
    """The applicant's details for `perms`' user: in full for the clerk and head handling the case, masked
    for everyone else (reviewers, the 主管部门, the system administrator)."""
    a = case.applicant
    full = may_see_personal_data(perms, case)
    id_number = a.id_number if full else (crypto.mask_id(a.id_number) if a.id_number_encrypted else "")

    def show(value):
        return value if full else crypto.mask_text(value)

    return {
        "masked": not full,
        "name": a.name if full else crypto.mask_text(a.name),
        "id_type": a.get_id_type_display() if a.id_type else "",
        "id_number": id_number,
        "credit_code": a.credit_code,
        "legal_representative": show(a.legal_representative),
        "contact_person": show(a.contact_person),
        "phone": show(a.phone),
        "email": show(a.email),
        "address": show(a.address) if full else ("***" if a.address else ""),
        "postcode": a.postcode if full else "",
    }


def outcome_text(case) -> str:
    if not case.outcome:
        return ""
    return (
        f"{legal.outcome_label(case.outcome)}（{legal.reply_types().get(case.reply_type, case.reply_type)}）"
    )
