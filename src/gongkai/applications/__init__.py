"""依申请公开 casework: intake, the statutory clock, actions, notices with 文号, outcomes, appeals.

Every state change goes through `gongkai.applications.services`; queries through `selectors`; who may do
what is decided in `permissions`. See docs/applications.md.
"""
