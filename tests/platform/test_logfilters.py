"""Personal data never reaches a log line in clear."""

from __future__ import annotations

import io
import logging

import pytest

from gongkai.logfilters import MaskPersonalDataFilter, mask_personal_data


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("申请人身份证号 360983199001011234 已登记", "360983199001011234"),
        ("申请人身份证号 36098319900101123X 已登记", "36098319900101123X"),
        ("旧身份证 360983900101123 已登记", "360983900101123"),
        ("手机：13912345678，请回电", "13912345678"),
        ("手机：+86 139-1234-5678", "139-1234-5678"),
        ("座机 0795-5212315 转办公室", "5212315"),
        ("邮箱 zhang.san@example.com", "zhang.san@example.com"),
        ("住址：江西省高安市瑞州街道锦江路88号3栋201室", "锦江路88号"),
        ("地址 高安市筠阳街道凤凰村12号", "凤凰村12号"),
    ],
)
def test_masks_personal_data(text, secret):
    masked = mask_personal_data(text)
    assert secret not in masked
    assert "***" in masked


def test_keeps_ordinary_text_and_numbers():
    text = "处理申请 id=42，耗时 153 毫秒，共 20 个工作日，高府办发〔2024〕3号"
    assert mask_personal_data(text) == text


def emit(message: str, *args, exc: BaseException | None = None) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("gongkai.tests.masking")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        if exc is None:
            logger.warning(message, *args)
        else:
            try:
                raise exc
            except type(exc):
                logger.exception(message, *args)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_filter_masks_arguments_merged_into_the_message():
    output = emit("application from %s phone %s", "360983199001011234", "13912345678")
    assert output.strip() == "application from *** phone ***"


def test_filter_masks_exception_text():
    output = emit("failed", exc=ValueError("bad id 360983199001011234"))
    assert "360983199001011234" not in output
    assert "ValueError: bad id ***" in output


def test_settings_attach_the_filter_to_every_handler():
    from django.conf import settings

    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "mask_personal_data" in handler["filters"], name
    assert (
        settings.LOGGING["filters"]["mask_personal_data"]["()"] == "gongkai.logfilters.MaskPersonalDataFilter"
    )


def reachable_handlers(logger: logging.Logger) -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        # pytest's own capturing handlers sit on the root logger during tests; they are not ours.
        handlers += [h for h in current.handlers if not type(h).__module__.startswith("_pytest")]
        current = current.parent if current.propagate else None
    return handlers


@pytest.mark.parametrize(
    "name", ["", "django", "django.request", "django.server", "django.security.csrf", "axes", "gongkai"]
)
def test_every_handler_a_record_can_reach_masks_it(name):
    handlers = reachable_handlers(logging.getLogger(name))
    assert handlers, f"logger {name!r} reaches no handler"
    for handler in handlers:
        assert any(isinstance(f, MaskPersonalDataFilter) for f in handler.filters), (name, handler)


# Each form of personal data the security review put into URLs (L6), as it is written in a path, with
# the part that must not appear in any log line.
URL_FORMS = [
    ("11010119900307123X", "11010119900307123X"),  # ID number
    ("sfz110101199003071234", "110101199003071234"),  # ID number glued to letters
    ("110101199003071234abc", "110101199003071234"),
    ("13812345678", "13812345678"),  # mobile
    ("138-1234-5678", "1234-5678"),
    ("138+1234+5678", "1234+5678"),  # "+" between groups (a percent-encoded space)
    ("%2B86%20138%201234%205678", "1234%205678"),  # percent-encoded +86 138 1234 5678
    ("０７９５-５２１２３１５", "５２１２３１５"),  # full-width landline
    ("１３８１２３４５６７８", "１３８１２３４５６７８"),  # full-width mobile
    ("zhang.san@example.com", "zhang.san@example.com"),
    ("zhang.san%40example.com", "zhang.san%40example.com"),  # percent-encoded e-mail
    ("江西省高安市锦江路88号3栋201室", "锦江路88号"),  # street address
    # percent-encoded 高安市锦江路88号
    ("%E9%AB%98%E5%AE%89%E5%B8%82%E9%94%A6%E6%B1%9F%E8%B7%AF88%E5%8F%B7", "%E9%94%A6%E6%B1%9F%E8%B7%AF88"),
]


@pytest.mark.parametrize(("form", "secret"), URL_FORMS)
def test_masks_each_url_form_in_plain_text(form, secret):
    from urllib.parse import unquote

    masked = mask_personal_data(f"GET /portal/{form}/ 404")
    assert secret not in masked and unquote(secret) not in masked
    assert masked.startswith("GET /portal/") and "***" in masked


def test_masks_django_escaped_not_found_lines():
    # Django 5.2 writes non-ASCII paths as \uXXXX escapes in "Not Found:" lines.
    line = "Not Found: /portal/" + "".join(f"\\u{ord(c):04x}" for c in "高安市锦江路") + "88\\u53f7/"
    assert "锦江路" not in mask_personal_data(line)
    assert mask_personal_data(line) == "Not Found: /portal/***/"
    kept = "Not Found: /portal/\\u653f\\u52a1\\u516c\\u5f00/"  # 政务公开: no personal data, kept as it was
    assert mask_personal_data(kept) == kept


def test_escapes_of_control_characters_stay_escaped():
    assert mask_personal_data("Not Found: /a\\x1b[31m/13812345678") == "Not Found: /a\\x1b[31m/***"
    assert mask_personal_data("Not Found: /a\\x1b[31m/") == "Not Found: /a\\x1b[31m/"


@pytest.mark.django_db
@pytest.mark.parametrize(("form", "secret"), URL_FORMS)
def test_django_request_log_masks_each_form(client, form, secret):
    from urllib.parse import unquote

    handler = next(h for h in logging.getLogger("django").handlers if isinstance(h, logging.StreamHandler))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        response = client.get(f"/portal/{form}/")
    finally:
        handler.setStream(previous)
    assert response.status_code == 404
    output = stream.getvalue()
    assert "Not Found" in output
    assert secret not in output and unquote(secret) not in output


def test_gunicorn_access_log_masks_each_form(tmp_path):
    """A real gunicorn, started as `gongkai serve --prod` starts it, logs every request path masked."""
    from urllib.parse import quote, unquote

    from tests.support.servers import gunicorn, platform_env

    log = tmp_path / "gunicorn.log"
    with gunicorn(platform_env(tmp_path), log) as server:
        for form, _secret in URL_FORMS:
            status, _headers = server.get("/portal/" + quote(form, safe="%+@") + "/")
            assert status == 404
    output = log.read_text(encoding="utf-8", errors="replace")
    lines = [line for line in output.splitlines() if '"GET /portal/' in line]
    assert len(lines) == len(URL_FORMS)
    assert all("***" in line and '/" 404 ' in line for line in lines), lines
    for _form, secret in URL_FORMS:
        assert secret not in output and unquote(secret) not in output, secret
