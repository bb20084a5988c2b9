"""Audit verbs of the organs app, with their Chinese labels (registered in `OrgansConfig.ready`)."""

from enum import StrEnum


class OrganVerb(StrEnum):
    ORGAN_CREATED = "organ.created"
    ORGAN_UPDATED = "organ.updated"
    ROLE_GRANTED = "role.granted"
    ROLE_REVOKED = "role.revoked"


VERBS = {
    OrganVerb.ORGAN_CREATED: "新建机关",
    OrganVerb.ORGAN_UPDATED: "修改机关信息",
    OrganVerb.ROLE_GRANTED: "授予角色",
    OrganVerb.ROLE_REVOKED: "撤销角色",
}
