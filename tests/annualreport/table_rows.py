"""The rows of table 3 as printed, typed by hand (not taken from the model, so a model change shows).

Shared by the reader tests that spell out every expected cell, row by row.
"""

# 2021 format: 25 rows, from 一、本年新收 to 四、结转下年度.
TABLE3_ROWS_2021 = [
    "new",
    "carried_over",
    "results.granted",
    "results.partially_granted",
    "results.denied.state_secret",
    "results.denied.prohibited_by_law",
    "results.denied.security_stability",
    "results.denied.third_party_rights",
    "results.denied.internal_affairs",
    "results.denied.process_information",
    "results.denied.enforcement_case_file",
    "results.denied.administrative_query",
    "results.unable.not_held",
    "results.unable.needs_creation",
    "results.unable.still_unclear",
    "results.not_handled.petition_complaint",
    "results.not_handled.repeated",
    "results.not_handled.publication",
    "results.not_handled.excessive",
    "results.not_handled.confirm_or_reissue",
    "results.other.no_correction",
    "results.other.fee_unpaid",
    "results.other.other",
    "results.total",
    "carried_forward",
]
# 2019 trial format: （六）其他处理 is one row.
TABLE3_ROWS_2019 = [
    r for r in TABLE3_ROWS_2021 if r not in ("results.other.no_correction", "results.other.fee_unpaid")
]
